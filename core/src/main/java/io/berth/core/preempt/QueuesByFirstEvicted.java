package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.quota.NodeMap;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.WorkloadInfo;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Per cohort, its child ClusterQueues with workloads being evicted that are not set aside, in the
 * candidate order of the first such workload. None of a queue's evicted candidates comes before
 * it, so a merge of those candidates needs to read a queue only once the merge reaches that bound.
 * Made per cohort at first use in a cycle and kept as the scheduler changes a queue's usage or
 * workloads between searches (a search's own removals are undone before it ends).
 */
final class QueuesByFirstEvicted {
    private final AdmittedWorkloads admitted;
    private final NodeMap<NavigableSet<ClusterQueueNode>> byCohort;
    /** The workload each listed queue is placed by. */
    private final NodeMap<WorkloadInfo> firstOf;

    QueuesByFirstEvicted(QuotaTree tree, AdmittedWorkloads admitted) {
        this.admitted = admitted;
        this.byCohort = new NodeMap<>(tree);
        this.firstOf = new NodeMap<>(tree);
    }

    /** The cohort's child queues with workloads being evicted that still hold quota, by their first one. */
    NavigableSet<ClusterQueueNode> of(CohortNode cohort) {
        NavigableSet<ClusterQueueNode> queues = byCohort.get(cohort);
        if (queues == null) {
            queues = new TreeSet<>((a, b) -> AdmittedWorkloads.CANDIDATE_ORDER.compare(firstOf.get(a), firstOf.get(b)));
            if (admitted.anyEvicted()) {
                for (ClusterQueueNode q : cohort.childQueues()) {
                    place(queues, q);
                }
            }
            byCohort.put(cohort, queues);
        }
        return queues;
    }

    /**
     * The first workload being evicted of a queue listed by {@link #of}: none of its evicted
     * candidates comes before.
     */
    WorkloadInfo bound(ClusterQueueNode q) {
        return firstOf.get(q);
    }

    /** q's usage or admitted workloads changed: its first workload being evicted may have been set aside. */
    void changed(ClusterQueueNode q) {
        NavigableSet<ClusterQueueNode> queues = q.hasParent() ? byCohort.get(q.parent()) : null;
        if (queues != null) {
            if (firstOf.containsKey(q)) {
                queues.remove(q); // found by the workload it was placed by
            }
            place(queues, q);
        }
    }

    private void place(NavigableSet<ClusterQueueNode> queues, ClusterQueueNode q) {
        WorkloadInfo first = admitted.queue(q).firstEvicted();
        if (first == null) {
            firstOf.remove(q);
            return;
        }
        firstOf.put(q, first);
        queues.add(q);
    }

    /** Forgets everything: the admitted workloads may change outside a cycle. */
    void clear() {
        byCohort.clear();
        firstOf.clear();
    }
}
