package io.berth.api.kueue;

/** spec.preemption of a ClusterQueue. */
public record ClusterQueuePreemption(PreemptionPolicy reclaimWithinCohort, BorrowWithinCohort borrowWithinCohort,
                                     PreemptionPolicy withinClusterQueue) {
    public static final ClusterQueuePreemption DEFAULT =
            new ClusterQueuePreemption(PreemptionPolicy.Never, BorrowWithinCohort.NEVER, PreemptionPolicy.Never);
}
