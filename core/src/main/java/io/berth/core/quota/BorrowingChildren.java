package io.berth.core.quota;

import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A cohort's children of one kind (ClusterQueues or Cohorts) that borrow, in child order, as one
 * bit per child: simulated removals make nodes start and stop borrowing all the time, and this
 * costs them a bit flip in the cohort, no hashing, allocation or touching other nodes. Searches
 * visit these few instead of every child. Read-only to everyone but the cohort.
 */
final class BorrowingChildren<N extends QuotaNode> extends AbstractCollection<N> {
    private final CohortNode cohort;
    private final List<N> children;
    private long[] bits = new long[1];
    private int size;

    BorrowingChildren(CohortNode cohort, List<N> children) {
        this.cohort = cohort;
        this.children = children;
    }

    void list(N q) {
        int i = q.childIndex;
        if (i >> 6 >= bits.length) {
            bits = Arrays.copyOf(bits, Math.max(bits.length * 2, (i >> 6) + 1));
        }
        long bit = 1L << i;
        if ((bits[i >> 6] & bit) == 0) {
            bits[i >> 6] |= bit;
            size++;
        }
    }

    void unlist(N q) {
        int i = q.childIndex;
        long bit = 1L << i;
        if (i >> 6 < bits.length && (bits[i >> 6] & bit) != 0) {
            bits[i >> 6] &= ~bit;
            size--;
        }
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof QuotaNode q) || q.parent != cohort || q.childIndex >= children.size()
                || children.get(q.childIndex) != q) {
            return false;
        }
        int i = q.childIndex;
        return i >> 6 < bits.length && (bits[i >> 6] & (1L << i)) != 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Iterator<N> iterator() {
        return new Iterator<>() {
            private int next = nextListed(0);

            @Override
            public boolean hasNext() {
                return next >= 0;
            }

            @Override
            public N next() {
                if (next < 0) {
                    throw new NoSuchElementException();
                }
                N q = children.get(next);
                next = nextListed(next + 1);
                return q;
            }
        };
    }

    /** The first listed child index from i on, or -1. */
    private int nextListed(int i) {
        int word = i >> 6;
        if (word >= bits.length) {
            return -1;
        }
        long w = bits[word] & (-1L << i);
        while (true) {
            if (w != 0) {
                return (word << 6) + Long.numberOfTrailingZeros(w);
            }
            if (++word == bits.length) {
                return -1;
            }
            w = bits[word];
        }
    }
}
