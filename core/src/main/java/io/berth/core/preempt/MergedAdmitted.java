package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.quota.NodeMap;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.WorkloadInfo;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Per cohort, the admitted workloads of its child queues that are not being evicted, merged in
 * candidate order, for the current cycle: merged as far as some search needs and replayed for the
 * next ones, instead of every search merging the queues again. Readers skip the workloads set
 * aside themselves; those at the front are passed for good. A queue that admits makes its
 * cohort's merge start over; usage changes do not matter, as each search judges the queues itself.
 */
final class MergedAdmitted {
    /** An admitted workload with its queue. */
    record Entry(WorkloadInfo workload, ClusterQueueNode cq) {
    }

    private final AdmittedWorkloads admitted;
    private final NodeMap<ReplayedSequence<Entry>> byCohort;

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
        ReplayedSequence<Entry> merged = byCohort.get(cohort);
        if (merged == null) {
            merged = new ReplayedSequence<>(merge(cohort), e -> e.workload().isSetAside());
            byCohort.put(cohort, merged);
        }
        return merged.unfiltered();
    }

    /** q admitted a workload: its cohort's merge misses it. */
    void admitted(ClusterQueueNode q) {
        if (q.hasParent()) {
            byCohort.remove(q.parent());
        }
    }

    /** Forgets everything: the admitted workloads may change outside a cycle. */
    void clear() {
        byCohort.clear();
    }

    private Iterator<Entry> merge(CohortNode cohort) {
        PriorityQueue<QueueCursor> heads = new PriorityQueue<>(
                (a, b) -> AdmittedWorkloads.CANDIDATE_ORDER.compare(a.head, b.head));
        for (ClusterQueueNode q : cohort.childQueues()) {
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
            this.workloads = admitted.in(cq.name()).iterator();
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
