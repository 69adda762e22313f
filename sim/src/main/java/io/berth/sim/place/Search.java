package io.berth.sim.place;

import static io.berth.sim.place.Segments.CPU_MASK;
import static io.berth.sim.place.Segments.GPU_MASK;
import static io.berth.sim.place.Segments.GRID;
import static io.berth.sim.place.Segments.MAX_CAP_C;
import static io.berth.sim.place.Segments.MAX_CAP_G;
import static io.berth.sim.place.Segments.MAX_CAP_M;
import static io.berth.sim.place.Segments.MAX_CPU;
import static io.berth.sim.place.Segments.MAX_K2;
import static io.berth.sim.place.Segments.MAX_K3;
import static io.berth.sim.place.Segments.MAX_MEM;
import static io.berth.sim.place.Segments.MAX_SHARE;
import static io.berth.sim.place.Segments.MEM_MASK;
import static io.berth.sim.place.Segments.MIN_CAP_C;
import static io.berth.sim.place.Segments.MIN_CAP_G;
import static io.berth.sim.place.Segments.MIN_CAP_M;
import static io.berth.sim.place.Segments.MIN_IDX_GPULESS;
import static io.berth.sim.place.Segments.MIN_K2;
import static io.berth.sim.place.Segments.MIN_K3;
import static io.berth.sim.place.Segments.SHARE_MASK;
import static io.berth.sim.place.Segments.WHOLE_MASK;

import java.util.BitSet;

/**
 * One search for the best node for a pod: the ordering to maximize (a tuple of up to three
 * numbers, then the lowest node index), the exact score of a node, a bound of the scores of
 * the fitting nodes of a {@link Segments segment}, and the best node offered so far.
 *
 * <p>Orderings, by mode: LEAST: the free fractions once bound ({@link Fractions#freeAfter},
 * with GPUs for GPU pods); MOST: their opposite; PACK_CPU: no GPUs, then MOST on cpu and
 * memory; PACK_WHOLE: fewest whole free GPUs, then least free GPU milli, then MOST on cpu and
 * memory; PACK_SHARE: the least free milli of a GPU the share fits (best fit), then fewest whole
 * free GPUs.
 */
final class Search {
    /** The ordering a search maximizes, derived from the scorer and the pod. */
    enum Mode { LEAST, MOST, PACK_CPU, PACK_WHOLE, PACK_SHARE }

    private final NodeState st;
    private Demand d;
    private Mode mode;
    private boolean withGpu;
    /** The bound set by the last {@link #bound}. */
    long ub0;
    long ub1;
    long ub2;
    private long best0;
    private long best1;
    private long best2;
    private int bestNode;
    /** Nodes not to offer (refused by a device allocator), or null. */
    private BitSet excluded;
    private final TermCache cpuLo = new TermCache();
    private final TermCache cpuHi = new TermCache();
    private final TermCache memLo = new TermCache();
    private final TermCache memHi = new TermCache();
    private final TermCache gpuLo = new TermCache();
    private final TermCache gpuHi = new TermCache();

    /** term(q, c) for the last (q, c) asked: neighbouring segments mostly share a capacity. */
    private static final class TermCache {
        private long q = -1;
        private long c = -1;
        private long term;

        long term(long request, long capacity) {
            if (request != q || capacity != c) {
                q = request;
                c = capacity;
                term = Fractions.term(request, capacity);
            }
            return term;
        }
    }

    Search(NodeState st) {
        this.st = st;
    }

    void start(Demand demand, Mode searchMode, BitSet excludedNodes) {
        excluded = excludedNodes;
        d = demand;
        mode = searchMode;
        withGpu = demand.usesGpu() && (mode == Mode.LEAST || mode == Mode.MOST);
        best0 = Long.MIN_VALUE;
        best1 = Long.MIN_VALUE;
        best2 = Long.MIN_VALUE;
        bestNode = -1;
    }

    /** The best node offered, or -1. */
    int best() {
        return bestNode;
    }

    static int compare(long a0, long a1, long a2, long b0, long b1, long b2) {
        if (a0 != b0) {
            return a0 < b0 ? -1 : 1;
        }
        if (a1 != b1) {
            return a1 < b1 ? -1 : 1;
        }
        return Long.compare(a2, b2);
    }

    /** Whether no node of a segment with this bound and lowest node index can beat the best. */
    boolean dominated(long u0, long u1, long u2, int lowestNode) {
        if (bestNode < 0) {
            return false;
        }
        int c = compare(u0, u1, u2, best0, best1, best2);
        return c < 0 || (c == 0 && lowestNode > bestNode);
    }

