package io.berth.sim.place;

/**
 * A pod bound to a node: the node's index in the cluster and, for GPU pods, the GPUs it holds
 * (their indexes on the node; one index for a GPU share).
 */
public record Binding(int node, PodRequest pod, int[] gpus) {
}
