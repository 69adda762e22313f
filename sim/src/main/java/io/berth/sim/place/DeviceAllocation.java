package io.berth.sim.place;

/**
 * Chooses the devices of GPU pods (DRA placement). The {@link Cluster} asks it only on nodes whose
 * counts already fit the pod, then holds exactly the GPUs it granted, so counts and devices agree.
 */
public interface DeviceAllocation {
    /** Devices granted to one pod: the claim holding them and the GPUs (indexes on the node). */
    record Grant(String claim, int[] gpus) {
    }

    /** The devices for the pod on the node, or null when the node cannot serve it. */
    Grant allocate(int node, PodRequest pod);

    /** Frees the claim's devices on the node and returns the GPUs it held. */
    int[] release(int node, String claim);
}
