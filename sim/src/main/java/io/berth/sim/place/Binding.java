package io.berth.sim.place;

/**
 * A pod bound to a node: the node's index in the cluster and, for GPU pods, the GPUs it holds
 * (their indexes on the node; one index for a GPU share) and, with DRA placement, the name of the
 * ResourceClaim allocated for them (null otherwise).
 */
public record Binding(int node, PodRequest pod, int[] gpus, String claim) {
    public Binding(int node, PodRequest pod, int[] gpus) {
        this(node, pod, gpus, null);
    }
}
