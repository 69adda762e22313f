package io.berth.sim.place;

/**
 * The numbers a {@link NodeIndex} keeps per segment (a node, or a range of nodes), side by side
 * in one flat long array: segment s at {@code a[s * W ..]}, so a segment is read in one or two
 * cache lines. Per segment: the largest free cpu, memory and GPU share (to skip segments where
 * nothing fits); the range of free-fraction sums over cpu and memory (K2) and with GPUs (K3);
 * bit masks of which fraction buckets, (cpu, memory) grid cells, whole free GPU counts and GPU
 * share sizes occur ({@link Fractions}); the range of capacities; the lowest node index and
 * whether a node has no GPUs.
 */
final class Segments {
    static final int MAX_CPU = 0;
    static final int MAX_MEM = 1;
    static final int MAX_SHARE = 2;
    static final int MAX_K2 = 3;
    static final int MIN_K2 = 4;
    static final int MAX_K3 = 5;
    static final int MIN_K3 = 6;
    static final int CPU_MASK = 7;
    static final int MEM_MASK = 8;
    static final int GPU_MASK = 9;
    static final int GRID = 10;
    static final int WHOLE_MASK = 11;
    static final int SHARE_MASK = 12;
    /** Capacities: the least of those above 0 (nodes without a resource never fit a pod asking for it), the most. */
    static final int MIN_CAP_C = 13;
    static final int MAX_CAP_C = 14;
    static final int MIN_CAP_M = 15;
    static final int MAX_CAP_M = 16;
    static final int MIN_CAP_G = 17;
    static final int MAX_CAP_G = 18;
    /** The lowest node index, times 2, plus 1 if a node has no GPUs. */
    static final int MIN_IDX_GPULESS = 19;
    /** Numbers per segment. */
    static final int W = 20;

    private Segments() {
    }

    /** Segment o (an offset) becomes node i as it is now. */
    static void node(long[] a, int o, NodeState st, int i) {
        a[o + MAX_CPU] = st.freeCpu[i];
        a[o + MAX_MEM] = st.freeMem[i];
        a[o + MAX_SHARE] = st.maxShare[i];
        long k2 = st.fracCpu[i] + st.fracMem[i];
        a[o + MAX_K2] = k2;
        a[o + MIN_K2] = k2;
        a[o + MAX_K3] = k2 + st.fracGpu[i];
        a[o + MIN_K3] = k2 + st.fracGpu[i];
        a[o + CPU_MASK] = 1L << Fractions.bucket(st.fracCpu[i]);
        a[o + MEM_MASK] = 1L << Fractions.bucket(st.fracMem[i]);
        a[o + GPU_MASK] = 1L << Fractions.bucket(st.fracGpu[i]);
        a[o + GRID] = 1L << Fractions.cell(st.fracCpu[i], st.fracMem[i]);
        a[o + WHOLE_MASK] = 1L << Math.min(63, st.whole[i]);
        a[o + SHARE_MASK] = st.shareMask[i];
        long capG = (long) st.gpus[i] * NodeState.GPU;
        a[o + MIN_CAP_C] = st.capCpu[i] > 0 ? st.capCpu[i] : Long.MAX_VALUE;
        a[o + MAX_CAP_C] = st.capCpu[i];
        a[o + MIN_CAP_M] = st.capMem[i] > 0 ? st.capMem[i] : Long.MAX_VALUE;
        a[o + MAX_CAP_M] = st.capMem[i];
        a[o + MIN_CAP_G] = capG > 0 ? capG : Long.MAX_VALUE;
        a[o + MAX_CAP_G] = capG;
        a[o + MIN_IDX_GPULESS] = 2L * i + (st.gpus[i] == 0 ? 1 : 0);
    }

    /** Segment o holds no node: it fits nothing. */
    static void empty(long[] a, int o) {
        java.util.Arrays.fill(a, o, o + W, 0);
        a[o + MAX_CPU] = -1;
        a[o + MAX_MEM] = -1;
        a[o + MAX_SHARE] = -1;
        a[o + MAX_K2] = Long.MIN_VALUE;
        a[o + MIN_K2] = Long.MAX_VALUE;
        a[o + MAX_K3] = Long.MIN_VALUE;
        a[o + MIN_K3] = Long.MAX_VALUE;
        a[o + MIN_CAP_C] = Long.MAX_VALUE;
        a[o + MIN_CAP_M] = Long.MAX_VALUE;
        a[o + MIN_CAP_G] = Long.MAX_VALUE;
        a[o + MIN_IDX_GPULESS] = Long.MAX_VALUE - 1;
    }

    /** Segment o becomes the union of segments l and r. */
    static void union(long[] a, int o, int l, int r) {
        a[o + MAX_CPU] = Math.max(a[l + MAX_CPU], a[r + MAX_CPU]);
        a[o + MAX_MEM] = Math.max(a[l + MAX_MEM], a[r + MAX_MEM]);
        a[o + MAX_SHARE] = Math.max(a[l + MAX_SHARE], a[r + MAX_SHARE]);
        a[o + MAX_K2] = Math.max(a[l + MAX_K2], a[r + MAX_K2]);
        a[o + MIN_K2] = Math.min(a[l + MIN_K2], a[r + MIN_K2]);
        a[o + MAX_K3] = Math.max(a[l + MAX_K3], a[r + MAX_K3]);
        a[o + MIN_K3] = Math.min(a[l + MIN_K3], a[r + MIN_K3]);
        a[o + CPU_MASK] = a[l + CPU_MASK] | a[r + CPU_MASK];
        a[o + MEM_MASK] = a[l + MEM_MASK] | a[r + MEM_MASK];
        a[o + GPU_MASK] = a[l + GPU_MASK] | a[r + GPU_MASK];
        a[o + GRID] = a[l + GRID] | a[r + GRID];
        a[o + WHOLE_MASK] = a[l + WHOLE_MASK] | a[r + WHOLE_MASK];
        a[o + SHARE_MASK] = a[l + SHARE_MASK] | a[r + SHARE_MASK];
        a[o + MIN_CAP_C] = Math.min(a[l + MIN_CAP_C], a[r + MIN_CAP_C]);
        a[o + MAX_CAP_C] = Math.max(a[l + MAX_CAP_C], a[r + MAX_CAP_C]);
        a[o + MIN_CAP_M] = Math.min(a[l + MIN_CAP_M], a[r + MIN_CAP_M]);
        a[o + MAX_CAP_M] = Math.max(a[l + MAX_CAP_M], a[r + MAX_CAP_M]);
        a[o + MIN_CAP_G] = Math.min(a[l + MIN_CAP_G], a[r + MIN_CAP_G]);
        a[o + MAX_CAP_G] = Math.max(a[l + MAX_CAP_G], a[r + MAX_CAP_G]);
        long li = a[l + MIN_IDX_GPULESS];
        long ri = a[r + MIN_IDX_GPULESS];
        a[o + MIN_IDX_GPULESS] = (Math.min(li, ri) & ~1L) | ((li | ri) & 1);
    }

    /** The lowest node index in segment o. */
    static int lowestNode(long[] a, int o) {
        return (int) Math.min(Integer.MAX_VALUE, a[o + MIN_IDX_GPULESS] >> 1);
    }
}
