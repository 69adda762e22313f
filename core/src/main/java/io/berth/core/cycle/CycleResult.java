package io.berth.core.cycle;

import io.berth.core.preempt.Target;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scheduling cycle did: workloads admitted (in admission order), workloads it decided
 * to preempt, workloads evicted for other reasons (namespace/name to Kueue's Evicted reason:
 * PodsReadyTimeout, Deactivated, DeactivatedDueToRequeuingLimitExceeded, ClusterQueueStopped,
 * LocalQueueStopped), the pending status of every head it considered but did not admit, and what
 * its preempting heads ran into.
 */
public record CycleResult(List<WorkloadInfo> admitted, List<Target> preempted, Map<String, String> evicted,
                          Map<String, PendingStatus> pending, PreemptionStats preemptionStats) {
    public CycleResult {
        admitted = List.copyOf(admitted);
        preempted = List.copyOf(preempted);
        evicted = Map.copyOf(evicted);
        pending = Map.copyOf(pending);
    }

    public CycleResult(List<WorkloadInfo> admitted, List<Target> preempted, Map<String, PendingStatus> pending) {
        this(admitted, preempted, Map.of(), pending, PreemptionStats.NONE);
    }

    /** The same with the evictions to report with it. */
    public CycleResult withEvicted(Map<String, String> reported) {
        return new CycleResult(admitted, preempted, reported, pending, preemptionStats);
    }

    /** This cycle followed by next (Berth's several admissions per ClusterQueue per cycle). */
    public CycleResult then(CycleResult next) {
        List<WorkloadInfo> a = new ArrayList<>(admitted);
        a.addAll(next.admitted);
        List<Target> p = new ArrayList<>(preempted);
        p.addAll(next.preempted);
        Map<String, String> e = new LinkedHashMap<>(evicted);
        e.putAll(next.evicted);
        Map<String, PendingStatus> s = new LinkedHashMap<>(pending);
        next.admitted.forEach(w -> s.remove(w.key()));
        s.putAll(next.pending);
        return new CycleResult(a, p, e, s, preemptionStats.then(next.preemptionStats));
    }

    public boolean admittedAny() {
        return !admitted.isEmpty();
    }
}
