package io.berth.core.preempt;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * A sequence read from its source at most once, as far as some reader needs, and replayed from
 * memory after: the searches of one nomination phase read the same queues' admitted workloads
 * again and again, and those do not change within a phase. Elements may go (once gone, gone for
 * the sequence's life): readers skip them, and those gone at the front are not looked at again.
 */
final class ReplayedSequence<T> {
    private final Iterator<T> source;
    private final Predicate<T> gone;
    private final List<T> read = new ArrayList<>();
    /** Every element read before this index is gone. */
    private int firstLive;

    ReplayedSequence(Iterator<T> source, Predicate<T> gone) {
        this.source = source;
        this.gone = gone;
    }

    /** A reader from the first element not gone. */
    Iterator<T> iterator() {
        return new Iterator<>() {
            private int next = firstLive;

            @Override
            public boolean hasNext() {
                while (next < read.size() || readOneMore()) {
                    if (!gone.test(read.get(next))) {
                        return true;
                    }
                    if (next == firstLive) {
                        firstLive++;
                    }
                    next++;
                }
                return false;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return read.get(next++);
            }
        };
    }

    /** The first element not gone, or null. */
    T first() {
        for (int i = firstLive; i < read.size() || readOneMore(); i++) {
            T t = read.get(i);
            if (!gone.test(t)) {
                return t;
            }
            if (i == firstLive) {
                firstLive++;
            }
        }
        return null;
    }

    /** Reads the next element not gone yet (those gone are never kept). */
    private boolean readOneMore() {
        while (source.hasNext()) {
            T t = source.next();
            if (!gone.test(t)) {
                read.add(t);
                return true;
            }
        }
        return false;
    }
}
