package io.berth.sim.place;

/**
 * What a pod takes from a node, in the units the placement works with: cpu milli, memory bytes,
 * and either whole GPUs (a request of 1000 milli or more, rounded up to whole GPUs) or a share
 * of one GPU (a request between 1 and 999 milli).
 */
final class Demand {
    final long cpu;
    final long mem;
    final int wholeGpus;
    final int share;

    private Demand(long cpu, long mem, int wholeGpus, int share) {
        this.cpu = cpu;
        this.mem = mem;
        this.wholeGpus = wholeGpus;
        this.share = share;
    }

    static Demand of(PodRequest pod) {
        if (pod.cpuMilli() < 0 || pod.memoryBytes() < 0 || pod.gpuMilli() < 0) {
            throw new IllegalArgumentException("negative request: " + pod);
        }
        long g = pod.gpuMilli();
        if (g >= NodeState.GPU) {
            long whole = (g + NodeState.GPU - 1) / NodeState.GPU;
            if (whole > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too many GPUs: " + pod);
            }
            return new Demand(pod.cpuMilli(), pod.memoryBytes(), (int) whole, 0);
        }
        return new Demand(pod.cpuMilli(), pod.memoryBytes(), 0, (int) g);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Demand x && x.cpu == cpu && x.mem == mem && x.wholeGpus == wholeGpus && x.share == share;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(cpu, mem, wholeGpus, share);
    }

    boolean usesGpu() {
        return wholeGpus > 0 || share > 0;
    }

    /** GPU milli the pod holds once bound: 1000 per whole GPU, or its share. */
    long heldGpuMilli() {
        return wholeGpus > 0 ? (long) wholeGpus * NodeState.GPU : share;
    }
}
