package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.WorkloadInfo;
import java.util.Comparator;

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
     * Already evicted first, then {@link AdmittedWorkloads#CANDIDATE_ORDER}: the order of any one
     * queue's candidates.
     */
    static final Comparator<WorkloadInfo> EVICTED_FIRST = (a, b) -> {
        int byEviction = evictedFirst(a, b);
        return byEviction != 0 ? byEviction : AdmittedWorkloads.CANDIDATE_ORDER.compare(a, b);
    };

    /**
     * Kueue's candidate order: already evicted first, other queues before the preemptor's own,
     * then {@link AdmittedWorkloads#CANDIDATE_ORDER}.
     */
    static Comparator<WorkloadInfo> workloadOrder(String preemptorQueue) {
        int preemptorHash = preemptorQueue.hashCode();
        return (a, b) -> {
            int byEviction = evictedFirst(a, b);
            if (byEviction != 0) {
                return byEviction;
            }
            boolean aOwn = isNamed(a.admission().clusterQueue(), preemptorQueue, preemptorHash);
            boolean bOwn = isNamed(b.admission().clusterQueue(), preemptorQueue, preemptorHash);
            if (aOwn != bOwn) {
                return aOwn ? 1 : -1;
            }
            return AdmittedWorkloads.CANDIDATE_ORDER.compare(a, b);
        };
    }

    private static int evictedFirst(WorkloadInfo a, WorkloadInfo b) {
        return a.isEvicted() == b.isEvicted() ? 0 : a.isEvicted() ? -1 : 1;
    }

    /** name.equals(queue), deciding most other queues by the hash codes strings keep. */
    private static boolean isNamed(String name, String queue, int queueHash) {
        return name == queue || (name.hashCode() == queueHash && name.equals(queue));
    }
}