    /** Node i becomes the best if it fits and beats the best so far. */
    void offer(int i) {
        if (!st.fits(i, d) || (excluded != null && excluded.get(i))) {
            return;
        }
        long s0;
        long s1 = 0;
        long s2 = 0;
        switch (mode) {
            case LEAST -> s0 = Fractions.freeAfter(st, i, d, withGpu);
            case MOST -> s0 = -Fractions.freeAfter(st, i, d, withGpu);
            case PACK_CPU -> {
                s0 = st.gpus[i] == 0 ? 1 : 0;
                s1 = -Fractions.freeAfter(st, i, d, false);
            }
            case PACK_WHOLE -> {
                s0 = -st.whole[i];
                s1 = -st.freeGpu[i];
                s2 = -Fractions.freeAfter(st, i, d, false);
            }
            default -> {
                s0 = -st.bestFit(i, d.share);
                s1 = -st.whole[i];
            }
        }
        int c = bestNode < 0 ? 1 : compare(s0, s1, s2, best0, best1, best2);
        if (c > 0 || (c == 0 && i < bestNode)) {
            best0 = s0;
            best1 = s1;
            best2 = s2;
            bestNode = i;
        }
    }

    /**
     * Whether a node of the segment at offset o may fit the pod; if so sets (ub0, ub1, ub2) to a
     * bound of the scores of its fitting nodes, component by component.
     */
    boolean bound(long[] a, int o) {
        if (a[o + MAX_CPU] < d.cpu || a[o + MAX_MEM] < d.mem) {
            return false;
        }
        if (d.wholeGpus > 0 && Fractions.lowestFrom(a[o + WHOLE_MASK], Math.min(63, d.wholeGpus)) < 0) {
            return false;
        }
        if (d.share > 0 && a[o + MAX_SHARE] < d.share) {
            return false;
        }
        // per resource, the least fraction of its capacity the pod takes here; fitting nodes have at least that free
        long qcLo = cpuLo.term(d.cpu, a[o + MAX_CAP_C]);
        long qmLo = memLo.term(d.mem, a[o + MAX_CAP_M]);
        long cells = Fractions.atLeast(a[o + GRID], qcLo, qmLo);
        if (cells == 0) {
            return false;
        }
        int bc = Fractions.lowestFrom(a[o + CPU_MASK], Fractions.bucket(qcLo));
        int bm = Fractions.lowestFrom(a[o + MEM_MASK], Fractions.bucket(qmLo));
        if (bc < 0 || bm < 0) {
            return false;
        }
        ub1 = 0;
        ub2 = 0;
        if (mode == Mode.LEAST) {
            // the most free any fitting node has, less the least the pod takes
            long podLo = qcLo + qmLo;
            long hi = Math.min(Fractions.high(Fractions.highest(a[o + CPU_MASK]))
                    + Fractions.high(Fractions.highest(a[o + MEM_MASK])), Fractions.gridHigh(cells));
            long maxK = a[o + MAX_K2];
            if (withGpu) {
                long qgLo = gpuLo.term(d.heldGpuMilli(), a[o + MAX_CAP_G]);
                if (Fractions.lowestFrom(a[o + GPU_MASK], Fractions.bucket(qgLo)) < 0) {
                    return false;
                }
                hi += Fractions.high(Fractions.highest(a[o + GPU_MASK]));
                podLo += qgLo;
                maxK = a[o + MAX_K3];
            }
            ub0 = Math.min(maxK, hi) - podLo;
            return true;
        }
        // the least free any fitting node has, less the most the pod takes
        long podHi = cpuHi.term(d.cpu, a[o + MIN_CAP_C]) + memHi.term(d.mem, a[o + MIN_CAP_M]);
        long lo = Math.max(Fractions.low(bc) + Fractions.low(bm), Fractions.gridLow(cells));
        long minK = a[o + MIN_K2];
        if (withGpu) {
            long held = d.heldGpuMilli();
            int bg = Fractions.lowestFrom(a[o + GPU_MASK], Fractions.bucket(gpuLo.term(held, a[o + MAX_CAP_G])));
            if (bg < 0) {
                return false;
            }
            lo += Fractions.low(bg);
            podHi += gpuHi.term(held, a[o + MIN_CAP_G]);
            minK = a[o + MIN_K3];
        }
        long lowest = Math.max(0, Math.max(minK, lo) - podHi);
        switch (mode) {
            case MOST -> ub0 = -lowest;
            case PACK_CPU -> {
                ub0 = a[o + MIN_IDX_GPULESS] & 1;
                ub1 = -lowest;
            }
            case PACK_WHOLE -> {
                int w = Fractions.lowestFrom(a[o + WHOLE_MASK], Math.min(63, d.wholeGpus));
                ub0 = -w;
                ub1 = -(long) w * NodeState.GPU;
                ub2 = -lowest;
            }
            default -> {
                int b = Fractions.lowestFrom(a[o + SHARE_MASK], Fractions.shareBucket(d.share));
                if (b < 0) {
                    return false;
                }
                long fit = Math.max(d.share, Fractions.shareLow(b));
                ub0 = -fit;
                ub1 = -Fractions.lowestFrom(a[o + WHOLE_MASK], fit >= NodeState.GPU ? 1 : 0);
            }
        }
        return true;
    }
}
