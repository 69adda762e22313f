package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.quota.NodeMap;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.WorkloadInfo;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Per cohort, its child ClusterQueues that borrow and hold admitted workloads neither set aside
 * nor evicted, in the candidate order of the first such workload. No candidate of a queue comes
 * before it (evicted ones are merged apart), so a merge of the queues' candidates needs to read a
 * queue only once the merge reaches that bound. Likewise, per cohort, its child queues with
 * workloads being evicted (not set aside), in the order of the first of those, for the merge of
 * evicted candidates. Made per cohort at first use in a cycle and kept as the scheduler changes a
 * queue's usage or workloads between searches (a search's own removals are undone before it ends).
 */
final class QueuesByFirstAdmitted {
    private final AdmittedWorkloads admitted;
    private final Ordering live;
    private final Ordering evicted;

    QueuesByFirstAdmitted(QuotaTree tree, AdmittedWorkloads admitted) {
        this.admitted = admitted;
        this.live = new Ordering(tree, CohortNode::borrowingChildQueues, this::firstLive);
        this.evicted = new Ordering(tree, this::childQueuesIfAnyEvicted, q -> admitted.firstEvictedIn(q.name()));
    }

    /** The cohort's child queues that borrow and hold workloads, by their first one. */
    NavigableSet<ClusterQueueNode> of(CohortNode cohort) {
        return live.of(cohort);
    }

    /** The first admitted workload of a queue listed by {@link #of}: no candidate of it comes before. */
    WorkloadInfo bound(ClusterQueueNode q) {
        return live.firstOf.get(q);
    }

    /** The cohort's child queues with workloads being evicted that still hold quota, by their first one. */
    NavigableSet<ClusterQueueNode> withEvicted(CohortNode cohort) {
        return evicted.of(cohort);
    }

    /**
     * The first workload being evicted of a queue listed by {@link #withEvicted}: none of its
     * evicted candidates comes before.
     */
    WorkloadInfo evictedBound(ClusterQueueNode q) {
        return evicted.firstOf.get(q);
    }

    /** q's usage or admitted workloads changed: it may start or stop borrowing, its first workloads may change. */
    void changed(ClusterQueueNode q) {
        live.changed(q);
        evicted.changed(q);
    }

    private WorkloadInfo firstLive(ClusterQueueNode q) {
        if (!q.isBorrowing()) {
            return null;
        }
        for (WorkloadInfo w : admitted.in(q.name())) {
            if (!w.isSetAside() && !w.isEvicted()) {
                return w;
            }
        }
        return null;
    }

    private Collection<ClusterQueueNode> childQueuesIfAnyEvicted(CohortNode cohort) {
        return admitted.anyEvicted() ? cohort.childQueues() : List.of();
    }

    /** Forgets everything: the admitted workloads may change outside a cycle. */
    void clear() {
        live.clear();
        evicted.clear();
    }

    /** Per cohort, the queues that have a first workload of one kind, in the candidate order of that workload. */
    private static final class Ordering {
        private final Function<CohortNode, Collection<ClusterQueueNode>> queuesOf;
        private final Function<ClusterQueueNode, WorkloadInfo> firstWorkload;
        private final NodeMap<NavigableSet<ClusterQueueNode>> byCohort;
        /** The workload each listed queue is placed by. */
        private final NodeMap<WorkloadInfo> firstOf;

        Ordering(QuotaTree tree, Function<CohortNode, Collection<ClusterQueueNode>> queuesOf,
                 Function<ClusterQueueNode, WorkloadInfo> firstWorkload) {
            this.queuesOf = queuesOf;
            this.firstWorkload = firstWorkload;
            this.byCohort = new NodeMap<>(tree);
            this.firstOf = new NodeMap<>(tree);
        }

        NavigableSet<ClusterQueueNode> of(CohortNode cohort) {
            NavigableSet<ClusterQueueNode> queues = byCohort.get(cohort);
            if (queues == null) {
                queues = new TreeSet<>(
                        (a, b) -> AdmittedWorkloads.CANDIDATE_ORDER.compare(firstOf.get(a), firstOf.get(b)));
                for (ClusterQueueNode q : queuesOf.apply(cohort)) {
                    place(queues, q);
                }
                byCohort.put(cohort, queues);
            }
            return queues;
        }

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
            WorkloadInfo first = firstWorkload.apply(q);
            if (first == null) {
                firstOf.remove(q);
                return;
            }
            firstOf.put(q, first);
            queues.add(q);
        }

        void clear() {
            byCohort.clear();
            firstOf.clear();
        }
    }
}
