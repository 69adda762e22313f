package io.berth.api.kueue;

/** spec.stopPolicy of ClusterQueues and LocalQueues. */
public enum StopPolicy {
    None, Hold, HoldAndDrain
}
