package io.berth.core.cycle;

import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/** Kueue's classical iterator: heads that borrow less high in the cohort tree first, then priority, then age. */
final class ClassicalOrder implements EntryOrder {
    static final Comparator<Entry> ORDER = Comparator
            .<Entry>comparingInt(e -> e.assignment.borrowing())
            .thenComparing(e -> e.wl, WorkloadInfo.QUEUE_ORDER);

    private final Deque<Entry> entries;

    ClassicalOrder(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        this.entries = new ArrayDeque<>(sorted);
    }

    @Override
    public Entry next() {
        return entries.pollFirst();
    }
}
