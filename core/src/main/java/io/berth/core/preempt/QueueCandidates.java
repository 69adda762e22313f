package io.berth.core.preempt;

import io.berth.core.workload.WorkloadInfo;
import java.util.Collections;
import java.util.Iterator;

/**
 * One queue's preemption candidates in candidate order, produced as the search asks for them:
 * a search usually takes a few from a few queues, so the rest are never looked at.
 */
final class QueueCandidates {
    private final Iterator<WorkloadInfo> source;
    private WorkloadInfo head;

    QueueCandidates(Iterator<WorkloadInfo> source) {
        this.source = source;
        advance();
    }

    private QueueCandidates(WorkloadInfo only) {
        this.source = Collections.emptyIterator();
        this.head = only;
    }

    /** Just w, or none when w is null. */
    static QueueCandidates only(WorkloadInfo w) {
        return new QueueCandidates(w);
    }

    boolean isEmpty() {
        return head == null;
    }

    /** The next candidate, or null. */
    WorkloadInfo peekFirst() {
        return head;
    }

    /** Takes the next candidate, or null. */
    WorkloadInfo pollFirst() {
        WorkloadInfo h = head;
        advance();
        return h;
    }

    private void advance() {
        head = source.hasNext() ? source.next() : null;
    }
}
