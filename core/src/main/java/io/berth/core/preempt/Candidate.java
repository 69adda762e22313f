package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
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

    /**
     * Kueue's candidate order: already evicted first, other queues before the preemptor's own,
     * lower priority first, most recently admitted first, then uid (namespace/name without one).
     */
    static Comparator<Candidate> order(String preemptorQueue) {
        return Comparator.comparing(Candidate::workload, workloadOrder(preemptorQueue));
    }

    /** The same order on admitted workloads. */
    static Comparator<WorkloadInfo> workloadOrder(String preemptorQueue) {
        return Comparator.<WorkloadInfo, Boolean>comparing(w -> !w.isEvicted())
                .thenComparing(w -> w.admission().clusterQueue().equals(preemptorQueue))
                .thenComparingInt(WorkloadInfo::priority)
                .thenComparing(Comparator.comparingLong(WorkloadInfo::admittedAt).reversed())
                .thenComparing(Candidate::uidOrKey);
    }

    static String uidOrKey(WorkloadInfo w) {
        String uid = w.spec().metadata().uid();
        return uid == null || uid.isEmpty() ? w.key() : uid;
    }
}
