package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.quota.NodeMap;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Per cohort, its child ClusterQueues that borrow and hold admitted workloads neither set aside
 * nor evicted, in the candidate order of the first such workload. No candidate of a queue comes
 * before it (evicted ones are merged apart), so a merge of the queues' candidates needs to read a
 * queue only once the merge reaches that bound. Made per cohort at first use in a cycle and kept
 * as the scheduler changes a queue's usage or workloads between searches (a search's own
 * removals are undone before it ends). Also per cohort, its child queues with evicted workloads,
 * which no cycle changes.
 */
final class QueuesByFirstAdmitted {
    private final AdmittedWorkloads admitted;
    private final NodeMap<NavigableSet<ClusterQueueNode>> byCohort;
    private final NodeMap<List<ClusterQueueNode>> withEvictedByCohort;
    /** The first admitted workload each listed queue is placed by. */
    private final NodeMap<WorkloadInfo> firstOf;
    private final Comparator<ClusterQueueNode> order;

    QueuesByFirstAdmitted(QuotaTree tree, AdmittedWorkloads admitted) {
        this.admitted = admitted;
        this.byCohort = new NodeMap<>(tree);
        this.withEvictedByCohort = new NodeMap<>(tree);
        this.firstOf = new NodeMap<>(tree);
        this.order = (a, b) -> AdmittedWorkloads.CANDIDATE_ORDER.compare(firstOf.get(a), firstOf.get(b));
    }

    /** The cohort's child queues that borrow and hold workloads, by their first one. */
    NavigableSet<ClusterQueueNode> of(CohortNode cohort) {
        NavigableSet<ClusterQueueNode> queues = byCohort.get(cohort);
        if (queues == null) {
            queues = new TreeSet<>(order);
            for (ClusterQueueNode q : cohort.borrowingChildQueues()) {
                place(queues, q);
            }
            byCohort.put(cohort, queues);
        }
        return queues;
    }

    /** The cohort's child queues with evicted workloads that still hold quota. */
    List<ClusterQueueNode> withEvicted(CohortNode cohort) {
        List<ClusterQueueNode> queues = withEvictedByCohort.get(cohort);
        if (queues == null) {
            queues = new ArrayList<>();
            if (admitted.anyEvicted()) {
                for (ClusterQueueNode q : cohort.childQueues()) {
                    if (admitted.hasEvictedIn(q.name())) {
                        queues.add(q);
                    }
                }
            }
            withEvictedByCohort.put(cohort, queues);
        }
        return queues;
    }

    /** The first admitted workload of a queue listed by {@link #of}: no candidate of it comes before. */
    WorkloadInfo bound(ClusterQueueNode q) {
        return firstOf.get(q);
    }

    /** q's usage or admitted workloads changed: it may start or stop borrowing, its first workload may change. */
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
        WorkloadInfo first = q.isBorrowing() ? firstLive(q) : null;
        if (first == null) {
            firstOf.remove(q);
            return;
        }
        firstOf.put(q, first);
        queues.add(q);
    }

    private WorkloadInfo firstLive(ClusterQueueNode q) {
        for (WorkloadInfo w : admitted.in(q.name())) {
            if (!w.isSetAside() && !w.isEvicted()) {
                return w;
            }
        }
        return null;
    }

    /** Forgets everything: the admitted workloads may change outside a cycle. */
    void clear() {
        byCohort.clear();
        withEvictedByCohort.clear();
        firstOf.clear();
    }
}
