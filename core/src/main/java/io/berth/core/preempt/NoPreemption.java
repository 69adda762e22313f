package io.berth.core.preempt;

import io.berth.core.assign.Assignment;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.workload.WorkloadInfo;
import java.util.List;

/** A preemptor that never finds candidates: quota is only ever taken from what is unused. */
public final class NoPreemption implements Preemptor {
    @Override
    public Simulation simulate(ClusterQueueNode cq, WorkloadInfo wl, int fr, long quantity) {
        return new Simulation(Possibility.NO_CANDIDATES, cq.heightOfLowestSubtreeThatFits(fr, quantity).height());
    }

    @Override
    public List<Target> targets(WorkloadInfo wl, ClusterQueueNode cq, Assignment assignment) {
        return List.of();
    }
}
