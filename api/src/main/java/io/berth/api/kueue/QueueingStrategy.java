package io.berth.api.kueue;

/** How a ClusterQueue orders and retries its pending workloads. */
public enum QueueingStrategy {
    /** The head blocks the queue until it is admitted. */
    StrictFIFO,
    /** A head that cannot be admitted steps aside until quota changes. */
    BestEffortFIFO
}
