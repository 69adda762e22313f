package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.workload.WorkloadInfo;

/** Answers, during flavor assignment, whether preemption could make room for one flavor-resource. */
public interface PreemptionOracle {

    /** Whether preempting could free quantity of fr for wl in cq, and the borrow height afterwards. */
    Simulation simulate(ClusterQueueNode cq, WorkloadInfo wl, int fr, long quantity);

    /** What preemption could achieve: nothing, room inside the queue, or quota reclaimed from the cohort. */
    enum Possibility {
        NO_CANDIDATES, PREEMPT, RECLAIM
    }

    record Simulation(Possibility possibility, int borrowAfter) {
    }
}
