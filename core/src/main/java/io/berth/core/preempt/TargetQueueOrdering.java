package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.quota.DominantResourceShare;
import io.berth.core.quota.FlavorResources;
import io.berth.core.quota.QuotaNode;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Which ClusterQueue fair-sharing preemption takes from next: walking down from the root, the
 * child with the highest Dominant Resource Share (re-evaluated each time, as removals change
 * shares); queues and cohorts that do not borrow (or have no candidates left) are pruned.
 */
final class TargetQueueOrdering {
    private final ClusterQueueNode preemptorCq;
    private final FlavorResources frs;
    private final Set<CohortNode> preemptorAncestors = new HashSet<>();
    private final Function<ClusterQueueNode, QueueCandidates> candidatesOf;
    private final Function<ClusterQueueNode, WorkloadInfo> firstCandidateAtLeast;
    private final Set<QuotaNode> pruned = new HashSet<>();
    private final Comparator<WorkloadInfo> candidateOrder;

    /**
     * candidatesOf: a queue's candidates in candidate order (the same object on every call, which
     * this ordering consumes); queues are only asked for when the walk reaches them.
     * firstCandidateAtLeast: a workload no later in candidate order than the queue's first
     * candidate, found without working out its candidates, or null when there is no such bound;
     * it spares working out the candidates of queues that tie on share but cannot win the tie.
     */
    TargetQueueOrdering(ClusterQueueNode preemptorCq, Function<ClusterQueueNode, QueueCandidates> candidatesOf,
                        Function<ClusterQueueNode, WorkloadInfo> firstCandidateAtLeast, FlavorResources frs) {
        this.preemptorCq = preemptorCq;
        this.frs = frs;
        this.candidatesOf = candidatesOf;
        this.firstCandidateAtLeast = firstCandidateAtLeast;
        this.candidateOrder = Candidate.workloadOrder(preemptorCq.name());
        for (CohortNode c = preemptorCq.parent(); c != null; c = c.parent()) {
            preemptorAncestors.add(c);
        }
    }

    /** The next queue to take a candidate from, or null when none is left. */
    ClusterQueueNode next() {
        if (!preemptorCq.hasParent()) {
            return !pruned.contains(preemptorCq) && hasCandidate(preemptorCq) ? preemptorCq : null;
        }
        CohortNode root = (CohortNode) preemptorCq.root();
        while (!pruned.contains(root)) {
            ClusterQueueNode target = nextIn(root);
            if (target != null) {
                return target;
            }
        }
        return null;
    }

    boolean hasCandidate(ClusterQueueNode cq) {
        return !candidatesOf.apply(cq).isEmpty();
    }

    WorkloadInfo pop(ClusterQueueNode cq) {
        return candidatesOf.apply(cq).pollFirst();
    }

    void drop(ClusterQueueNode cq) {
        pruned.add(cq);
    }

    private ClusterQueueNode nextIn(CohortNode cohort) {
        ClusterQueueNode highestCq = null;
        DominantResourceShare highestCqShare = DominantResourceShare.NEGATIVE;
        for (ClusterQueueNode cq : queuesToVisit(cohort)) {
            if (pruned.contains(cq)) {
                continue;
            }
            DominantResourceShare share = cq.dominantResourceShare(frs);
            int cmp = DominantResourceShare.compare(share, highestCqShare);
            if (cmp < 0 && (share.isBorrowing() || cq == preemptorCq)) {
                continue; // cannot win this round; whether it has candidates is asked when it might
            }
            if (cmp == 0 && highestCq != null && losesTie(cq, highestCq)) {
                continue;
            }
            if ((!share.isBorrowing() && cq != preemptorCq) || !hasCandidate(cq)) {
                pruned.add(cq);
            } else if (cmp == 0 && highestCq != null) {
                if (candidateOrder.compare(candidatesOf.apply(cq).peekFirst(),
                        candidatesOf.apply(highestCq).peekFirst()) < 0) {
                    highestCq = cq;
                }
            } else if (cmp > 0) {
                highestCqShare = share;
                highestCq = cq;
            }
        }
        CohortNode highestCohort = null;
        DominantResourceShare highestCohortShare = DominantResourceShare.NEGATIVE;
        for (CohortNode child : cohort.childCohorts()) {
            if (pruned.contains(child)) {
                continue;
            }
            DominantResourceShare share = child.dominantResourceShare(frs);
            if (!share.isBorrowing() && !preemptorAncestors.contains(child)) {
                pruned.add(child);
            } else if (DominantResourceShare.compare(share, highestCohortShare) >= 0) {
                highestCohortShare = share;
                highestCohort = child;
            }
        }
        if (highestCohort == null && highestCq == null) {
            pruned.add(cohort);
            return null;
        }
        if (DominantResourceShare.compare(highestCohortShare, highestCqShare) >= 0) {
            return nextIn(highestCohort);
        }
        return highestCq;
    }

    /** Whether cq's first candidate surely comes after the leader's, so cq cannot win a tie on share. */
    private boolean losesTie(ClusterQueueNode cq, ClusterQueueNode leader) {
        WorkloadInfo bound = firstCandidateAtLeast.apply(cq);
        return bound != null && candidateOrder.compare(bound, candidatesOf.apply(leader).peekFirst()) > 0;
    }

    /** The cohort's borrowing child queues, and the preemptor's queue when it is a child that does not borrow. */
    private Collection<ClusterQueueNode> queuesToVisit(CohortNode cohort) {
        Collection<ClusterQueueNode> borrowing = cohort.borrowingChildQueues();
        if (preemptorCq.parent() != cohort || preemptorCq.isBorrowing()) {
            return borrowing;
        }
        List<ClusterQueueNode> all = new ArrayList<>(borrowing.size() + 1);
        all.addAll(borrowing);
        all.add(preemptorCq);
        return all;
    }

    /**
     * On cq's path, the node just below the lowest common ancestor of the preemptor's queue and
     * target (cq itself when its parent is that ancestor): whose share fair sharing compares.
     */
    QuotaNode almostLowestCommonAncestor(ClusterQueueNode cq, ClusterQueueNode target) {
        CohortNode lca = null;
        for (CohortNode a = target.parent(); a != null; a = a.parent()) {
            if (preemptorAncestors.contains(a)) {
                lca = a;
                break;
            }
        }
        QuotaNode node = cq;
        while (node.parent() != lca) {
            node = node.parent();
        }
        return node;
    }
}
