package io.berth.core.assign;

import java.util.List;

/**
 * Where the last flavor search of a workload stopped, per pod set and resource (Kueue's
 * LastAssignment): the next search resumes after that flavor instead of starting over, while
 * the workload is retried in the following cycle or the queue's quota has not changed since.
 */
public final class ScanProgress {
    private final long cycle;
    private final long generation;
    private final List<PodSetResult> podSets;
    /** Whether some resource's search stopped before the last flavor: worked out while the results are at hand. */
    private final boolean pendingFlavors;

    /** cycle: the engine's cycle of the search; generation: its ClusterQueue's, then. */
    public ScanProgress(long cycle, long generation, List<PodSetResult> podSets) {
        this.cycle = cycle;
        this.generation = generation;
        this.podSets = List.copyOf(podSets);
        this.pendingFlavors = stoppedEarly(podSets);
    }

    public long cycle() {
        return cycle;
    }

    public long generation() {
        return generation;
    }

    /** Whether some resource's search stopped before the last flavor. */
    public boolean pendingFlavors() {
        return pendingFlavors;
    }

    /** The flavor index to start from for a resource of a pod set. */
    int nextFlavor(int podSet, int resource) {
        if (podSet >= podSets.size()) {
            return 0;
        }
        PodSetResult ps = podSets.get(podSet);
        for (int r = 0; r < ps.resources().length; r++) {
            if (ps.resources()[r] == resource) {
                return ps.tried()[r] + 1;
            }
        }
        return 0;
    }

    private static boolean stoppedEarly(List<PodSetResult> podSets) {
        for (PodSetResult ps : podSets) {
            for (int t : ps.tried()) {
                if (t >= 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
