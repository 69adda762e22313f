package io.berth.core.preempt;

import io.berth.api.kueue.PreemptionPolicy;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.DominantResourceShare;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Kueue's fair-sharing preemption: candidates come from the preemptor's queue and from queues of
 * the cohort tree that borrow; queues are visited highest share first, and a candidate in another
 * queue may go only if the configured strategy holds (LessThanOrEqualToFinalShare: the
 * preemptor's share after admission is at most the target's share after the preemption;
 * LessThanInitialShare: below the target's share before it). A second strategy, if configured,
 * retries the candidates the first one refused.
 */
public final class FairSharingPreemptor extends PreemptorBase {
    public static final String LESS_THAN_OR_EQUAL_TO_FINAL_SHARE = "LessThanOrEqualToFinalShare";
    public static final String LESS_THAN_INITIAL_SHARE = "LessThanInitialShare";
    private static final String IN_CLUSTER_QUEUE = "InClusterQueue";
    private static final String IN_COHORT_RECLAMATION = "InCohortReclamation";
    private static final String IN_COHORT_FAIR_SHARING = "InCohortFairSharing";

    private final List<String> strategies;

    /** strategies: Kueue's names, in order; empty means [LessThanOrEqualToFinalShare, LessThanInitialShare]. */
    public FairSharingPreemptor(QuotaTree tree, AdmittedWorkloads admitted, LongSupplier now,
                                ProtectionListener protection, List<String> strategies) {
        super(tree, admitted, now, protection);
        this.strategies = strategies.isEmpty()
                ? List.of(LESS_THAN_OR_EQUAL_TO_FINAL_SHARE, LESS_THAN_INITIAL_SHARE) : List.copyOf(strategies);
    }

    @Override
    List<Target> find(PreemptionRequest request) {
        List<WorkloadInfo> candidates = candidates(request);
        if (candidates.isEmpty()) {
            return List.of();
        }
        ClusterQueueNode cq = request.cq();
        request.usage().addTo(cq);
        List<Target> targets = new ArrayList<>();
        List<WorkloadInfo> retry = new ArrayList<>();
        boolean fits = firstStrategy(request, candidates, strategies.get(0), targets, retry);
        if (!fits && strategies.size() > 1) {
            fits = secondStrategy(request, retry, targets);
        }
        request.usage().removeFrom(cq);
        if (!fits) {
            targets.forEach(this::restore);
            return List.of();
        }
        List<Target> result = fillBack(request, targets, true);
        result.forEach(this::restore);
        return result;
    }

    private List<WorkloadInfo> candidates(PreemptionRequest request) {
        ClusterQueueNode cq = request.cq();
        BitSet needing = request.frsNeedingPreemption();
        List<WorkloadInfo> result = new ArrayList<>();
        PreemptionPolicy within = cq.preemption().withinClusterQueue();
        if (within != PreemptionPolicy.Never) {
            addAllowed(result, cq, within, request);
        }
        PreemptionPolicy reclaim = cq.preemption().reclaimWithinCohort();
        if (cq.hasParent() && reclaim != PreemptionPolicy.Never) {
            for (String name : tree.clusterQueuesSharingQuotaWith(cq)) {
                ClusterQueueNode other = tree.clusterQueue(name);
                if (other != cq && borrowsAny(other, needing)) {
                    addAllowed(result, other, reclaim, request);
                }
            }
        }
        result.sort(Candidate.workloadOrder(cq.name()));
        return result;
    }

    private void addAllowed(List<WorkloadInfo> out, ClusterQueueNode from, PreemptionPolicy policy, PreemptionRequest r) {
        for (WorkloadInfo w : admitted.in(from.name())) {
            if (PreemptionPolicies.allows(policy, r.preemptor(), w) && w.usesAny(r.frsNeedingPreemption())
                    && pastMinRuntime(w)) {
                out.add(w);
            }
        }
    }

    private static boolean borrowsAny(ClusterQueueNode cq, BitSet frs) {
        for (int fr = frs.nextSetBit(0); fr >= 0; fr = frs.nextSetBit(fr + 1)) {
            if (cq.borrowingWith(fr, 0)) {
                return true;
            }
        }
        return false;
    }

    private boolean firstStrategy(PreemptionRequest request, List<WorkloadInfo> candidates, String strategy,
                                  List<Target> targets, List<WorkloadInfo> retry) {
        ClusterQueueNode preemptorCq = request.cq();
        TargetQueueOrdering ordering = new TargetQueueOrdering(preemptorCq, candidates, this::queueOf, frs);
        boolean preemptorWithinNominal = !borrowsAny(preemptorCq, request.frsNeedingPreemption());
        for (ClusterQueueNode target = ordering.next(); target != null; target = ordering.next()) {
            if (target == preemptorCq || preemptorWithinNominal) {
                if (take(request, targets, ordering.pop(target), target == preemptorCq ? IN_CLUSTER_QUEUE : IN_COHORT_RECLAMATION)) {
                    return true;
                }
                continue;
            }
            DominantResourceShare preemptorNew = ordering.almostLowestCommonAncestor(preemptorCq, target).dominantResourceShare(frs);
            DominantResourceShare targetOld = ordering.almostLowestCommonAncestor(target, target).dominantResourceShare(frs);
            if (Double.isInfinite(preemptorNew.preciseWeightedShare()) && !Double.isInfinite(targetOld.preciseWeightedShare())) {
                while (ordering.hasCandidate(target)) {
                    retry.add(ordering.pop(target));
                }
                continue;
            }
            while (ordering.hasCandidate(target)) {
                WorkloadInfo w = ordering.pop(target);
                w.admission().usage().removeFrom(target);
                DominantResourceShare targetNew = ordering.almostLowestCommonAncestor(target, target).dominantResourceShare(frs);
                w.admission().usage().addTo(target);
                if (passes(strategy, preemptorNew, targetOld, targetNew)) {
                    if (take(request, targets, w, IN_COHORT_FAIR_SHARING)) {
                        return true;
                    }
                    break;
                }
                retry.add(w);
            }
        }
        return false;
    }

    private boolean secondStrategy(PreemptionRequest request, List<WorkloadInfo> retry, List<Target> targets) {
        ClusterQueueNode preemptorCq = request.cq();
        TargetQueueOrdering ordering = new TargetQueueOrdering(preemptorCq, retry, this::queueOf, frs);
        for (ClusterQueueNode target = ordering.next(); target != null; target = ordering.next()) {
            DominantResourceShare preemptorNew = ordering.almostLowestCommonAncestor(preemptorCq, target).dominantResourceShare(frs);
            DominantResourceShare targetOld = ordering.almostLowestCommonAncestor(target, target).dominantResourceShare(frs);
            WorkloadInfo w = ordering.pop(target);
            if (DominantResourceShare.compare(preemptorNew, targetOld) < 0
                    && take(request, targets, w, IN_COHORT_FAIR_SHARING)) {
                return true;
            }
            ordering.drop(target);
        }
        return false;
    }

    private static boolean passes(String strategy, DominantResourceShare preemptorNew, DominantResourceShare targetOld,
                                  DominantResourceShare targetNew) {
        return strategy.equals(LESS_THAN_INITIAL_SHARE)
                ? DominantResourceShare.compare(preemptorNew, targetOld) < 0
                : DominantResourceShare.compare(preemptorNew, targetNew) <= 0;
    }

    /** Removes w as a target; true when the preemptor now fits (its own simulated usage set aside). */
    private boolean take(PreemptionRequest request, List<Target> targets, WorkloadInfo w, String reason) {
        Target t = new Target(w, reason);
        remove(t);
        targets.add(t);
        request.usage().removeFrom(request.cq());
        boolean fits = request.fits(true);
        request.usage().addTo(request.cq());
        return fits;
    }
}
