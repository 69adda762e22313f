package io.berth.core.preempt;

import io.berth.api.kueue.PreemptionPolicy;
import io.berth.core.workload.WorkloadInfo;

/** Whether a preemption policy lets a preemptor evict a candidate. */
final class PreemptionPolicies {
    private PreemptionPolicies() {
    }

    static boolean allows(PreemptionPolicy policy, WorkloadInfo preemptor, WorkloadInfo candidate) {
        return switch (policy) {
            case Never -> false;
            case Any -> true;
            case LowerPriority -> preemptor.priority() > candidate.priority();
            case LowerOrNewerEqualPriority -> preemptor.priority() > candidate.priority()
                    || (preemptor.priority() == candidate.priority()
                        && preemptor.queueTimestamp() < candidate.queueTimestamp());
        };
    }

    /**
     * Whether the policy excludes the candidate and every candidate of the same or higher
     * priority, so a scan in ascending priority can stop there.
     */
    static boolean excludesFromHere(PreemptionPolicy policy, WorkloadInfo preemptor, WorkloadInfo candidate) {
        return switch (policy) {
            case Never -> true;
            case Any -> false;
            case LowerPriority -> candidate.priority() >= preemptor.priority();
            case LowerOrNewerEqualPriority -> candidate.priority() > preemptor.priority();
        };
    }
}
