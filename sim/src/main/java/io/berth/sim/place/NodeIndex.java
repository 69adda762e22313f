package io.berth.sim.place;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The nodes one {@link NodeFilter} admits, in a segment tree that finds the best fitting node
 * for a pod exactly: the node a scan of every node would pick, ties to the lowest index.
 *
 * <p>Leaves are the nodes, ordered by shape (capacity) and then index, so most segments hold
 * nodes of one shape and their bounds are tight. Each segment keeps the {@link Segments}
 * numbers; a {@link Search} descends branch and bound: both children bounded, the more
 * promising first, a child skipped when no node of it may fit, or when its bound cannot beat
 * the best node found (or only ties it with higher node indexes).
 *
 * <p>Cost: an update (a pod bound or released on a node) is O(log n). A search is O(log n) when
 * the bounds are tight, as on nodes of one shape in equal or ordered states, or pods whose cpu
 * and memory grow together; it visits more of the tree when many nodes almost fit (fit cpu and
 * memory apart but not together, or within a bucket of the pod's size). A pod shape that did
 * not fit is remembered until something is released on one of the nodes, so retrying it is
 * O(1); so is placing the next pod of the same shape when packing (MOST_ALLOCATED, GPU_PACKING
 * for whole GPUs or no GPUs) and the last one's node still fits it. Memory: 20 longs per
 * segment, 2 to 4 segments per node.
 */
final class NodeIndex {
    private static final int W = Segments.W;

    private final NodeState st;
    private final int m;
    private final int size;
    private final int[] leafNode;
    private final int[] nodeLeaf;
    private final long[] a;
    private final Search search;
    /** Pod demands that fit no node, since the last release on one of the nodes. */
    private final Set<Demand> misfits = new HashSet<>();
    /** Updates so far, and the node of the last one. */
    private long version;
    private int lastUpdated = -1;
    /** The last search: its demand, mode, answer, and the version it was asked at. */
    private Demand lastDemand;
    private Search.Mode lastMode;
    private int lastBest = -1;
    private long lastVersion = -1;

    NodeIndex(NodeState st, int[] nodes) {
        this.st = st;
        this.m = nodes.length;
        this.search = new Search(st);
        int s = 1;
        while (s < m) {
            s <<= 1;
        }
        size = s;
        Integer[] sorted = new Integer[m];
        for (int i = 0; i < m; i++) {
            sorted[i] = nodes[i];
        }
        Arrays.sort(sorted, (x, y) -> {
            int c = Long.compare(st.capCpu[x], st.capCpu[y]);
            if (c == 0) {
                c = Long.compare(st.capMem[x], st.capMem[y]);
            }
            if (c == 0) {
                c = Integer.compare(st.gpus[x], st.gpus[y]);
            }
            return c != 0 ? c : Integer.compare(x, y);
        });
        leafNode = new int[m];
        nodeLeaf = new int[st.n];
        Arrays.fill(nodeLeaf, -1);
        for (int i = 0; i < m; i++) {
            leafNode[i] = sorted[i];
            nodeLeaf[sorted[i]] = i;
        }
        a = new long[2 * size * W];
        for (int leaf = 0; leaf < size; leaf++) {
            setLeaf(leaf);
        }
        for (int p = size - 1; p >= 1; p--) {
            Segments.union(a, p * W, 2 * p * W, (2 * p + 1) * W);
        }
    }

    boolean contains(int node) {
        return nodeLeaf[node] >= 0;
    }

    private void setLeaf(int leaf) {
        if (leaf < m) {
            Segments.node(a, (leaf + size) * W, st, leafNode[leaf]);
        } else {
            Segments.empty(a, (leaf + size) * W);
        }
    }

    /** Refreshes the index after node's free capacity changed; freed: it grew (no-op if absent). */
    void update(int node, boolean freed) {
        int leaf = nodeLeaf[node];
        if (leaf < 0) {
            return;
        }
        if (freed && !misfits.isEmpty()) {
            misfits.clear();
        }
        version++;
        lastUpdated = node;
        setLeaf(leaf);
        for (int p = (leaf + size) >> 1; p >= 1; p >>= 1) {
            Segments.union(a, p * W, 2 * p * W, (2 * p + 1) * W);
        }
    }

    /**
     * The best node for the pod apart from the excluded ones (nodes a device allocator refused;
     * refusals hold until something is released, as misfits do), or -1 when none fits.
     */
    int best(Demand demand, Search.Mode mode, BitSet excluded) {
        if (misfits.contains(demand)) {
            return -1;
        }
        search.start(demand, mode, excluded);
        if (search.bound(a, W)) {
            visit(1);
        }
        int best = search.best();
        if (best < 0) {
            misfits.add(demand);
        }
        lastDemand = null;
        return best;
    }

    /** The best node for the pod, or -1 when none fits. */
    int best(Demand demand, Search.Mode mode) {
        if (misfits.contains(demand)) {
            return -1;
        }
        if (sameAnswer(demand, mode)) {
            lastVersion = version;
            return lastBest;
        }
        search.start(demand, mode, null);
        if (search.bound(a, W)) {
            visit(1);
        }
        int best = search.best();
        if (best < 0) {
            misfits.add(demand);
        }
        lastDemand = demand;
        lastMode = mode;
        lastBest = best;
        lastVersion = version;
        return best;
    }

    /**
     * Whether the last search's answer still holds: nothing changed since, or the only change is
     * the pod bound on that node, under an ordering where a fuller node only gets better.
     */
    private boolean sameAnswer(Demand demand, Search.Mode mode) {
        if (lastBest < 0 || mode != lastMode || !demand.equals(lastDemand)) {
            return false;
        }
        if (version == lastVersion) {
            return true;
        }
        boolean fullerIsBetter = mode == Search.Mode.MOST || mode == Search.Mode.PACK_CPU
                || mode == Search.Mode.PACK_WHOLE;
        return fullerIsBetter && version == lastVersion + 1 && lastUpdated == lastBest && st.fits(lastBest, demand);
    }

    private void visit(int s) {
        if (s >= size) {
            if (s - size < m) {
                search.offer(leafNode[s - size]);
            }
            return;
        }
        int l = 2 * s;
        int r = l + 1;
        Search q = search;
        boolean okL = q.bound(a, l * W);
        long l0 = q.ub0;
        long l1 = q.ub1;
        long l2 = q.ub2;
        boolean okR = q.bound(a, r * W);
        long r0 = q.ub0;
        long r1 = q.ub1;
        long r2 = q.ub2;
        if (okL && okR && Search.compare(r0, r1, r2, l0, l1, l2) > 0) {
            if (!q.dominated(r0, r1, r2, Segments.lowestNode(a, r * W))) {
                visit(r);
            }
            if (!q.dominated(l0, l1, l2, Segments.lowestNode(a, l * W))) {
                visit(l);
            }
        } else {
            if (okL && !q.dominated(l0, l1, l2, Segments.lowestNode(a, l * W))) {
                visit(l);
            }
            if (okR && !q.dominated(r0, r1, r2, Segments.lowestNode(a, r * W))) {
                visit(r);
            }
        }
    }
}
