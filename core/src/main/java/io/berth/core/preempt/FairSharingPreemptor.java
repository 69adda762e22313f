package io.berth.core.preempt;

import io.berth.api.kueue.PreemptionPolicy;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.quota.DominantResourceShare;
import io.berth.core.quota.NodeMap;
import io.berth.core.quota.NodeSet;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.Usage;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
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
    /** Per cohort, its queues ranked for every search of the current cycle until they change. */
    private final NodeMap<List<TargetQueueOrdering.Ranked>> phaseRankings;
    /** Per queue, its entry in its cohort's phase ranking. */
    private final NodeMap<TargetQueueOrdering.Ranked> rankedAs;
    private final NodeSet rankedTrees;
    /** Per queue, its admitted workloads as read so far in the current cycle, until they change. */
    private final NodeMap<ReplayedSequence<WorkloadInfo>> phaseAdmitted;
    /** Per queue, the least usage of its admitted workloads as read in the current cycle, until it admits. */
    private final NodeMap<Usage> phaseLeastUsage;
    /** Per queue beside a preemptor's, its share without its least usage, until its usage changes. */
    private final NodeMap<DominantResourceShare> phaseShareWithoutLeast;
    private boolean inCycle;
    // Reused by every search (one runs at a time), so a search allocates little.
    private final CandidatePool pool = new CandidatePool();
    private final Retries retries = new Retries();
    private final TargetQueueOrdering ordering;

    /** strategies: Kueue's names, in order; empty means [LessThanOrEqualToFinalShare, LessThanInitialShare]. */
    public FairSharingPreemptor(QuotaTree tree, AdmittedWorkloads admitted, LongSupplier now,
                                ProtectionListener protection, List<String> strategies) {
        super(tree, admitted, now, protection);
        this.strategies = strategies.isEmpty()
                ? List.of(LESS_THAN_OR_EQUAL_TO_FINAL_SHARE, LESS_THAN_INITIAL_SHARE) : List.copyOf(strategies);
        this.phaseRankings = new NodeMap<>(tree);
        this.rankedAs = new NodeMap<>(tree);
        this.rankedTrees = new NodeSet(tree);
        this.phaseAdmitted = new NodeMap<>(tree);
        this.phaseLeastUsage = new NodeMap<>(tree);
        this.phaseShareWithoutLeast = new NodeMap<>(tree);
        this.ordering = new TargetQueueOrdering(tree, this::phaseRanking);
    }

    @Override
    public void beginCycle() {
        inCycle = true;
        clearPhase();
    }

    @Override
    public void admitted(ClusterQueueNode cq) {
        phaseAdmitted.remove(cq);
        phaseLeastUsage.remove(cq);
        usageChanged(cq);
    }

    @Override
    public void usageChanged(ClusterQueueNode cq) {
        phaseShareWithoutLeast.remove(cq);
        List<TargetQueueOrdering.Ranked> ranking = cq.hasParent() ? phaseRankings.get(cq.parent()) : null;
        if (ranking != null) {
            TargetQueueOrdering.Ranked placed = TargetQueueOrdering.rerank(ranking, rankedAs.get(cq), cq, frs,
                    this::boundOf);
            rankedAs.put(cq, placed);
        }
    }

    @Override
    public void endCycle() {
        inCycle = false;
        clearPhase();
    }

    private void clearPhase() {
        phaseRankings.clear();
        rankedAs.clear();
        rankedTrees.clear();
        phaseAdmitted.clear();
        phaseLeastUsage.clear();
        phaseShareWithoutLeast.clear();
    }

    /**
     * q's admitted workloads in candidate order, but for those evicted or set aside. Within a cycle
     * they change only where the scheduler admits (victims are only set aside), and the searches of
     * its heads read the same queues, so each is read once and replayed until it changes.
     */
    private Iterator<WorkloadInfo> admittedIn(ClusterQueueNode q) {
        return inCycle ? phaseAdmitted(q).iterator() : admitted.queue(q).inOrder().iterator();
    }

    private ReplayedSequence<WorkloadInfo> phaseAdmitted(ClusterQueueNode q) {
        ReplayedSequence<WorkloadInfo> sequence = phaseAdmitted.get(q);
        if (sequence == null) {
            sequence = new ReplayedSequence<>(admitted.queue(q).inOrder().iterator(),
                    w -> w.isEvicted() || w.isSetAside());
            phaseAdmitted.put(q, sequence);
        }
        return sequence;
    }

    /**
     * Ranks the queues of every cohort of cq's tree once per cycle, before the first search in it
     * changes anything: searches start from that tree, and where the scheduler changes it the
     * queue changed is placed again, with its bound ({@link #boundOf}).
     */
    private void rankTreeOnce(ClusterQueueNode cq) {
        if (inCycle && cq.hasParent() && rankedTrees.add(cq.root())) {
            rankCohorts((CohortNode) cq.root());
        }
    }

    private void rankCohorts(CohortNode cohort) {
        List<TargetQueueOrdering.Ranked> ranking = rankQueues(cohort);
        ranking.forEach(r -> rankedAs.put(r.queue(), r));
        phaseRankings.put(cohort, ranking);
        cohort.childCohorts().forEach(this::rankCohorts);
    }

    private List<TargetQueueOrdering.Ranked> rankQueues(CohortNode cohort) {
        return TargetQueueOrdering.rank(cohort, frs, this::boundOf, q -> false, null);
    }

    /**
     * A bound on q's first candidate in the order of the rankings every search of a cycle shares
     * (evicted first, then candidate order): its first workload being evicted (not set aside), as
     * those come first; else its first admitted workload. Null when it has none.
     */
    private WorkloadInfo boundOf(ClusterQueueNode q) {
        WorkloadInfo evicted = admitted.queue(q).firstEvicted();
        return evicted != null ? evicted : firstAdmitted(q);
    }

    /**
     * q's first admitted workload, within a cycle the first neither set aside nor evicted (where
     * the admitted workloads come in candidate order).
     */
    private WorkloadInfo firstAdmitted(ClusterQueueNode q) {
        AdmittedWorkloads.QueueWorkloads inQueue = admitted.queue(q);
        return inCycle && !inQueue.ranksByLocalQueue() ? phaseAdmitted(q).first() : inQueue.first();
    }

    private List<TargetQueueOrdering.Ranked> phaseRanking(CohortNode cohort) {
        return phaseRankings.get(cohort);
    }

    @Override
    List<Target> findRemoved(PreemptionRequest request) {
        rankTreeOnce(request.cq());
        pool.start(request);
        ClusterQueueNode cq = request.cq();
        request.usage().addTo(cq);
        List<Target> targets = new ArrayList<>(4);
        retries.start();
        boolean fits = firstStrategy(request, strategies.get(0), targets);
        if (!fits && strategies.size() > 1) {
            fits = secondStrategy(request, targets);
        }
        request.usage().removeFrom(cq);
        if (!fits) {
            targets.forEach(this::restore);
            return List.of();
        }
        return fillBack(request, targets, true);
    }

    /**
     * The preemptor's candidates, per queue, worked out only for the queues the search reaches:
     * its own queue (withinClusterQueue) and queues of its tree that borrow what it needs
     * (reclaimWithinCohort), each in candidate order.
     */
    private final class CandidatePool implements TargetQueueOrdering.CandidateSource {
        private PreemptionRequest request;
        private final NodeMap<QueueCandidates> byQueue = new NodeMap<>(tree);

        void start(PreemptionRequest request) {
            this.request = request;
            byQueue.clear();
        }

        /**
         * A bound on q's first candidate: its candidates once worked out; else {@link #boundOf},
         * as the candidates are some of its admitted workloads in the same order.
         */
        @Override
        public WorkloadInfo firstCandidateAtLeast(ClusterQueueNode q) {
            QueueCandidates known = byQueue.get(q);
            if (known != null) {
                return known.peekFirst();
            }
            return boundOf(q);
        }

        /**
         * A queue without workloads being evicted (they would come first) and whose priorities
         * ascend has no candidates when the preemptor may not take from it, it has no admitted
         * workload, or the policy excludes its first one (and so the rest). Under LowerPriority a
         * search often walks past many queues that hold only workloads of the preemptor's
         * priority or above.
         */
        @Override
        public boolean surelyEmpty(ClusterQueueNode q) {
            QueueCandidates known = byQueue.get(q);
            if (known != null) {
                return known.isEmpty();
            }
            AdmittedWorkloads.QueueWorkloads inQueue = admitted.queue(q);
            if (inQueue.hasEvicted() || inQueue.ranksByLocalQueue()) {
                return false;
            }
            PreemptionPolicy policy = policyFor(q);
            WorkloadInfo first = policy == null ? null : firstAdmitted(q);
            return first == null || PreemptionPolicies.excludesFromHere(policy, request.preemptor(), first);
        }

        /** Which policy lets the preemptor take from q, or null; decided against the state at the start of the search. */
        private PreemptionPolicy policyFor(ClusterQueueNode q) {
            ClusterQueueNode cq = request.cq();
            if (q == cq) {
                PreemptionPolicy within = cq.preemption().withinClusterQueue();
                return within == PreemptionPolicy.Never ? null : within;
            }
            PreemptionPolicy reclaim = cq.preemption().reclaimWithinCohort();
            boolean eligible = cq.hasParent() && reclaim != PreemptionPolicy.Never && q.root() == cq.root()
                    && borrowsAny(q, request.frsNeedingPreemption());
            return eligible ? reclaim : null;
        }

        @Override
        public QueueCandidates of(ClusterQueueNode q) {
            QueueCandidates c = byQueue.get(q);
            if (c == null) {
                c = new QueueCandidates(eligible(q));
                byQueue.put(q, c);
            }
            return c;
        }

        /** The queue's workloads the preemptor may take, evicted ones first, each part in candidate order. */
        private Iterator<WorkloadInfo> eligible(ClusterQueueNode q) {
            PreemptionPolicy policy = policyFor(q);
            if (policy == null) {
                return Collections.emptyIterator();
            }
            AdmittedWorkloads.QueueWorkloads inQueue = admitted.queue(q);
            Collection<WorkloadInfo> evictedIn = inQueue.evicted();
            Iterator<WorkloadInfo> evicted = evictedIn.isEmpty() ? Collections.emptyIterator()
                    : evictedIn.stream().filter(w -> !w.isSetAside() && mayTake(policy, w, q)).iterator();
            Iterator<WorkloadInfo> rest = admittedIn(q);
            boolean ascending = !inQueue.ranksByLocalQueue();
            return new Iterator<>() {
                private WorkloadInfo next;

                @Override
                public boolean hasNext() {
                    if (next != null) {
                        return true;
                    }
                    if (evicted.hasNext()) {
                        next = evicted.next();
                        return true;
                    }
                    while (rest.hasNext()) {
                        WorkloadInfo w = rest.next();
                        if (ascending && PreemptionPolicies.excludesFromHere(policy, request.preemptor(), w)) {
                            return false;
                        }
                        if (!w.isEvicted() && mayTake(policy, w, q)) { // within a cycle none set aside come here
                            next = w;
                            return true;
                        }
                    }
                    return false;
                }

                @Override
                public WorkloadInfo next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    WorkloadInfo w = next;
                    next = null;
                    return w;
                }
            };
        }

        private boolean mayTake(PreemptionPolicy policy, WorkloadInfo w, ClusterQueueNode q) {
            return PreemptionPolicies.allows(policy, request.preemptor(), w)
                    && w.usesAny(request.frsNeedingPreemption()) && pastMinRuntime(w, q);
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

    private boolean firstStrategy(PreemptionRequest request, String strategy, List<Target> targets) {
        ClusterQueueNode preemptorCq = request.cq();
        ordering.start(preemptorCq, pool);
        boolean preemptorWithinNominal = !borrowsAny(preemptorCq, request.frsNeedingPreemption());
        for (ClusterQueueNode target = ordering.next(); target != null; target = ordering.next()) {
            if (target == preemptorCq || preemptorWithinNominal) {
                String reason = target == preemptorCq ? IN_CLUSTER_QUEUE : IN_COHORT_RECLAMATION;
                if (take(request, targets, ordering.pop(target), target, reason)) {
                    return true;
                }
                ordering.taken(target);
                continue;
            }
            DominantResourceShare preemptorNew = ordering.almostLowestCommonAncestor(preemptorCq, target).dominantResourceShare(frs);
            DominantResourceShare targetOld = ordering.almostLowestCommonAncestor(target, target).dominantResourceShare(frs);
            if (refusesEveryCandidate(strategy, preemptorNew, targetOld)) {
                // The second strategy tries only the first of them.
                retries.refused(target, ordering.pop(target));
                ordering.dropRefusedAlongWith(target, retries::refusedUntouched);
                continue;
            }
            if (strategy.equals(LESS_THAN_OR_EQUAL_TO_FINAL_SHARE)
                    && refusesEvenTheLeast(preemptorCq, preemptorNew, target)) {
                // The second strategy tries its first candidate, worked out only if it gets that far.
                retries.refusedUntouched(target);
                ordering.drop(target);
                if (target.parent() == preemptorCq.parent()) {
                    ordering.dropSiblingsRefused(q -> refusesEvenTheLeast(preemptorCq, preemptorNew, q),
                            retries::refusedUntouched);
                }
                continue;
            }
            Usage refused = null;
            while (ordering.hasCandidate(target)) {
                WorkloadInfo w = ordering.pop(target);
                Usage usage = w.admission().usage();
                if (refused != null && usage.covers(refused)) {
                    continue; // removing at least as much leaves the target a share no higher: refused as well
                }
                usage.removeFrom(target);
                DominantResourceShare targetNew = ordering.almostLowestCommonAncestor(target, target).dominantResourceShare(frs);
                usage.addTo(target);
                if (passes(strategy, preemptorNew, targetOld, targetNew)) {
                    if (take(request, targets, w, target, IN_COHORT_FAIR_SHARING)) {
                        return true;
                    }
                    ordering.taken(target);
                    break;
                }
                retries.refused(target, w);
                refused = usage;
                if (admitted.queue(target).everyUses(refused)) {
                    ordering.drop(target); // every candidate left would be skipped as covering it
                    break;
                }
            }
        }
        return false;
    }

    /**
     * Whether LessThanOrEqualToFinalShare refuses every candidate of the target without looking at
     * them: each uses at least the queue's least usage, so the target side's share without any of
     * them is no higher than without that least usage, and that is already below the preemptor's.
     */
    private boolean refusesEvenTheLeast(ClusterQueueNode preemptorCq, DominantResourceShare preemptorNew,
                                        ClusterQueueNode target) {
        DominantResourceShare targetNew = shareWithoutLeast(preemptorCq, target);
        return targetNew != null && DominantResourceShare.compare(preemptorNew, targetNew) > 0;
    }

    /**
     * The share of target's side without target's least usage, or null when it has no admitted
     * workload. Within a cycle, that of a queue beside the preemptor's, untouched by the search,
     * depends on its own usage alone: worked out once until its usage changes.
     */
    private DominantResourceShare shareWithoutLeast(ClusterQueueNode preemptorCq, ClusterQueueNode target) {
        boolean kept = inCycle && target.parent() == preemptorCq.parent() && !ordering.touched(target);
        if (kept && phaseShareWithoutLeast.containsKey(target)) {
            return phaseShareWithoutLeast.get(target);
        }
        Usage least = leastUsage(target);
        DominantResourceShare share = null;
        if (least != null) {
            least.removeFrom(target);
            share = ordering.almostLowestCommonAncestor(target, target).dominantResourceShare(frs);
            least.addTo(target);
        }
        if (kept) {
            phaseShareWithoutLeast.put(target, share);
        }
        return share;
    }

    /** q's least usage ({@link AdmittedWorkloads.QueueWorkloads#leastUsage}); within a cycle read once until q admits. */
    private Usage leastUsage(ClusterQueueNode q) {
        if (!inCycle) {
            return admitted.queue(q).leastUsage();
        }
        if (!phaseLeastUsage.containsKey(q)) {
            phaseLeastUsage.put(q, admitted.queue(q).leastUsage());
        }
        return phaseLeastUsage.get(q);
    }

    /**
     * Whether no candidate of the target can pass: removing workloads only lowers the target side's
     * share, so comparing the preemptor's with that share now decides them all.
     */
    private static boolean refusesEveryCandidate(String strategy, DominantResourceShare preemptorNew,
                                                 DominantResourceShare targetOld) {
        int cmp = DominantResourceShare.compare(preemptorNew, targetOld);
        return strategy.equals(LESS_THAN_INITIAL_SHARE) ? cmp >= 0 : cmp > 0;
    }

    private boolean secondStrategy(PreemptionRequest request, List<Target> targets) {
        ClusterQueueNode preemptorCq = request.cq();
        ordering.start(preemptorCq, retries);
        // What the first strategy took is still out of its queues.
        targets.forEach(t -> ordering.taken(t.queue()));
        for (ClusterQueueNode target = ordering.next(); target != null; target = ordering.next()) {
            DominantResourceShare preemptorNew = ordering.almostLowestCommonAncestor(preemptorCq, target).dominantResourceShare(frs);
            DominantResourceShare targetOld = ordering.almostLowestCommonAncestor(target, target).dominantResourceShare(frs);
            WorkloadInfo w = ordering.pop(target);
            if (DominantResourceShare.compare(preemptorNew, targetOld) >= 0) {
                ordering.dropRefusedAlongWith(target, q -> { });
                continue;
            }
            if (take(request, targets, w, target, IN_COHORT_FAIR_SHARING)) {
                return true;
            }
            ordering.taken(target);
            ordering.drop(target);
        }
        return false;
    }

    /**
     * What the first strategy refused, for the second one, which retries only the first refused
     * candidate of each queue: the one refused, or for a queue refused before any of its
     * candidates was looked at, its first, worked out only if the second strategy gets that far.
     */
    private final class Retries implements TargetQueueOrdering.CandidateSource {
        private final NodeMap<WorkloadInfo> refused = new NodeMap<>(tree);
        private final NodeSet refusedUntouched = new NodeSet(tree);
        private final NodeMap<QueueCandidates> candidates = new NodeMap<>(tree);

        /** A search starts: nothing refused yet. */
        void start() {
            refused.clear();
            refusedUntouched.clear();
            candidates.clear();
        }

        void refused(ClusterQueueNode q, WorkloadInfo w) {
            refused.putIfAbsent(q, w);
        }

        void refusedUntouched(ClusterQueueNode q) {
            refusedUntouched.add(q);
        }

        /** The second strategy's candidates of q: the one the first strategy left it to retry, if any. */
        @Override
        public QueueCandidates of(ClusterQueueNode q) {
            QueueCandidates c = candidates.get(q);
            if (c == null) {
                WorkloadInfo w = refused.get(q);
                if (w == null && refusedUntouched.contains(q)) {
                    w = pool.of(q).peekFirst();
                }
                c = QueueCandidates.only(w);
                candidates.put(q, c);
            }
            return c;
        }

        /** A queue the first strategy refused nothing of has nothing to retry: most of those the walk meets. */
        @Override
        public boolean surelyEmpty(ClusterQueueNode q) {
            return !refused.containsKey(q) && !refusedUntouched.contains(q);
        }

        @Override
        public WorkloadInfo firstCandidateAtLeast(ClusterQueueNode q) {
            WorkloadInfo w = refused.get(q);
            return w != null || !refusedUntouched.contains(q) ? w : pool.firstCandidateAtLeast(q);
        }
    }

    private static boolean passes(String strategy, DominantResourceShare preemptorNew, DominantResourceShare targetOld,
                                  DominantResourceShare targetNew) {
        return strategy.equals(LESS_THAN_INITIAL_SHARE)
                ? DominantResourceShare.compare(preemptorNew, targetOld) < 0
                : DominantResourceShare.compare(preemptorNew, targetNew) <= 0;
    }

    /** Removes w as a target; true when the preemptor now fits (its own simulated usage left out). */
    private boolean take(PreemptionRequest request, List<Target> targets, WorkloadInfo w, ClusterQueueNode queue,
                         String reason) {
        Target t = new Target(w, queue, reason);
        remove(t);
        targets.add(t);
        return request.fitsWhileHeld(true);
    }
}
