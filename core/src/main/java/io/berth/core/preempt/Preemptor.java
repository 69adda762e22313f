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
     * through {@link #changed}, so what searches work out elsewhere may be shared between them.
     */
    default void beginCycle() {
    }

    /** The usage or the admitted workloads of cq changed: nothing shared about it holds any more. */
    default void changed(ClusterQueueNode cq) {
    }

    /** The cycle is over: nothing shared between searches holds any more. */
    default void endCycle() {
    }
}
