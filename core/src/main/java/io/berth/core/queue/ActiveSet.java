package io.berth.core.queue;

import io.berth.core.workload.WorkloadInfo;
import java.util.Comparator;
import java.util.function.Consumer;

/** The active (retry now) workloads of one ClusterQueue, in the queue's order. */
interface ActiveSet {
    void add(WorkloadInfo w);

    boolean remove(WorkloadInfo w);

    boolean contains(WorkloadInfo w);

    /** The first workload, or null. */
    WorkloadInfo first();

    int size();

    void forEach(Consumer<WorkloadInfo> action);

    /** The order of this set as it stands now (admission fair sharing's changes with usage). */
    Comparator<WorkloadInfo> order();
}
