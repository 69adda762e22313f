package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.WorkloadInfo;

/**
 * An admitted workload that may be preempted, with the ClusterQueue it runs in, the lowest
 * common ancestor cohort with the preemptor (null in the same queue) and how it would be preempted.
 */
record Candidate(WorkloadInfo workload, ClusterQueueNode cq, CohortNode lca, Variant variant) {

    /** How a candidate would be preempted; each maps to a Kueue Preempted condition reason. */
    enum Variant {
        WITHIN_CLUSTER_QUEUE("InClusterQueue"),
        HIERARCHICAL_RECLAIM("InCohortReclamation"),
        RECLAIM_WITHOUT_BORROWING("InCohortReclamation"),
        RECLAIM_WHILE_BORROWING("InCohortReclaimWhileBorrowing");

        final String reason;

        Variant(String reason) {
            this.reason = reason;
        }
    }

    /** Whether it may only be taken while the preemptor does not borrow. */
    boolean reclaimsWithoutBorrowing() {
        return variant == Variant.RECLAIM_WITHOUT_BORROWING;
    }

    /**
     * Kueue's candidate order between a and b, given whether each is in the preemptor's own queue:
     * already evicted first, other queues before the preemptor's own, then
     * {@link AdmittedWorkloads#CANDIDATE_ORDER}. Callers know each one's queue, so no name is compared.
     */
    static int compare(WorkloadInfo a, boolean aOwn, WorkloadInfo b, boolean bOwn) {
        int byEviction = evictedFirst(a, b);
        if (byEviction != 0) {
            return byEviction;
        }
        if (aOwn != bOwn) {
            return aOwn ? 1 : -1;
        }
        return AdmittedWorkloads.CANDIDATE_ORDER.compare(a, b);
    }

    private static int evictedFirst(WorkloadInfo a, WorkloadInfo b) {
        return a.isEvicted() == b.isEvicted() ? 0 : a.isEvicted() ? -1 : 1;
    }
}
