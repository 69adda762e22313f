package io.berth.core.preempt;

import io.berth.core.workload.WorkloadInfo;

/** A workload chosen for preemption, with Kueue's Preempted condition reason (e.g. InClusterQueue). */
public record Target(WorkloadInfo workload, String reason) {
}
