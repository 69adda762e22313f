package io.berth.core.preempt;

import java.util.List;

/**
 * For a pending workload: the workloads it would preempt ("ns/name (reason)"), or, when it needs
 * preemption but can preempt nothing, what blocks each workload holding the quota it needs.
 */
public record PreemptionExplanation(List<String> wouldPreempt, List<String> blockedBy) {
    public static final PreemptionExplanation NOT_NEEDED = new PreemptionExplanation(List.of(), List.of());

    public PreemptionExplanation {
        wouldPreempt = List.copyOf(wouldPreempt);
        blockedBy = List.copyOf(blockedBy);
    }
}
