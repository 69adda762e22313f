package io.berth.core.preempt;

import io.berth.core.assign.Assignment;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.workload.WorkloadInfo;
import java.util.List;

/** Chooses which admitted workloads to evict so that a pending one fits. */
public interface Preemptor extends PreemptionOracle {

    /** The minimal set of workloads whose eviction lets wl be admitted with the assignment; empty if none. */
    List<Target> targets(WorkloadInfo wl, ClusterQueueNode cq, Assignment assignment);

    /**
     * A cycle begins: until {@link #endCycle()} the tree changes only where the scheduler says so
     * through {@link #usageChanged} and {@link #admitted}, so what searches work out elsewhere may be shared between them.
     */
    default void beginCycle() {
    }

    /** The usage of cq changed (a workload was set aside, or quota is held): its shares no longer hold. */
    default void usageChanged(ClusterQueueNode cq) {
    }

    /** A workload was admitted to cq: nothing shared about its usage or its admitted workloads holds any more. */
    default void admitted(ClusterQueueNode cq) {
    }

    /** The cycle is over: nothing shared between searches holds any more. */
    default void endCycle() {
    }
}
