package io.berth.core.workload;

import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A sorted set kept as a list of sorted arrays (chunks) of at most {@link #CHUNK} elements each; a
 * small set's one chunk grows as it fills. A tree set puts every element in a node of its own,
 * allocated whenever it came, so walking it in order visits memory all over the heap; here
 * consecutive elements sit side by side, and an insertion or removal moves at most a chunk's worth
 * of references (and, when a chunk splits or empties, the list of chunks). The order must be
 * total: elements it calls equal are the same.
 */
final class SortedChunks<E> extends AbstractCollection<E> {
    static final int CHUNK = 128;
    private final Comparator<? super E> order;
    private Object[][] chunks = new Object[1][];
    private int[] sizes = new int[1];
    private int chunkCount;
    private int size;
    /** Counts changes, so that an iterator fails fast, as a tree set's does, instead of skipping or repeating. */
    private int modCount;

    SortedChunks(Comparator<? super E> order) {
        this.order = order;
    }

    @Override
    public boolean add(E e) {
        if (chunkCount == 0) {
            insertChunk(0, new Object[4], 0);
        }
        int c;
        int at;
        if (size > 0 && order.compare(last(), e) < 0) {
            // After the last: sets often grow in order (a cycle's victims are chosen in candidate order).
            c = chunkCount - 1;
            at = sizes[c];
        } else {
            c = chunkFor(e);
            at = indexIn(c, e);
            if (at >= 0) {
                return false;
            }
            at = -at - 1;
        }
        if (sizes[c] == CHUNK) {
            split(c);
            if (at > sizes[c]) {
                at -= sizes[c];
                c++;
            }
        }
        if (sizes[c] == chunks[c].length) {
            chunks[c] = Arrays.copyOf(chunks[c], Math.min(CHUNK, sizes[c] * 2));
        }
        Object[] chunk = chunks[c];
        System.arraycopy(chunk, at, chunk, at + 1, sizes[c] - at);
        chunk[at] = e;
        sizes[c]++;
        size++;
        modCount++;
        return true;
    }

    @SuppressWarnings("unchecked")
    @Override
    public boolean remove(Object o) {
        if (size == 0) {
            return false;
        }
        E e = (E) o;
        int c = chunkFor(e);
        int at = indexIn(c, e);
        if (at < 0) {
            return false;
        }
        Object[] chunk = chunks[c];
        System.arraycopy(chunk, at + 1, chunk, at, sizes[c] - at - 1);
        chunk[--sizes[c]] = null;
        if (sizes[c] == 0) {
            removeChunk(c);
        }
        size--;
        modCount++;
        return true;
    }

    /** The first element, or null when empty. */
    @SuppressWarnings("unchecked")
    E first() {
        return size == 0 ? null : (E) chunks[0][0];
    }

    @SuppressWarnings("unchecked")
    private E last() {
        return (E) chunks[chunkCount - 1][sizes[chunkCount - 1] - 1];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Iterator<E> iterator() {
        return new Iterator<>() {
            private int chunk;
            private int index;
            private final int expected = modCount;

            @Override
            public boolean hasNext() {
                return chunk < chunkCount;
            }

            @SuppressWarnings("unchecked")
            @Override
            public E next() {
                if (modCount != expected) {
                    throw new ConcurrentModificationException();
                }
                if (chunk >= chunkCount) {
                    throw new NoSuchElementException();
                }
                E e = (E) chunks[chunk][index++];
                if (index == sizes[chunk]) {
                    chunk++;
                    index = 0;
                }
                return e;
            }
        };
    }

    /** The chunk e belongs in: the first whose last element is not before e, else the last chunk. */
    @SuppressWarnings("unchecked")
    private int chunkFor(E e) {
        int lo = 0;
        int hi = chunkCount - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare((E) chunks[mid][sizes[mid] - 1], e) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** e's index in chunk c, or (-(insertion point) - 1), as {@link Arrays#binarySearch}. */
    @SuppressWarnings("unchecked")
    private int indexIn(int c, E e) {
        return Arrays.binarySearch((E[]) chunks[c], 0, sizes[c], e, order);
    }

    /** Moves the upper half of full chunk c into a new chunk after it. */
    private void split(int c) {
        int half = CHUNK / 2;
        Object[] upper = new Object[CHUNK];
        System.arraycopy(chunks[c], half, upper, 0, CHUNK - half);
        Arrays.fill(chunks[c], half, CHUNK, null);
        sizes[c] = half;
        insertChunk(c + 1, upper, CHUNK - half);
    }

    private void insertChunk(int at, Object[] chunk, int chunkSize) {
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
            sizes = Arrays.copyOf(sizes, chunkCount * 2);
        }
        System.arraycopy(chunks, at, chunks, at + 1, chunkCount - at);
        System.arraycopy(sizes, at, sizes, at + 1, chunkCount - at);
        chunks[at] = chunk;
        sizes[at] = chunkSize;
        chunkCount++;
    }

    private void removeChunk(int c) {
        System.arraycopy(chunks, c + 1, chunks, c, chunkCount - c - 1);
        System.arraycopy(sizes, c + 1, sizes, c, chunkCount - c - 1);
        chunks[--chunkCount] = null;
    }
}
