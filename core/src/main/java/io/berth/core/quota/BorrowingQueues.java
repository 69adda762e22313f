package io.berth.core.quota;

import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A cohort's child ClusterQueues that borrow, in the order they started to, linked through the
 * queues themselves: simulated removals make queues start and stop borrowing all the time, and
 * this costs them no hashing and no allocation. Read-only to everyone but the cohort.
 */
final class BorrowingQueues extends AbstractCollection<ClusterQueueNode> {
    private final CohortNode cohort;
    private ClusterQueueNode first;
    private ClusterQueueNode last;
    private int size;

    BorrowingQueues(CohortNode cohort) {
        this.cohort = cohort;
    }

    void list(ClusterQueueNode q) {
        if (q.borrowingListed) {
            return;
        }
        q.borrowingListed = true;
        q.previousBorrowing = last;
        q.nextBorrowing = null;
        if (last == null) {
            first = q;
        } else {
            last.nextBorrowing = q;
        }
        last = q;
        size++;
    }

    void unlist(ClusterQueueNode q) {
        if (!q.borrowingListed) {
            return;
        }
        q.borrowingListed = false;
        if (q.previousBorrowing == null) {
            first = q.nextBorrowing;
        } else {
            q.previousBorrowing.nextBorrowing = q.nextBorrowing;
        }
        if (q.nextBorrowing == null) {
            last = q.previousBorrowing;
        } else {
            q.nextBorrowing.previousBorrowing = q.previousBorrowing;
        }
        q.previousBorrowing = null;
        q.nextBorrowing = null;
        size--;
    }

    @Override
    public boolean contains(Object o) {
        // A queue is listed only by its parent.
        return o instanceof ClusterQueueNode q && q.borrowingListed && q.parent == cohort;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Iterator<ClusterQueueNode> iterator() {
        return new Iterator<>() {
            private ClusterQueueNode next = first;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ClusterQueueNode next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                ClusterQueueNode q = next;
                next = q.nextBorrowing;
                return q;
            }
        };
    }
}
