package io.berth.core.preempt;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A sequence read from its source at most once, as far as some reader needs, and replayed from
 * memory after: the searches of one nomination phase read the same queues' admitted workloads
 * again and again, and those do not change within a phase.
 */
final class ReplayedSequence<T> {
    private final Iterator<T> source;
    private final List<T> read = new ArrayList<>();

    ReplayedSequence(Iterator<T> source) {
        this.source = source;
    }

    /** A reader from the start. */
    Iterator<T> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < read.size() || readOneMore();
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

    private boolean readOneMore() {
        if (!source.hasNext()) {
            return false;
        }
        read.add(source.next());
        return true;
    }
}
