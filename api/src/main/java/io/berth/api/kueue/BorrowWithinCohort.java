package io.berth.api.kueue;

/** Preemption while borrowing; maxPriorityThreshold may be null (no threshold). */
public record BorrowWithinCohort(PreemptionPolicy policy, Integer maxPriorityThreshold) {
    public static final BorrowWithinCohort NEVER = new BorrowWithinCohort(PreemptionPolicy.Never, null);
}
