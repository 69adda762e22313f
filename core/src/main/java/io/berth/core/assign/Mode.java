package io.berth.core.assign;

/** How a workload (or pod set, or flavor) can get its quota, worst first. */
public enum Mode {
    /** Does not fit, even with preemption. */
    NO_FIT,
    /** Fits only if other workloads are preempted (possibly none can be). */
    PREEMPT,
    /** Fits in unused quota. */
    FIT
}
