package io.berth.core.workload;

/**
 * Requests of a pod set whose amount depends on the flavor tried (berth.deviceQuota.allocationModeAll:
 * devices counted on the flavor's nodes). Flavor assignment adds them to the pod set's fixed requests.
 */
public interface FlavorDependentRequests {
    /** Whether the resource's amount depends on the flavor. */
    boolean charges(int resource);

    /** Why the flavor cannot serve the pod set (e.g. none of the devices on its nodes), or null. */
    String mismatch(String flavor);

    /** The per-pod amount (in the resource's counting unit) the flavor adds to the resource; 0 for other resources. */
    long perPod(int resource, String flavor);
}
