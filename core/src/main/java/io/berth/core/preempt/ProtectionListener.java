package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;

/** Told when a minimum runtime keeps a workload of a queue from being preempted, and until when (epoch ms). */
@FunctionalInterface
public interface ProtectionListener {
    void protectedUntil(ClusterQueueNode cq, long until);
}
