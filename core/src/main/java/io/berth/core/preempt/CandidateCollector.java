package io.berth.core.preempt;

import io.berth.api.kueue.BorrowWithinCohort;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.quota.QuotaNode;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.Usage;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Collects classical preemption candidates: the preemptor's own queue (withinClusterQueue) and,
 * walking up the cohort tree, queues that borrow the needed flavor-resources
 * (reclaimWithinCohort, borrowWithinCohort). Candidates in subtrees where the preemptor would
 * fit within quota have a hierarchical advantage and come first.
 */
final class CandidateCollector {
    private final PreemptionRequest request;
    private final AdmittedWorkloads admitted;
    private final Predicate<WorkloadInfo> mayBePreempted;
    private final List<Candidate> sameQueue = new ArrayList<>();
    private final List<Candidate> hierarchical = new ArrayList<>();
    private final List<Candidate> byPriority = new ArrayList<>();

    CandidateCollector(PreemptionRequest request, AdmittedWorkloads admitted, Predicate<WorkloadInfo> mayBePreempted) {
        this.request = request;
        this.admitted = admitted;
        this.mayBePreempted = mayBePreempted;
        ClusterQueueNode cq = request.cq();
        if (cq.preemption().withinClusterQueue() != PreemptionPolicy.Never) {
            addFrom(cq, null, false, sameQueue);
        }
        if (cq.hasParent() && cq.preemption().reclaimWithinCohort() != PreemptionPolicy.Never) {
            collectHierarchical();
        }
    }

    boolean noCandidateFromOtherQueues() {
        return hierarchical.isEmpty() && byPriority.isEmpty();
    }

    boolean noCandidateForHierarchicalReclaim() {
        return hierarchical.isEmpty();
    }

    /** All candidates in trial order: evicted ones first, then hierarchical, by priority, own queue. */
    List<Candidate> ordered() {
        Comparator<Candidate> order = Candidate.order(request.cq().name());
        List<Candidate> evicted = new ArrayList<>();
        List<Candidate> rest = new ArrayList<>();
        for (List<Candidate> group : List.of(hierarchical, byPriority, sameQueue)) {
            group.sort(order);
            for (Candidate c : group) {
                (c.workload().isEvicted() ? evicted : rest).add(c);
            }
        }
        evicted.addAll(rest);
        return evicted;
    }

    private void collectHierarchical() {
        ClusterQueueNode cq = request.cq();
        Remaining fit = fitsInQuota(cq, request.usage());
        boolean advantage = fit.fits;
        Usage remaining = fit.remaining;
        CohortNode previous = null;
        for (CohortNode current = cq.parent(); current != null; current = current.parent()) {
            collectInSubtree(current, current, previous, advantage, advantage ? hierarchical : byPriority);
            fit = fitsInQuota(current, remaining);
            advantage = advantage || fit.fits;
            remaining = fit.remaining;
            previous = current;
        }
    }

    private void collectInSubtree(CohortNode current, CohortNode subtreeRoot, CohortNode skip, boolean advantage,
                                  List<Candidate> out) {
        for (CohortNode child : current.childCohorts()) {
            if (child != skip && !withinNominal(child, request.frsNeedingPreemption())) {
                collectInSubtree(child, subtreeRoot, skip, advantage, out);
            }
        }
        for (ClusterQueueNode child : current.childQueues()) {
            if (child != request.cq() && !withinNominal(child, request.frsNeedingPreemption())) {
                addFrom(child, subtreeRoot, advantage, out);
            }
        }
    }

    private void addFrom(ClusterQueueNode cq, CohortNode lca, boolean advantage, List<Candidate> out) {
        for (WorkloadInfo w : admitted.in(cq.name())) {
            if (!mayBePreempted.test(w)) {
                continue;
            }
            Candidate.Variant v = classify(w, cq, advantage);
            if (v != null) {
                out.add(new Candidate(w, cq, lca, v));
            }
        }
    }

    /** How the workload could be preempted, or null when it may not be. */
    private Candidate.Variant classify(WorkloadInfo w, ClusterQueueNode wCq, boolean advantage) {
        if (!w.usesAny(request.frsNeedingPreemption())) {
            return null;
        }
        ClusterQueueNode cq = request.cq();
        boolean sameQueue = wCq == cq;
        PreemptionPolicy policy = sameQueue ? cq.preemption().withinClusterQueue() : cq.preemption().reclaimWithinCohort();
        if (!PreemptionPolicies.allows(policy, request.preemptor(), w)) {
            return null;
        }
        if (sameQueue) {
            return Candidate.Variant.WITHIN_CLUSTER_QUEUE;
        }
        if (advantage) {
            return Candidate.Variant.HIERARCHICAL_RECLAIM;
        }
        BorrowWithinCohort bwc = cq.preemption().borrowWithinCohort();
        if (bwc.policy() == PreemptionPolicy.Never) {
            return Candidate.Variant.RECLAIM_WITHOUT_BORROWING;
        }
        boolean aboveThreshold = w.priority() >= request.preemptor().priority()
                || (bwc.maxPriorityThreshold() != null && w.priority() > bwc.maxPriorityThreshold());
        return aboveThreshold ? Candidate.Variant.RECLAIM_WITHOUT_BORROWING : Candidate.Variant.RECLAIM_WHILE_BORROWING;
    }

    /** Whether the node uses no more than its (subtree) quota in every listed flavor-resource. */
    static boolean withinNominal(QuotaNode node, BitSet frs) {
        for (int fr = frs.nextSetBit(0); fr >= 0; fr = frs.nextSetBit(fr + 1)) {
            if (node.subtreeQuota(fr) < node.usage(fr)) {
                return false;
            }
        }
        return true;
    }

    private record Remaining(boolean fits, Usage remaining) {
    }

    /** Whether requests fit in the node's quota, and what is left once its guaranteed part is used. */
    private static Remaining fitsInQuota(QuotaNode node, Usage requests) {
        boolean fits = true;
        Usage.Builder remaining = new Usage.Builder();
        for (int i = 0; i < requests.size(); i++) {
            int fr = requests.fr(i);
            long v = requests.amount(i);
            if (node.subtreeQuota(fr) < node.usage(fr) + v) {
                fits = false;
            }
            remaining.add(fr, Math.max(0, v - node.localAvailable(fr)));
        }
        return new Remaining(fits, remaining.build());
    }
}
