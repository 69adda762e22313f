package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.quota.DominantResourceShare;
import io.berth.core.quota.FlavorResources;
import io.berth.core.quota.NodeMap;
import io.berth.core.quota.NodeSet;
import io.berth.core.quota.QuotaNode;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which ClusterQueue fair-sharing preemption takes from next: walking down from the root, the
 * child with the highest Dominant Resource Share (re-evaluated each time, as removals change
 * shares); queues and cohorts that do not borrow (or have no candidates left) are pruned. A
 * cohort's queues are looked at in a ranking by share, made once per nomination phase or when a
 * search walks the cohort repeatedly, so finding the highest does not scan them all each time.
 */
final class TargetQueueOrdering {
    /** A cohort's queues are ranked by share once a search has walked it this many times. */
    private static final int RANK_AFTER_VISITS = 3;
    private final FlavorResources frs;
    private final Function<CohortNode, List<Ranked>> sharedRanking;
    // What a search has learned, kept by node id and emptied when the next search starts.
    private final NodeSet pruned;
    private final NodeMap<Integer> visits;
    private final NodeMap<QueueRanking> rankings;
    private final NodeSet movedSet;
    private final List<ClusterQueueNode> moved = new ArrayList<>();
    /** Reused by every step of the walk: one step is done with it before the next starts. */
    private final Leader leader = new Leader();
    private ClusterQueueNode preemptorCq;
    private CandidateSource candidates;

    /**
     * sharedRanking: a cohort's ranking made for every search that starts from the same tree
     * (its bounds must hold for this search too), or null to rank here when needed.
     */
    TargetQueueOrdering(QuotaTree tree, Function<CohortNode, List<Ranked>> sharedRanking) {
        this.frs = tree.flavorResources();
        this.sharedRanking = sharedRanking;
        this.pruned = new NodeSet(tree);
        this.visits = new NodeMap<>(tree);
        this.rankings = new NodeMap<>(tree);
        this.movedSet = new NodeSet(tree);
    }

    /** Where a search's candidates come from, queue by queue; queues are only asked for when the walk reaches them. */
    interface CandidateSource {
        /** q's candidates in candidate order: the same object on every call of a search, which the ordering consumes. */
        QueueCandidates of(ClusterQueueNode q);

        /**
         * A workload no later in candidate order than q's first candidate, found without working
         * out its candidates, or null when there is no such bound; it spares working out the
         * candidates of queues that tie on share but cannot win the tie.
         */
        WorkloadInfo firstCandidateAtLeast(ClusterQueueNode q);

        /** Whether q surely has no candidates, known without working them out; false when unsure. */
        default boolean surelyEmpty(ClusterQueueNode q) {
            return false;
        }
    }

    /** Starts a search for a preemptor in preemptorCq, forgetting the previous one. */
    void start(ClusterQueueNode preemptorCq, CandidateSource candidates) {
        this.preemptorCq = preemptorCq;
        this.candidates = candidates;
        pruned.clear();
        visits.clear();
        rankings.clear();
        movedSet.clear();
        moved.clear();
    }

    private boolean isPreemptorAncestor(CohortNode cohort) {
        for (CohortNode c = preemptorCq.parent(); c != null; c = c.parent()) {
            if (c == cohort) {
                return true;
            }
        }
        return false;
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
        return !candidates.surelyEmpty(cq) && !candidates.of(cq).isEmpty();
    }

    WorkloadInfo pop(ClusterQueueNode cq) {
        return candidates.of(cq).pollFirst();
    }

    void drop(ClusterQueueNode cq) {
        pruned.add(cq);
    }

    /**
     * Drops target, which the search refused without taking anything because of how its side's
     * share compares with the preemptor's, and with it the other queues of its cohort that the
     * walk would return next, before anything else there: those whose share is above every other
     * contender's. Their side's share is no higher than target's and they have the same
     * ancestors, so the search would refuse them the same way, one walk each; refused is given
     * each one, its candidates untouched.
     */
    void dropRefusedAlongWith(ClusterQueueNode target, Consumer<ClusterQueueNode> refused) {
        drop(target);
        CohortNode cohort = target.parent();
        if (cohort == null) {
            return;
        }
        DominantResourceShare targetShare = target.dominantResourceShare(frs);
        DominantResourceShare bar = highestOtherContender(cohort);
        List<Ranked> ranking = sharedRanking.apply(cohort);
        if (ranking == null) {
            for (ClusterQueueNode q : cohort.borrowingChildQueues()) {
                dropIfRefused(q, q.dominantResourceShare(frs), bar, targetShare, refused);
            }
            return;
        }
        // Ranked by share, highest first: those returned next lead it. The queues taken from
        // have moved since it was made, and are looked at apart.
        for (Ranked r : ranking) {
            if (DominantResourceShare.compare(r.share(), bar) <= 0) {
                break;
            }
            if (!movedSet.contains(r.queue())) {
                dropIfRefused(r.queue(), r.share(), bar, targetShare, refused);
            }
        }
        for (int i = 0; i < moved.size(); i++) {
            ClusterQueueNode q = moved.get(i);
            if (q.parent() == cohort && q.isBorrowing()) {
                dropIfRefused(q, q.dominantResourceShare(frs), bar, targetShare, refused);
            }
        }
    }

