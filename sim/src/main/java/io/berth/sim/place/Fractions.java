package io.berth.sim.place;

/**
 * Free fractions as exact integers, so that scores compare exactly and ties are real ties:
 * {@code term(f, c) = f * 2^30 / c} rounded down (0 when c is 0). Coarse buckets of
 * these fractions (64 per resource; an 8 x 8 grid of cpu and memory together) and of GPU free
 * milli (16 milli wide, whole GPUs apart) let an index bound the scores of the nodes below it.
 */
final class Fractions {
    /** The fraction 1 (a node entirely free). */
    static final long ONE = 1L << 30;
    private static final int BUCKET_SHIFT = 24;
    /** Cells of the 8 x 8 grid of (cpu, memory) fraction eighths, at least (c, m) in both. */
    private static final long[][] AT_LEAST = new long[8][8];
    /** Cells of the grid whose eighths sum to s (0..14). */
    private static final long[] DIAGONAL = new long[15];

    static {
        for (int c = 0; c < 8; c++) {
            for (int m = 0; m < 8; m++) {
                long bit = 1L << (c * 8 + m);
                DIAGONAL[c + m] |= bit;
                for (int c2 = 0; c2 <= c; c2++) {
                    for (int m2 = 0; m2 <= m; m2++) {
                        AT_LEAST[c2][m2] |= bit;
                    }
                }
            }
        }
    }

    private Fractions() {
    }

    /**
     * free * 2^30 / capacity, rounded down, computed in double arithmetic: deterministic,
     * non-decreasing in free and non-increasing in capacity, which the bounds rely on.
     */
    static long term(long free, long capacity) {
        if (capacity <= 0 || free <= 0) {
            return 0;
        }
        return (long) ((double) free * ONE / capacity);
    }

    /** The bucket (0..63) of a fraction. */
    static int bucket(long term) {
        return (int) Math.min(63, term >> BUCKET_SHIFT);
    }

    /** The smallest fraction of bucket b. */
    static long low(int b) {
        return (long) b << BUCKET_SHIFT;
    }

    /** The largest fraction of bucket b. */
    static long high(int b) {
        return b == 63 ? ONE : ((long) (b + 1) << BUCKET_SHIFT) - 1;
    }

    /** The eighth (0..7) of a fraction. */
    private static int eighth(long term) {
        return (int) Math.min(7, term >> 27);
    }

    /** The grid cell (bit) of a node's cpu and memory fractions. */
    static int cell(long cpuTerm, long memTerm) {
        return eighth(cpuTerm) * 8 + eighth(memTerm);
    }

    /** The cells of grid whose cpu and memory eighths are at least those of the given fractions. */
    static long atLeast(long grid, long cpuTerm, long memTerm) {
        return grid & AT_LEAST[eighth(cpuTerm)][eighth(memTerm)];
    }

    /** A lower bound of cpu + memory fraction over the (non-empty) cells. */
    static long gridLow(long cells) {
        int sum = 0;
        while ((cells & DIAGONAL[sum]) == 0) {
            sum++;
        }
        return (long) sum << 27;
    }

    /** An upper bound of cpu + memory fraction over the (non-empty) cells. */
    static long gridHigh(long cells) {
        int sum = 14;
        while ((cells & DIAGONAL[sum]) == 0) {
            sum--;
        }
        return (long) (sum + 2) << 27;
    }

    /** The bucket of a GPU's free milli (1..1000): 16 milli wide (0..62), a whole GPU alone in 63. */
    static int shareBucket(int milli) {
        return milli >= NodeState.GPU ? 63 : milli >> 4;
    }

    /** The smallest milli of share bucket b. */
    static int shareLow(int b) {
        return b == 63 ? NodeState.GPU : b << 4;
    }

    /** The lowest set bit of mask at or above bit b, or -1. */
    static int lowestFrom(long mask, int b) {
        if (b > 63) {
            return -1;
        }
        long m = mask & (-1L << b);
        return m == 0 ? -1 : Long.numberOfTrailingZeros(m);
    }

    /** The highest set bit of mask, or -1. */
    static int highest(long mask) {
        return 63 - Long.numberOfLeadingZeros(mask);
    }

    /**
     * The score of LEAST_ALLOCATED: the node's free fractions once the pod is bound, summed
     * over cpu and memory and, with withGpu, GPU milli (the mean times the number of resources).
     */
    static long freeAfter(NodeState st, int i, Demand d, boolean withGpu) {
        long s = st.fracCpu[i] - term(d.cpu, st.capCpu[i]) + st.fracMem[i] - term(d.mem, st.capMem[i]);
        if (withGpu) {
            s += st.fracGpu[i] - term(d.heldGpuMilli(), (long) st.gpus[i] * NodeState.GPU);
        }
        return s;
    }
}
