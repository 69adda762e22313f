package io.berth.core.preempt;

import io.berth.core.assign.Assignment;
import io.berth.core.assign.Mode;
import io.berth.core.assign.PodSetResult;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.FlavorResources;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.Usage;
import io.berth.core.workload.WorkloadInfo;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What classical and fair-sharing preemption share: turning an assignment into a request, the
 * oracle used during flavor assignment, simulated removal of candidates from the quota tree
 * (always restored), and dropping targets that turn out not to be needed.
 */
abstract class PreemptorBase implements Preemptor {
    final QuotaTree tree;
    final AdmittedWorkloads admitted;
    final FlavorResources frs;
    private final LongSupplier now;
    private final ProtectionListener protection;

    PreemptorBase(QuotaTree tree, AdmittedWorkloads admitted, LongSupplier now, ProtectionListener protection) {
        this.tree = tree;
        this.admitted = admitted;
        this.frs = tree.flavorResources();
        this.now = now;
        this.protection = protection;
    }

    /** Whether the workload has run long enough in its queue to be preempted (Berth's minimum runtime). */
    boolean pastMinRuntime(WorkloadInfo w, ClusterQueueNode cq) {
        if (cq.minRuntimeBeforePreemption() == 0) {
            return true;
        }
        long until = w.admittedAt() + cq.minRuntimeBeforePreemption();
        if (now.getAsLong() >= until) {
            return true;
        }
        protection.protectedUntil(cq, until);
        return false;
    }

    /**
     * The targets for a request, left removed from the quota tree for the caller to put back;
     * empty, with the tree as it was, when none work.
     */
    abstract List<Target> findRemoved(PreemptionRequest request);

    /** The targets for a request, with the quota tree left as it was; empty when none work. */
    List<Target> find(PreemptionRequest request) {
        List<Target> targets = findRemoved(request);
        targets.forEach(this::restore);
        return targets;
    }

    /**
     * The oracle's last search, kept for the targets() call that follows it during the same
     * assignment: with one flavor-resource needing preemption both ask the same question, and
     * nothing changes the tree in between.
     */
    private PreemptionRequest lastRequest;
    private List<Target> lastTargets;

    @Override
    public List<Target> targets(WorkloadInfo wl, ClusterQueueNode cq, Assignment assignment) {
        PreemptionRequest request = new PreemptionRequest(wl, cq, needingPreemption(assignment, frs), assignment.usage());
        if (request.sameAs(lastRequest)) {
            lastRequest = null;
            return lastTargets;
        }
        return find(request);
    }

    /** The flavor-resources an assignment can only get by preemption; one alone is the tree's shared set. */
    static BitSet needingPreemption(Assignment assignment, FlavorResources frs) {
        FlavorResources.SetBuilder needing = frs.newSet();
        for (PodSetResult ps : assignment.podSets()) {
            for (int r = 0; r < ps.resources().length; r++) {
                if (ps.flavors()[r] != null && ps.modes()[r] == Mode.PREEMPT) {
                    needing.add(ps.frIds()[r]);
                }
            }
        }
        return needing.build();
    }

    @Override
    public Simulation simulate(ClusterQueueNode cq, WorkloadInfo wl, int fr, long quantity) {
        PreemptionRequest request = new PreemptionRequest(wl, cq, frs.alone(fr), Usage.of(fr, quantity));
        List<Target> targets = findRemoved(request);
        lastRequest = request;
        lastTargets = targets;
        if (targets.isEmpty()) {
            return new Simulation(Possibility.NO_CANDIDATES, cq.heightOfLowestSubtreeThatFits(fr, quantity).height());
        }
        int borrowAfter = cq.heightOfLowestSubtreeThatFits(fr, quantity).height();
        boolean sameQueue = false;
        for (Target t : targets) {
            restore(t);
            sameQueue |= t.queue() == cq;
        }
        return new Simulation(sameQueue ? Possibility.PREEMPT : Possibility.RECLAIM, borrowAfter);
    }

    /**
     * Puts back targets (last but one to first) whose removal the preemptor does not need; returns
     * targets, changed in place, with the others.
     */
    List<Target> fillBack(PreemptionRequest request, List<Target> targets, boolean allowBorrowing) {
        for (int i = targets.size() - 2; i >= 0; i--) {
            Target t = targets.get(i);
            restore(t);
            if (request.fits(allowBorrowing)) {
                targets.set(i, targets.get(targets.size() - 1));
                targets.remove(targets.size() - 1);
            } else {
                remove(t);
            }
        }
        return targets;
    }

    void remove(Target t) {
        t.workload().admission().usage().removeFrom(t.queue());
    }

    void restore(Target t) {
        t.workload().admission().usage().addTo(t.queue());
    }
}