    /** Drops q, giving it to refused, when the walk would return it next (share above bar) and its share is at most targetShare. */
    private void dropIfRefused(ClusterQueueNode q, DominantResourceShare share, DominantResourceShare bar,
                               DominantResourceShare targetShare, Consumer<ClusterQueueNode> refused) {
        if (q == preemptorCq || pruned.contains(q)) {
            return;
        }
        if (DominantResourceShare.compare(share, bar) > 0 && DominantResourceShare.compare(share, targetShare) <= 0) {
            refused.accept(q);
            drop(q);
        }
    }

    /**
     * Drops the queues of the preemptor's own cohort that refuses accepts, untouched by this
     * search, that the walk returns before the preemptor's queue (all of them once that has no
     * candidates left); refused is given each one. Until the search takes from the preemptor's
     * queue, the preemptor's share does not change, and neither does an untouched sibling's
     * (each depends on its own usage alone), so whatever the walk takes first from other queues,
     * a queue refused for how those shares compare would be refused when reached, one walk each.
     * Needs the cohort's shared ranking; without one it drops nothing.
     */
    void dropSiblingsRefused(Predicate<ClusterQueueNode> refuses, Consumer<ClusterQueueNode> refused) {
        List<Ranked> ranking = preemptorCq.hasParent() ? sharedRanking.apply(preemptorCq.parent()) : null;
        if (ranking == null) {
            return;
        }
        boolean ownLeft = !pruned.contains(preemptorCq) && hasCandidate(preemptorCq);
        DominantResourceShare bar = ownLeft ? preemptorCq.dominantResourceShare(frs) : DominantResourceShare.NEGATIVE;
        // On a tie in share the earlier first candidate leads, and other queues' come before the
        // preemptor's own unless that one is being evicted.
        boolean tiesComeFirst = !ownLeft || !candidates.of(preemptorCq).peekFirst().isEvicted();
        for (Ranked r : ranking) {
            int cmp = DominantResourceShare.compare(r.share(), bar);
            if (cmp < 0 || (cmp == 0 && !tiesComeFirst)) {
                return; // ranked by share: the rest come after the preemptor's queue
            }
            ClusterQueueNode q = r.queue();
            if (q != preemptorCq && !pruned.contains(q) && !movedSet.contains(q) && refuses.test(q)) {
                refused.accept(q);
                drop(q);
            }
        }
    }

    /** Whether the search took from cq. */
    boolean touched(ClusterQueueNode cq) {
        return movedSet.contains(cq);
    }

    /**
     * The highest share among the cohort's other contenders: the preemptor's queue and the child
     * cohorts the walk may still enter. The walk has just been through the cohort, so those that
     * do not borrow are out of it unless they lead to the preemptor.
     */
    private DominantResourceShare highestOtherContender(CohortNode cohort) {
        DominantResourceShare highest = DominantResourceShare.NEGATIVE;
        if (preemptorCq.parent() == cohort && !pruned.contains(preemptorCq)) {
            highest = preemptorCq.dominantResourceShare(frs);
        }
        CohortNode child = highestChildCohort(cohort);
        if (child != null && DominantResourceShare.compare(child.dominantResourceShare(frs), highest) > 0) {
            highest = child.dominantResourceShare(frs);
        }
        return highest;
    }

    /**
     * Of the child cohorts the walk may enter, those that borrow and the one leading to the
     * preemptor (the others have nothing to take), not pruned: the one with the highest share,
     * the last child among equals; null when there is none.
     */
    private CohortNode highestChildCohort(CohortNode cohort) {
        CohortNode highest = null;
        DominantResourceShare highestShare = DominantResourceShare.NEGATIVE;
        CohortNode onPath = childOnPreemptorPath(cohort);
        if (onPath != null && !onPath.isBorrowing() && !pruned.contains(onPath)) {
            highest = onPath;
            highestShare = onPath.dominantResourceShare(frs);
        }
        for (CohortNode child : cohort.borrowingChildCohorts()) {
            if (pruned.contains(child)) {
                continue;
            }
            DominantResourceShare share = child.dominantResourceShare(frs);
            int cmp = DominantResourceShare.compare(share, highestShare);
            if (highest == null || cmp > 0 || (cmp == 0 && child.childIndex() > highest.childIndex())) {
                highestShare = share;
                highest = child;
            }
        }
        return highest;
    }

