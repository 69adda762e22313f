package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.workload.WorkloadInfo;

/**
 * A workload chosen for preemption, the ClusterQueue it holds quota in (a node of the tree it
 * was chosen in), and Kueue's Preempted condition reason (e.g. InClusterQueue).
 */
public record Target(WorkloadInfo workload, ClusterQueueNode queue, String reason) {
}
