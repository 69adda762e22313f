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
}
