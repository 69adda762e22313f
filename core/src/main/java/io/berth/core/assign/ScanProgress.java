package io.berth.core.assign;

import java.util.List;

/**
 * Where the last flavor search of a workload stopped, per pod set and resource (Kueue's
 * LastAssignment): the next search resumes after that flavor instead of starting over, while
 * the workload is retried in the following cycle or the queue's quota has not changed since.
 * pendingFlavors: whether some resource's search stopped before the last flavor, worked out
 * here (use {@link #of}), while the search's results are still at hand.
 */
public record ScanProgress(long cycle, long generation, List<PodSetResult> podSets, boolean pendingFlavors) {
    public ScanProgress {
        podSets = List.copyOf(podSets);
    }

    public static ScanProgress of(long cycle, long generation, List<PodSetResult> podSets) {
        return new ScanProgress(cycle, generation, podSets, stoppedEarly(podSets));
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
