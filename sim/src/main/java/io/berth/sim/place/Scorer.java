package io.berth.sim.place;

/** How a feasible node is chosen, as kube-scheduler's NodeResourcesFit strategies. */
public enum Scorer {
    /** Spread: the node with the most free resources (kube-scheduler's default). */
    LEAST_ALLOCATED,
    /** Bin-pack: the node with the least free resources that fits. */
    MOST_ALLOCATED,
    /** Pack GPU work: prefer nodes (and GPUs) already partly used, keeping whole GPUs free. */
    GPU_PACKING
}
