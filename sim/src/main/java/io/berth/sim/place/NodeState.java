package io.berth.sim.place;

import io.berth.sim.model.SimNode;
import java.util.List;

/**
 * The mutable capacity of every node, kept compact: per node arrays of longs (capacity, free
 * cpu and memory, cached free fractions) and the free milli of every GPU in one flat int array
 * (node i's GPUs at {@code gpuOff[i] .. gpuOff[i] + gpus[i]}). Derived GPU facts (whole free
 * GPUs, the largest free share, total free GPU milli, which share sizes are free) are refreshed
 * in O(GPUs of the node) after each change; cluster totals are kept up to date incrementally.
 */
final class NodeState {
    /** Milli of one whole GPU. */
    static final int GPU = 1000;

    final int n;
    final long[] capCpu;
    final long[] capMem;
    final int[] gpus;
    final int[] gpuOff;
    final long[] freeCpu;
    final long[] freeMem;
    /** Free milli of each GPU, flat. */
    final int[] gpuFree;
    /** GPUs of the node with nothing used. */
    final int[] whole;
    /** The largest free milli of one GPU of the node (0 without GPUs). */
    final int[] maxShare;
    /** Free GPU milli of the node, summed over its GPUs. */
    final int[] freeGpu;
    /** Bit {@link Fractions#shareBucket(int)} set for every GPU of the node with free milli above 0. */
    final long[] shareMask;
    /** Free GPU milli of the node on GPUs partly in use (free above 0 and below 1000). */
    final int[] partialFree;
    /** Free fractions ({@link Fractions#term}) of cpu, memory and GPU milli. */
    final long[] fracCpu;
    final long[] fracMem;
    final long[] fracGpu;

    private long usedCpu;
    private long usedMem;
    private long usedGpuMilli;
    private int fullyFreeGpus;
    private long partialFreeMilli;
    private final long totalCpu;
    private final long totalMem;
    private final int totalGpus;

    NodeState(List<SimNode> nodes) {
        n = nodes.size();
        capCpu = new long[n];
        capMem = new long[n];
        gpus = new int[n];
        gpuOff = new int[n + 1];
        freeCpu = new long[n];
        freeMem = new long[n];
        whole = new int[n];
        maxShare = new int[n];
        freeGpu = new int[n];
        shareMask = new long[n];
        partialFree = new int[n];
        fracCpu = new long[n];
        fracMem = new long[n];
        fracGpu = new long[n];
        long cpu = 0;
        long mem = 0;
        int g = 0;
        for (int i = 0; i < n; i++) {
            SimNode node = nodes.get(i);
            if (node.cpuMilli() < 0 || node.memoryBytes() < 0 || node.gpus() < 0) {
                throw new IllegalArgumentException("node " + node.name() + ": negative capacity");
            }
            capCpu[i] = node.cpuMilli();
            capMem[i] = node.memoryBytes();
            gpus[i] = node.gpus();
            freeCpu[i] = node.cpuMilli();
            freeMem[i] = node.memoryBytes();
            gpuOff[i] = g;
            g += node.gpus();
            cpu += node.cpuMilli();
            mem += node.memoryBytes();
        }
        gpuOff[n] = g;
        gpuFree = new int[g];
        java.util.Arrays.fill(gpuFree, GPU);
        totalCpu = cpu;
        totalMem = mem;
        totalGpus = g;
        for (int i = 0; i < n; i++) {
            refresh(i);
        }
    }

    /** Whether the pod fits the node's free capacity now (static filters aside). */
    boolean fits(int i, Demand d) {
        if (freeCpu[i] < d.cpu || freeMem[i] < d.mem) {
            return false;
        }
        if (d.wholeGpus > 0) {
            return whole[i] >= d.wholeGpus;
        }
        return d.share == 0 || maxShare[i] >= d.share;
    }

    /**
     * The GPU a share of the given size goes to: the fullest one it fits (best fit), or with
     * spread the emptiest one; ties to the lowest index. -1 if none.
     */
    int shareGpu(int i, int share, boolean spread) {
        int chosen = -1;
        int chosenFree = 0;
        for (int g = gpuOff[i]; g < gpuOff[i + 1]; g++) {
            int f = gpuFree[g];
            if (f >= share && (chosen < 0 || (spread ? f > chosenFree : f < chosenFree))) {
                chosen = g;
                chosenFree = f;
            }
        }
        return chosen < 0 ? -1 : chosen - gpuOff[i];
    }

    /** The smallest free milli of a GPU of the node that is at least share (best fit), or -1. */
    int bestFit(int i, int share) {
        int best = -1;
        for (int g = gpuOff[i]; g < gpuOff[i + 1]; g++) {
            int f = gpuFree[g];
            if (f >= share && (best < 0 || f < best)) {
                best = f;
            }
        }
        return best;
    }

