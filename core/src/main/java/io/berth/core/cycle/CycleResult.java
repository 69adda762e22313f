package io.berth.core.cycle;

import io.berth.core.preempt.Target;
import io.berth.core.workload.WorkloadInfo;
import java.util.List;
import java.util.Map;

/**
 * What one scheduling cycle did: workloads admitted (in admission order), workloads it
 * decided to preempt, and the pending status of every head it considered but did not admit.
 */
public record CycleResult(List<WorkloadInfo> admitted, List<Target> preempted, Map<String, PendingStatus> pending) {
    public CycleResult {
        admitted = List.copyOf(admitted);
        preempted = List.copyOf(preempted);
        pending = Map.copyOf(pending);
    }

    public boolean admittedAny() {
        return !admitted.isEmpty();
    }
}
