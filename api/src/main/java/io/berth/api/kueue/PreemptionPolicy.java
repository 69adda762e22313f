package io.berth.api.kueue;

/** Values of reclaimWithinCohort, withinClusterQueue and borrowWithinCohort.policy. */
public enum PreemptionPolicy {
    Never, LowerPriority, LowerOrNewerEqualPriority, Any
}
