package io.berth.core.preempt;

import io.berth.api.kueue.PreemptionPolicy;
import io.berth.core.assign.Assignment;
import io.berth.core.assign.Mode;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Beyond Kueue: says, for a pending workload, which workloads it would preempt and why, or what
 * keeps each workload that holds the quota it needs from being preempted.
 */
public final class PreemptionExplainer {
    private final QuotaTree tree;
    private final AdmittedWorkloads admitted;
    private final Preemptor preemptor;
    private final LongSupplier now;

    public PreemptionExplainer(QuotaTree tree, AdmittedWorkloads admitted, Preemptor preemptor, LongSupplier now) {
        this.tree = tree;
        this.admitted = admitted;
        this.preemptor = preemptor;
        this.now = now;
    }

    /** What preemption would do for wl with this assignment in cq. */
    public PreemptionExplanation explain(WorkloadInfo wl, ClusterQueueNode cq, Assignment assignment) {
        if (assignment.mode() != Mode.PREEMPT) {
            return PreemptionExplanation.NOT_NEEDED;
        }
        List<Target> targets = preemptor.targets(wl, cq, assignment);
        if (!targets.isEmpty()) {
            List<String> why = targets.stream().map(t -> t.workload().key() + " (" + t.reason() + ")").toList();
            return new PreemptionExplanation(why, List.of());
        }
        BitSet needing = PreemptorBase.needingPreemption(assignment, tree.flavorResources());
        List<String> blockers = new ArrayList<>();
        for (ClusterQueueNode other : cq.hasParent() ? tree.clusterQueuesSharingQuotaWith(cq) : List.of(cq)) {
            for (WorkloadInfo w : admitted.queue(other.name()).inOrder()) {
                if (w.usesAny(needing)) {
                    blockers.add(w.key() + ": " + whyNot(wl, cq, w, other, needing));
                }
            }
        }
        if (blockers.isEmpty()) {
            blockers.add("no admitted workload uses the quota it needs");
        }
        return new PreemptionExplanation(List.of(), blockers);
    }

    private String whyNot(WorkloadInfo wl, ClusterQueueNode cq, WorkloadInfo w, ClusterQueueNode wCq, BitSet needing) {
        boolean same = wCq == cq;
        PreemptionPolicy policy = same ? cq.preemption().withinClusterQueue() : cq.preemption().reclaimWithinCohort();
        String field = same ? "withinClusterQueue" : "reclaimWithinCohort";
        if (policy == PreemptionPolicy.Never) {
            return "ClusterQueue " + cq.name() + " has preemption." + field + ": Never";
        }
        if (!PreemptionPolicies.allows(policy, wl, w)) {
            return "priority " + w.priority() + " is not below " + wl.priority() + " (" + field + ": " + policy + ")";
        }
        long ran = now.getAsLong() - w.admittedAt();
        if (ran < wCq.minRuntimeBeforePreemption()) {
            return "has run " + ran / 1000 + "s; ClusterQueue " + wCq.name() + " protects workloads for "
                    + wCq.minRuntimeBeforePreemption() / 1000 + "s";
        }
        if (!same && CandidateCollector.withinNominal(wCq, needing)) {
            return "ClusterQueue " + wCq.name() + " is not borrowing the quota it needs";
        }
        return "preempting it would not free enough quota";
    }
}
