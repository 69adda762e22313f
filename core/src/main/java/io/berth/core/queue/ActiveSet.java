package io.berth.core.queue;

import io.berth.core.workload.WorkloadInfo;
import java.util.List;

/** The active (retry now) workloads of one ClusterQueue, in the queue's order. */
interface ActiveSet {
    void add(WorkloadInfo w);

    boolean remove(WorkloadInfo w);

    boolean contains(WorkloadInfo w);

    /** Removes and returns the first workload, or null. */
    WorkloadInfo pollFirst();

    int size();

    /** All workloads in order. */
    List<WorkloadInfo> inOrder();
}
