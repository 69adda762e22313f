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
    private final List<T> read = new ArrayList<>(4);
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
                int at = live(next);
                if (at < 0) {
                    return false;
                }
                next = at;
                return true;
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

    /**
     * A reader from the first element not gone that does not test the elements after it: for a
     * reader that judges each element itself, and often by something cheaper than whether it is gone.
     */
    Iterator<T> unfiltered() {
        return new Iterator<>() {
            private int next = live(firstLive);

            @Override
            public boolean hasNext() {
                return next >= 0 && (next < read.size() || readOneMore());
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
        int at = live(firstLive);
        return at < 0 ? null : read.get(at);
    }

    /**
     * The index of the first element not gone from i on, reading more as needed, or -1; those
     * gone at the front are passed for good.
     */
    private int live(int i) {
        for (; i < read.size() || readOneMore(); i++) {
            if (!gone.test(read.get(i))) {
                return i;
            }
            if (i == firstLive) {
                firstLive++;
            }
        }
        return -1;
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
