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
     * A cycle's heads are about to be nominated one after the other: every search until
     * {@link #endNomination()} starts from the same tree, so what it works out may be shared.
     */
    default void beginNomination() {
    }

    /** The tree is about to change for real: nothing shared between searches holds any more. */
    default void endNomination() {
    }
}
