package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.quota.NodeMap;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.WorkloadInfo;
import java.util.BitSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Per cohort, the admitted workloads of its child queues that borrow, but those being evicted,
 * merged in candidate order, for the current cycle: merged as far as some search needs and
 * replayed for the next ones, instead of every search merging the queues again. Only a queue that
 * borrows can be a source, so a search does not pass the workloads of the many that do not.
 * Readers skip the workloads set aside themselves; those at the front are passed for good. A
 * queue that admits, or starts to borrow while left out, makes its cohort's merge start over; a
 * queue that stops borrowing stays in, as each search judges the queues itself.
 */
final class MergedAdmitted {
    /** An admitted workload with its queue. */
    record Entry(WorkloadInfo workload, ClusterQueueNode cq) {
    }

    /** A cohort's merge, and which of its child queues (by child index) it holds. */
    private record Merge(ReplayedSequence<Entry> entries, BitSet queues) {
    }

    private final AdmittedWorkloads admitted;
    private final NodeMap<Merge> byCohort;

    MergedAdmitted(QuotaTree tree, AdmittedWorkloads admitted) {
        this.admitted = admitted;
        this.byCohort = new NodeMap<>(tree);
    }

    /**
     * The cohort's child queues' admitted workloads, in candidate order, but those evicted; some
     * may be set aside (the reader skips them), so that a reader passing a queue's workloads
     * without looking at them does not read them at all.
     */
    Iterator<Entry> of(CohortNode cohort) {
        Merge merged = byCohort.get(cohort);
        if (merged == null) {
            BitSet queues = new BitSet();
            merged = new Merge(new ReplayedSequence<>(merge(cohort, queues), e -> e.workload().isSetAside()), queues);
            byCohort.put(cohort, merged);
        }
        return merged.entries().unfiltered();
    }

    /** q admitted a workload: its cohort's merge misses it. */
    void admitted(ClusterQueueNode q) {
        if (q.hasParent()) {
            byCohort.remove(q.parent());
        }
    }

    /** q's usage changed: if it now borrows, its cohort's merge may have left it out. */
    void usageChanged(ClusterQueueNode q) {
        if (!q.hasParent() || !q.isBorrowing()) {
            return;
        }
        Merge merged = byCohort.get(q.parent());
        if (merged != null && !merged.queues().get(q.childIndex())) {
            byCohort.remove(q.parent());
        }
    }

    /** Forgets everything: the admitted workloads may change outside a cycle. */
    void clear() {
        byCohort.clear();
    }

    /** The merge of the cohort's child queues that borrow; queues: set to the child index of each. */
    private Iterator<Entry> merge(CohortNode cohort, BitSet queues) {
        PriorityQueue<QueueCursor> heads = new PriorityQueue<>(
                (a, b) -> AdmittedWorkloads.CANDIDATE_ORDER.compare(a.head, b.head));
        for (ClusterQueueNode q : cohort.borrowingChildQueues()) {
            queues.set(q.childIndex());
            QueueCursor c = new QueueCursor(q);
            if (c.head != null) {
                heads.add(c);
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public Entry next() {
                QueueCursor c = heads.poll();
                if (c == null) {
                    throw new NoSuchElementException();
                }
                Entry e = new Entry(c.head, c.cq);
                c.advance();
                if (c.head != null) {
                    heads.add(c);
                }
                return e;
            }
        };
    }

    /** One queue's admitted workloads not being evicted, in candidate order. */
    private final class QueueCursor {
        final ClusterQueueNode cq;
        final Iterator<WorkloadInfo> workloads;
        WorkloadInfo head;

        QueueCursor(ClusterQueueNode cq) {
            this.cq = cq;
            this.workloads = admitted.queue(cq).inOrder().iterator();
            advance();
        }

        void advance() {
            head = null;
            while (head == null && workloads.hasNext()) {
                WorkloadInfo w = workloads.next();
                if (!w.isEvicted()) {
                    head = w;
                }
            }
        }
    }
}
