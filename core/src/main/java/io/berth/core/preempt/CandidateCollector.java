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
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.BiPredicate;

/**
 * Collects classical preemption candidates: the preemptor's own queue (withinClusterQueue) and,
 * walking up the cohort tree, queues that borrow the needed flavor-resources
 * (reclaimWithinCohort, borrowWithinCohort). Candidates in subtrees where the preemptor would
 * fit within quota have a hierarchical advantage and come first. The queues are chosen up front;
 * their workloads are read as the search consumes them.
 */
final class CandidateCollector {
    private static final Comparator<Candidate> ORDER = Comparator.comparing(Candidate::workload, AdmittedWorkloads.CANDIDATE_ORDER);

    private final PreemptionRequest request;
    private final AdmittedWorkloads admitted;
    private final BiPredicate<WorkloadInfo, ClusterQueueNode> mayBePreempted;
    private final List<Source> sameQueue = new ArrayList<>();
    private final List<Source> hierarchical = new ArrayList<>();
    private final List<Source> byPriority = new ArrayList<>();
    private final List<List<Candidate>> evicted = new ArrayList<>();

    /** A queue whose admitted workloads are candidates, and how they relate to the preemptor. */
    private record Source(ClusterQueueNode cq, CohortNode lca, boolean advantage) {
    }

    CandidateCollector(PreemptionRequest request, AdmittedWorkloads admitted,
                       BiPredicate<WorkloadInfo, ClusterQueueNode> mayBePreempted) {
        this.request = request;
        this.admitted = admitted;
        this.mayBePreempted = mayBePreempted;
        ClusterQueueNode cq = request.cq();
        if (cq.preemption().withinClusterQueue() != PreemptionPolicy.Never) {
            sameQueue.add(new Source(cq, null, false));
        }
        if (cq.hasParent() && cq.preemption().reclaimWithinCohort() != PreemptionPolicy.Never) {
            collectHierarchical();
        }
        for (List<Source> group : groups()) {
            List<Candidate> groupEvicted = new ArrayList<>();
            for (Source source : group) {
                for (WorkloadInfo w : admitted.evictedIn(source.cq.name())) {
                    Candidate c = candidate(w, source);
                    if (c != null) {
                        groupEvicted.add(c);
                    }
                }
            }
            groupEvicted.sort(ORDER);
            evicted.add(groupEvicted);
        }
    }

    private List<List<Source>> groups() {
        return List.of(hierarchical, byPriority, sameQueue);
    }

    boolean noCandidateFromOtherQueues() {
        return noCandidateIn(0) && noCandidateIn(1);
    }

    boolean noCandidateForHierarchicalReclaim() {
        return noCandidateIn(0);
    }

    private boolean noCandidateIn(int group) {
        if (!evicted.get(group).isEmpty()) {
            return false;
        }
        for (Source source : groups().get(group)) {
            if (new SourceCandidates(source, false).head != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * All candidates in trial order: evicted ones first, then hierarchical, by priority, own
     * queue, each group in candidate order. They are produced as the search consumes them, as it
     * usually stops after a few. With borrowing allowed, candidates that may only be reclaimed
     * without borrowing are left out: the search would reject them, and in ascending priority
     * once one is, the rest of its queue is too.
     */
    Iterator<Candidate> ordered(boolean allowBorrowing) {
        List<Iterator<Candidate>> parts = new ArrayList<>();
        for (List<Candidate> group : evicted) {
            parts.add(group.stream().filter(c -> !(allowBorrowing && c.reclaimsWithoutBorrowing())).iterator());
        }
        boolean borrowingForbidden = request.cq().preemption().borrowWithinCohort().policy() == PreemptionPolicy.Never;
        for (List<Source> group : groups()) {
            // Without borrowWithinCohort every candidate by priority reclaims without borrowing.
            if (!(allowBorrowing && borrowingForbidden && group == byPriority)) {
                parts.add(new MergedCandidates(group, allowBorrowing));
            }
        }
        Iterator<Iterator<Candidate>> partIt = parts.iterator();
        return new Iterator<>() {
            private Iterator<Candidate> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && partIt.hasNext()) {
                    current = partIt.next();
                }
                return current.hasNext();
            }

            @Override
            public Candidate next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
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
                                  List<Source> out) {
        // Children that borrow nothing are within nominal for every flavor-resource.
        for (CohortNode child : current.borrowingChildCohorts()) {
            if (child != skip && !withinNominal(child, request.frsNeedingPreemption())) {
                collectInSubtree(child, subtreeRoot, skip, advantage, out);
            }
        }
        for (ClusterQueueNode child : current.borrowingChildQueues()) {
            if (child != request.cq() && !withinNominal(child, request.frsNeedingPreemption())) {
                out.add(new Source(child, subtreeRoot, advantage));
            }
        }
    }

    /** The workload as a candidate from the source, or null when it may not be preempted. */
    private Candidate candidate(WorkloadInfo w, Source source) {
        if (w.isSetAside() || !mayBePreempted.test(w, source.cq)) {
            return null;
        }
        Candidate.Variant v = classify(w, source.cq, source.advantage);
        return v == null ? null : new Candidate(w, source.cq, source.lca, v);
    }

    /**
     * One source's candidates that are not evicted, in candidate order, stopping where its policy
     * excludes the rest (or, with borrowing allowed, at the first that reclaims without borrowing).
     */
    private final class SourceCandidates {
        final Source source;
        final Iterator<WorkloadInfo> workloads;
        final PreemptionPolicy policy;
        final boolean allowBorrowing;
        /** Whether priorities ascend, so the first one excluded excludes the rest. */
        final boolean ascending;
        Candidate head;

        SourceCandidates(Source source, boolean allowBorrowing) {
            this.source = source;
            this.allowBorrowing = allowBorrowing;
            this.workloads = admitted.in(source.cq.name()).iterator();
            this.ascending = !admitted.ranksByLocalQueue(source.cq.name());
            this.policy = source.cq == request.cq()
                    ? source.cq.preemption().withinClusterQueue() : request.cq().preemption().reclaimWithinCohort();
            advance();
        }

        void advance() {
            head = null;
            while (head == null && workloads.hasNext()) {
                WorkloadInfo w = workloads.next();
                if (PreemptionPolicies.excludesFromHere(policy, request.preemptor(), w)) {
                    if (ascending) {
                        return;
                    }
                    continue;
                }
                if (!w.isEvicted()) {
                    head = candidate(w, source);
                    if (head != null && allowBorrowing && head.reclaimsWithoutBorrowing()) {
                        head = null;
                        if (ascending) {
                            return;
                        }
                    }
                }
            }
        }
    }

    /** The candidates of several sources merged in candidate order. */
    private final class MergedCandidates implements Iterator<Candidate> {
        private final PriorityQueue<SourceCandidates> heads =
                new PriorityQueue<>((a, b) -> ORDER.compare(a.head, b.head));

        MergedCandidates(List<Source> sources, boolean allowBorrowing) {
            for (Source source : sources) {
                SourceCandidates sc = new SourceCandidates(source, allowBorrowing);
                if (sc.head != null) {
                    heads.add(sc);
                }
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public Candidate next() {
            SourceCandidates sc = heads.poll();
            if (sc == null) {
                throw new NoSuchElementException();
            }
            Candidate c = sc.head;
            sc.advance();
            if (sc.head != null) {
                heads.add(sc);
            }
            return c;
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
