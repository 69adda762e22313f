package io.berth.core.preempt;

import io.berth.api.kueue.PreemptionPolicy;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Kueue's classical preemption: try candidates in order, removing each from the quota tree until
 * the preemptor fits, then put back every target that turns out not to be needed (walking back
 * from the last but one), so the target set is minimal. Borrowing while preempting is tried
 * first or last depending on borrowWithinCohort and what candidates exist.
 */
public final class ClassicalPreemptor extends PreemptorBase {
    private final QueuesByFirstEvicted byFirstEvicted;
    private final MergedAdmitted merged;
    private boolean inCycle;

    public ClassicalPreemptor(QuotaTree tree, AdmittedWorkloads admitted, LongSupplier now,
                              ProtectionListener protection) {
        super(tree, admitted, now, protection);
        this.byFirstEvicted = new QueuesByFirstEvicted(tree, admitted);
        this.merged = new MergedAdmitted(tree, admitted);
    }

    @Override
    public void beginCycle() {
        inCycle = true;
        byFirstEvicted.clear();
        merged.clear();
    }

    @Override
    public void usageChanged(ClusterQueueNode cq) {
        byFirstEvicted.changed(cq);
        merged.usageChanged(cq);
    }

    @Override
    public void admitted(ClusterQueueNode cq) {
        byFirstEvicted.changed(cq);
        merged.admitted(cq);
    }

    @Override
    public void endCycle() {
        inCycle = false;
        byFirstEvicted.clear();
        merged.clear();
    }

    @Override
    List<Target> findRemoved(PreemptionRequest request) {
        CandidateCollector collector = new CandidateCollector(request, admitted, this::pastMinRuntime,
                inCycle ? merged : null, inCycle ? byFirstEvicted : null);
        boolean bwcForbidden = request.cq().preemption().borrowWithinCohort().policy() == PreemptionPolicy.Never;
        boolean[] attempts;
        if (collector.noCandidateFromOtherQueues() || (bwcForbidden && !request.queueUnderNominal())) {
            attempts = new boolean[] {true};
        } else if (bwcForbidden && collector.noCandidateForHierarchicalReclaim()) {
            attempts = new boolean[] {false, true};
        } else {
            attempts = new boolean[] {true, false};
        }
        for (boolean allowBorrowing : attempts) {
            List<Target> targets = new ArrayList<>(4);
            for (Iterator<Candidate> it = collector.ordered(allowBorrowing); it.hasNext(); ) {
                Candidate c = it.next();
                if (!isValid(c, request, allowBorrowing)) {
                    continue;
                }
                Target t = new Target(c.workload(), c.cq(), c.variant().reason);
                remove(t);
                targets.add(t);
                if (request.fits(allowBorrowing)) {
                    return fillBack(request, targets, allowBorrowing);
                }
            }
            targets.forEach(this::restore);
        }
        return List.of();
    }

    /** Kueue re-checks each candidate against the current state, as earlier removals change who borrows. */
    private static boolean isValid(Candidate c, PreemptionRequest request, boolean allowBorrowing) {
        if (c.cq() == request.cq()) {
            return true;
        }
        if (allowBorrowing && c.variant() == Candidate.Variant.RECLAIM_WITHOUT_BORROWING) {
            return false;
        }
        BitSet needing = request.frsNeedingPreemption();
        if (CandidateCollector.withinNominal(c.cq(), needing)) {
            return false;
        }
        for (CohortNode node = c.cq().parent(); node != null && node != c.lca(); node = node.parent()) {
            if (CandidateCollector.withinNominal(node, needing)) {
                return false;
            }
        }
        return true;
    }
}