    /** The child of cohort that the preemptor's queue is under, or null. */
    private CohortNode childOnPreemptorPath(CohortNode cohort) {
        for (CohortNode c = preemptorCq.parent(); c != null; c = c.parent()) {
            if (c.parent() == cohort) {
                return c;
            }
        }
        return null;
    }

    /**
     * Told that a workload left cq during the search (it was taken): its share changed, so a
     * ranking made before no longer places it.
     */
    void taken(ClusterQueueNode cq) {
        if (movedSet.add(cq)) {
            moved.add(cq);
        }
    }

    private ClusterQueueNode nextIn(CohortNode cohort) {
        leader.reset();
        Integer visited = visits.get(cohort);
        int visit = visited == null ? 1 : visited + 1;
        visits.put(cohort, visit);
        if (visit < RANK_AFTER_VISITS && sharedRanking.apply(cohort) == null) {
            for (ClusterQueueNode cq : queuesToVisit(cohort)) {
                if (!pruned.contains(cq)) {
                    leader.consider(cq, cq.dominantResourceShare(frs));
                }
            }
        } else {
            QueueRanking ranking = rankings.get(cohort);
            if (ranking == null) {
                List<Ranked> shared = sharedRanking.apply(cohort);
                ranking = new QueueRanking(shared != null ? shared
                        : rank(cohort, frs, candidates::firstCandidateAtLeast, movedSet::contains, preemptorCq));
                rankings.put(cohort, ranking);
            }
            // Those the ranking cannot place: the preemptor's queue and the queues taken from.
            if (preemptorCq.parent() == cohort && !pruned.contains(preemptorCq)) {
                leader.consider(preemptorCq, preemptorCq.dominantResourceShare(frs));
            }
            for (int i = 0; i < moved.size(); i++) {
                ClusterQueueNode cq = moved.get(i);
                if (cq != preemptorCq && cq.parent() == cohort && cq.isBorrowing()
                        && !pruned.contains(cq)) {
                    leader.consider(cq, cq.dominantResourceShare(frs));
                }
            }
            ranking.offerTo(leader);
        }
        ClusterQueueNode highestCq = leader.queue;
        DominantResourceShare highestCqShare = leader.share;
        CohortNode highestCohort = highestChildCohort(cohort);
        DominantResourceShare highestCohortShare = highestCohort == null ? DominantResourceShare.NEGATIVE
                : highestCohort.dominantResourceShare(frs);
        if (highestCohort == null && highestCq == null) {
            pruned.add(cohort);
            return null;
        }
        if (DominantResourceShare.compare(highestCohortShare, highestCqShare) >= 0) {
            return nextIn(highestCohort);
        }
        return highestCq;
    }

    /**
     * The cohort's borrowing queues (but those left out) by share, highest first, and within a
     * share by the bound on their first candidate, unknown bounds first. Shares change during a
     * search only where workloads are taken, and those are considered apart (as the preemptor's
     * queue is), so a search that visits a cohort again and again (one that fails visits every
     * queue) stops at the first queue that can lead instead of looking at them all each time.
     * ownQueue: the preemptor's, whose candidates come after other queues' on a tie; null for a
     * ranking every search of a cycle shares.
     */
    static List<Ranked> rank(CohortNode cohort, FlavorResources frs, Function<ClusterQueueNode, WorkloadInfo> bound,
                             Predicate<ClusterQueueNode> leaveOut, ClusterQueueNode ownQueue) {
        List<Ranked> ranked = new ArrayList<>();
        for (ClusterQueueNode cq : cohort.borrowingChildQueues()) {
            if (!leaveOut.test(cq)) {
                ranked.add(new Ranked(cq, cq.dominantResourceShare(frs), bound.apply(cq)));
            }
        }
        ranked.sort(ownQueue == null ? SHARED_ORDER : rankOrder(ownQueue));
        return ranked;
    }

    /**
     * Places cq again in a ranking every search shares ({@link #rank} without an own queue), after
     * its usage or its workloads changed: out of it (placed: its entry there, or null), and back in
     * at its new place while it borrows. Returns its new entry, or null.
     */
    static Ranked rerank(List<Ranked> ranked, Ranked placed, ClusterQueueNode cq, FlavorResources frs,
                         Function<ClusterQueueNode, WorkloadInfo> bound) {
        if (placed != null) {
            ranked.remove(indexOf(ranked, placed));
        }
        if (!cq.isBorrowing()) {
            return null;
        }
        Ranked again = new Ranked(cq, cq.dominantResourceShare(frs), bound.apply(cq));
        int at = Collections.binarySearch(ranked, again, SHARED_ORDER);
        ranked.add(at < 0 ? -at - 1 : at, again);
        return again;
    }

