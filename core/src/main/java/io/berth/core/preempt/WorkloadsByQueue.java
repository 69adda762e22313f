package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.NodeMap;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;

/**
 * Each ClusterQueue's admitted workloads, found by name once for the quota tree's life: searches
 * ask about the same queues again and again, and hashing their names each time showed in profiles.
 */
final class WorkloadsByQueue {
    private final AdmittedWorkloads admitted;
    private final NodeMap<AdmittedWorkloads.QueueWorkloads> byNode;

    WorkloadsByQueue(QuotaTree tree, AdmittedWorkloads admitted) {
        this.admitted = admitted;
        this.byNode = new NodeMap<>(tree);
    }

    AdmittedWorkloads.QueueWorkloads of(ClusterQueueNode q) {
        AdmittedWorkloads.QueueWorkloads workloads = byNode.get(q);
        if (workloads == null) {
            workloads = admitted.queue(q.name());
            byNode.put(q, workloads);
        }
        return workloads;
    }

    boolean anyEvicted() {
        return admitted.anyEvicted();
    }

    boolean ranksAnyByLocalQueue() {
        return admitted.ranksAnyByLocalQueue();
    }
}