    /** Takes the pod's resources on node i (it must fit) and returns the GPU indexes it holds. */
    int[] take(int i, Demand d, boolean spreadShares) {
        int[] held;
        if (d.wholeGpus > 0) {
            held = new int[d.wholeGpus];
            int k = 0;
            for (int g = gpuOff[i]; g < gpuOff[i + 1] && k < held.length; g++) {
                if (gpuFree[g] == GPU) {
                    held[k++] = g - gpuOff[i];
                }
            }
            if (k < held.length) {
                throw new IllegalStateException("node " + i + " has fewer than " + d.wholeGpus + " whole free GPUs");
            }
        } else if (d.share > 0) {
            int g = shareGpu(i, d.share, spreadShares);
            if (g < 0) {
                throw new IllegalStateException("node " + i + " has no GPU with " + d.share + " milli free");
            }
            held = new int[] {g};
        } else {
            held = new int[0];
        }
        take(i, d, held);
        return held;
    }

    /**
     * Takes the pod's resources on node i on the given GPUs (chosen elsewhere, e.g. by a device
     * allocator); fails, changing nothing, when they cannot hold it.
     */
    void take(int i, Demand d, int[] held) {
        int perGpu = d.wholeGpus > 0 ? GPU : d.share;
        int expected = d.wholeGpus > 0 ? d.wholeGpus : d.share > 0 ? 1 : 0;
        if (held.length != expected) {
            throw new IllegalStateException("pod needs " + expected + " GPUs, given " + held.length);
        }
        for (int j = 0; j < held.length; j++) {
            int g = held[j];
            if (g < 0 || g >= gpus[i] || gpuFree[gpuOff[i] + g] < perGpu) {
                throw new IllegalStateException("GPU " + g + " of node " + i + " has not " + perGpu + " milli free");
            }
            for (int k = 0; k < j; k++) {
                if (held[k] == g) {
                    throw new IllegalStateException("GPU " + g + " of node " + i + " taken twice");
                }
            }
        }
        if (freeCpu[i] < d.cpu || freeMem[i] < d.mem) {
            throw new IllegalStateException("pod does not fit node " + i);
        }
        for (int g : held) {
            gpuFree[gpuOff[i] + g] -= perGpu;
        }
        freeCpu[i] -= d.cpu;
        freeMem[i] -= d.mem;
        usedCpu += d.cpu;
        usedMem += d.mem;
        usedGpuMilli += d.heldGpuMilli();
        refresh(i);
    }

    /** Gives back what a binding holds; fails, changing nothing, if that is more than was used. */
    void give(int i, Demand d, int[] held) {
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("no node " + i);
        }
        int perGpu = d.wholeGpus > 0 ? GPU : d.share;
        int expected = d.wholeGpus > 0 ? d.wholeGpus : d.share > 0 ? 1 : 0;
        if (held == null || held.length != expected) {
            throw new IllegalArgumentException("binding holds " + (held == null ? 0 : held.length)
                    + " GPUs, its pod needs " + expected);
        }
        for (int j = 0; j < held.length; j++) {
            int g = held[j];
            if (g < 0 || g >= gpus[i] || gpuFree[gpuOff[i] + g] + perGpu > GPU) {
                throw new IllegalStateException("GPU " + g + " of node " + i + " does not hold " + perGpu + " milli");
            }
            for (int k = 0; k < j; k++) {
                if (held[k] == g) {
                    throw new IllegalStateException("GPU " + g + " of node " + i + " given twice");
                }
            }
        }
        if (freeCpu[i] + d.cpu > capCpu[i] || freeMem[i] + d.mem > capMem[i]) {
            throw new IllegalStateException("node " + i + " does not hold the binding's cpu or memory");
        }
        for (int g : held) {
            gpuFree[gpuOff[i] + g] += perGpu;
        }
        freeCpu[i] += d.cpu;
        freeMem[i] += d.mem;
        usedCpu -= d.cpu;
        usedMem -= d.mem;
        usedGpuMilli -= d.heldGpuMilli();
        refresh(i);
    }

    /** Recomputes node i's derived GPU facts and free fractions, and the whole-GPU total. */
    private void refresh(int i) {
        int w = 0;
        int max = 0;
        int sum = 0;
        int partial = 0;
        long mask = 0;
        for (int g = gpuOff[i]; g < gpuOff[i + 1]; g++) {
            int f = gpuFree[g];
            if (f == GPU) {
                w++;
            }
            if (f > 0) {
                mask |= 1L << Fractions.shareBucket(f);
                if (f < GPU) {
                    partial += f;
                }
            }
            max = Math.max(max, f);
            sum += f;
        }
        fullyFreeGpus += w - whole[i];
        partialFreeMilli += partial - partialFree[i];
        partialFree[i] = partial;
        whole[i] = w;
        maxShare[i] = max;
        freeGpu[i] = sum;
        shareMask[i] = mask;
        fracCpu[i] = Fractions.term(freeCpu[i], capCpu[i]);
        fracMem[i] = Fractions.term(freeMem[i], capMem[i]);
        fracGpu[i] = Fractions.term(sum, (long) gpus[i] * GPU);
    }

    long totalCpu() {
        return totalCpu;
    }

    long totalMem() {
        return totalMem;
    }

    int totalGpus() {
        return totalGpus;
    }

    long usedCpu() {
        return usedCpu;
    }

    long usedMem() {
        return usedMem;
    }

    long usedGpuMilli() {
        return usedGpuMilli;
    }

    int fullyFreeGpus() {
        return fullyFreeGpus;
    }

    long partialFreeMilli() {
        return partialFreeMilli;
    }
}