    /**
     * Where entry is in the ranking, by identity: a scan of references is cheaper than a search by
     * the ranking's order, whose ties on share compare workloads down to their uids.
     */
    private static int indexOf(List<Ranked> ranked, Ranked entry) {
        for (int i = 0; i < ranked.size(); i++) {
            if (ranked.get(i) == entry) {
                return i;
            }
        }
        throw new IllegalStateException("queue " + entry.queue().name() + " is not in its cohort's ranking");
    }

    private static final Comparator<Ranked> SHARED_ORDER = rankOrder(null);

    /** Share, highest first, then the bounds in candidate order (ownQueue's after other queues'), unknown first. */
    private static Comparator<Ranked> rankOrder(ClusterQueueNode ownQueue) {
        return (a, b) -> {
            int byShare = DominantResourceShare.compare(b.share(), a.share());
            if (byShare != 0 || a.bound() == b.bound()) {
                return byShare;
            }
            if (a.bound() == null || b.bound() == null) {
                return a.bound() == null ? -1 : 1;
            }
            return Candidate.compare(a.bound(), a.queue() == ownQueue, b.bound(), b.queue() == ownQueue);
        };
    }

    /** A queue with its share when ranked and a bound on its first candidate (null: none known). */
    record Ranked(ClusterQueueNode queue, DominantResourceShare share, WorkloadInfo bound) {
    }

    /**
     * Queues highest share first and, within a share, by the bound on their first candidate
     * (unknown bounds first). Candidates are only ever consumed from the front, so a bound made
     * when ranking stays a bound.
     */
    private final class QueueRanking {
        private final List<Ranked> ranked;
        private int cursor;

        QueueRanking(List<Ranked> ranked) {
            this.ranked = ranked;
        }

        /** Offers queues in rank order until the rest can no longer lead. */
        void offerTo(Leader leader) {
            while (cursor < ranked.size() && pruned.contains(ranked.get(cursor).queue())) {
                cursor++; // pruned stays pruned
            }
            for (int i = cursor; i < ranked.size(); i++) {
                Ranked r = ranked.get(i);
                if (pruned.contains(r.queue()) || movedSet.contains(r.queue()) || r.queue() == preemptorCq) {
                    continue;
                }
                if (leader.queue != null) {
                    int cmp = DominantResourceShare.compare(r.share(), leader.share);
                    if (cmp < 0 || (cmp == 0 && r.bound() != null
                            && isLater(r.bound(), r.queue(), candidates.of(leader.queue).peekFirst(), leader.queue))) {
                        return; // lower shares follow, or the same share with later candidates
                    }
                }
                leader.consider(r.queue(), r.share());
            }
        }
    }

    /** The queue with the highest share so far that has candidates; ties go to the earlier candidate. */
    private final class Leader {
        ClusterQueueNode queue;
        DominantResourceShare share = DominantResourceShare.NEGATIVE;

        void reset() {
            queue = null;
            share = DominantResourceShare.NEGATIVE;
        }

        void consider(ClusterQueueNode cq, DominantResourceShare cqShare) {
            int cmp = DominantResourceShare.compare(cqShare, share);
            if (cmp < 0 && (cqShare.isBorrowing() || cq == preemptorCq)) {
                return; // cannot win this round; whether it has candidates is asked when it might
            }
            if (cmp == 0 && queue != null && losesTie(cq, queue)) {
                return;
            }
            if ((!cqShare.isBorrowing() && cq != preemptorCq) || !hasCandidate(cq)) {
                pruned.add(cq);
            } else if (cmp == 0 && queue != null) {
                if (isLater(candidates.of(queue).peekFirst(), queue, candidates.of(cq).peekFirst(), cq)) {
                    queue = cq;
                }
            } else if (cmp > 0) {
                share = cqShare;
                queue = cq;
            }
        }
    }

    /** Whether cq's first candidate surely comes after the leader's, so cq cannot win a tie on share. */
    private boolean losesTie(ClusterQueueNode cq, ClusterQueueNode leader) {
        WorkloadInfo bound = candidates.firstCandidateAtLeast(cq);
        return bound != null && isLater(bound, cq, candidates.of(leader).peekFirst(), leader);
    }

    /** Whether a (of queue aq) comes after b (of queue bq) in this search's candidate order. */
    private boolean isLater(WorkloadInfo a, ClusterQueueNode aq, WorkloadInfo b, ClusterQueueNode bq) {
        return Candidate.compare(a, aq == preemptorCq, b, bq == preemptorCq) > 0;
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
            if (isPreemptorAncestor(a)) {
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
