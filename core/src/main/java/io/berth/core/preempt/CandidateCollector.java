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
 * their workloads are read as the search consumes them. Within a cycle, the child queues of a
 * cohort where many borrow are not even listed up front: the search reads the cohort's admitted
 * workloads merged once for the cycle ({@link MergedAdmitted}), judging each queue as it reaches
 * it, and its workloads being evicted queue by queue in the order of the first of those.
 */
final class CandidateCollector {
    private static final Comparator<Candidate> ORDER = Comparator.comparing(Candidate::workload, AdmittedWorkloads.CANDIDATE_ORDER);
    /**
     * A cohort with more borrowing child queues than this has them read as the merge needs them;
     * fewer are read up front, which is cheaper than keeping them ordered.
     */
    private static final int READ_AS_NEEDED_ABOVE = 32;

    private final PreemptionRequest request;
    private final AdmittedWorkloads admitted;
    private final BiPredicate<WorkloadInfo, ClusterQueueNode> mayBePreempted;
    /**
     * For cohorts whose child queues are not all listed up front (levels): their admitted
     * workloads merged, and their queues with workloads being evicted in the order of the first;
     * null outside a cycle, when every queue is listed.
     */
    private final MergedAdmitted merged;
    private final QueuesByFirstEvicted byFirstEvicted;
    private final Group sameQueue = new Group();
    private final Group hierarchical = new Group();
    private final Group byPriority = new Group();

    /** A queue whose admitted workloads are candidates, and how they relate to the preemptor. */
    private record Source(ClusterQueueNode cq, CohortNode lca, boolean advantage) {
    }

    /**
     * A cohort whose child queues are sources when they borrow what the preemptor needs (but
     * the preemptor's own): the same for all of them but their queue.
     */
    private record Level(CohortNode cohort, CohortNode lca, boolean advantage) {
        Source source(ClusterQueueNode q) {
            return new Source(q, lca, advantage);
        }
    }

    /** One part of the trial order: sources listed up front, and levels read as needed. */
    private static final class Group {
        final List<Source> sources = new ArrayList<>();
        final List<Level> levels = new ArrayList<>();
    }

    /**
     * merged and byFirstEvicted: the cycle's, or null outside a cycle. They are not used while
     * some queue ranks its workloads by LocalQueue usage (not in candidate order).
     */
    CandidateCollector(PreemptionRequest request, AdmittedWorkloads admitted,
                       BiPredicate<WorkloadInfo, ClusterQueueNode> mayBePreempted,
                       MergedAdmitted merged, QueuesByFirstEvicted byFirstEvicted) {
        this.request = request;
        this.admitted = admitted;
        this.mayBePreempted = mayBePreempted;
        boolean levels = merged != null && byFirstEvicted != null && !admitted.ranksAnyByLocalQueue();
        this.merged = levels ? merged : null;
        this.byFirstEvicted = levels ? byFirstEvicted : null;
        ClusterQueueNode cq = request.cq();
        if (cq.preemption().withinClusterQueue() != PreemptionPolicy.Never) {
            sameQueue.sources.add(new Source(cq, null, false));
        }
        if (cq.hasParent() && cq.preemption().reclaimWithinCohort() != PreemptionPolicy.Never) {
            collectHierarchical();
        }
    }

    private List<Group> groups() {
        return List.of(hierarchical, byPriority, sameQueue);
    }

    boolean noCandidateFromOtherQueues() {
        return noCandidateIn(0) && noCandidateIn(1);
    }

    boolean noCandidateForHierarchicalReclaim() {
        return noCandidateIn(0);
    }

    private boolean noCandidateIn(int index) {
        Group group = groups().get(index);
        if (new MergedCandidates(group, false, true).hasNext()) {
            return false;
        }
        for (Source source : group.sources) {
            if (new SourceCandidates(source, false, false).head != null) {
                return false;
            }
        }
        for (Level level : group.levels) {
            if (new LevelCandidates(level, false).head != null) {
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
        boolean borrowingForbidden = request.cq().preemption().borrowWithinCohort().policy() == PreemptionPolicy.Never;
        for (boolean evicted : new boolean[] {true, false}) {
            for (Group group : groups()) {
                // Without borrowWithinCohort every candidate by priority reclaims without borrowing.
                if (!(allowBorrowing && borrowingForbidden && group == byPriority)) {
                    parts.add(new MergedCandidates(group, allowBorrowing, evicted));
                }
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
                                  Group out) {
        // Children that borrow nothing are within nominal for every flavor-resource.
        for (CohortNode child : current.borrowingChildCohorts()) {
            if (child != skip && !withinNominal(child, request.frsNeedingPreemption())) {
                collectInSubtree(child, subtreeRoot, skip, advantage, out);
            }
        }
        if (merged != null && current.borrowingChildQueues().size() > READ_AS_NEEDED_ABOVE) {
            out.levels.add(new Level(current, subtreeRoot, advantage));
            return;
        }
        for (ClusterQueueNode child : current.borrowingChildQueues()) {
            if (isSource(child)) {
                out.sources.add(new Source(child, subtreeRoot, advantage));
            }
        }
    }

    /**
     * Whether a child queue of a collected cohort is a source. A queue's usage changes only when
     * something is taken from it, so a queue read late in a search is judged as at its start.
     */
    private boolean isSource(ClusterQueueNode q) {
        return q != request.cq() && !withinNominal(q, request.frsNeedingPreemption());
    }

    /** The workload as a candidate from the source, or null when it may not be preempted. */
    private Candidate candidate(WorkloadInfo w, Source source) {
        if (w.isSetAside() || !mayBePreempted.test(w, source.cq)) {
            return null;
        }
        Candidate.Variant v = classify(w, source.cq, source.advantage);
        return v == null ? null : new Candidate(w, source.cq, source.lca, v);
    }

    /** Candidates in candidate order, the next one at hand. */
    private abstract static class CandidateStream {
        /** The next candidate, or null when there is none. */
        Candidate head;

        abstract void advance();
    }

    /**
     * One source's candidates being evicted, or those that are not, in candidate order, stopping
     * where its policy excludes the rest (or, with borrowing allowed, at the first that reclaims
     * without borrowing).
     */
    private final class SourceCandidates extends CandidateStream {
        final Source source;
        final Iterator<WorkloadInfo> workloads;
        final PreemptionPolicy policy;
        final boolean allowBorrowing;
        final boolean evicted;
        /** Whether priorities ascend, so the first one excluded excludes the rest (evicted ones always do). */
        final boolean ascending;

        SourceCandidates(Source source, boolean allowBorrowing, boolean evicted) {
            this.source = source;
            this.allowBorrowing = allowBorrowing;
            this.evicted = evicted;
            AdmittedWorkloads.QueueWorkloads queue = admitted.queue(source.cq);
            this.workloads = (evicted ? queue.evictedInCandidateOrder() : queue.inOrder()).iterator();
            this.ascending = evicted || !queue.ranksByLocalQueue();
            this.policy = source.cq == request.cq()
                    ? source.cq.preemption().withinClusterQueue() : request.cq().preemption().reclaimWithinCohort();
            advance();
        }

        @Override
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
                if (w.isEvicted() == evicted) {
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

    /**
     * A level's candidates that are not being evicted, read from its cohort's admitted workloads
     * merged for the cycle: as the candidates of each of its queues that is a source, merged
     * ({@link SourceCandidates}). A queue is judged when the merge reaches one of its workloads,
     * before the workload is looked at (reading workloads is most of what a search costs): one
     * found within nominal is passed for the rest of the search, as removals only lower usage; one
     * taken from may stop borrowing, and the search rejects its further workloads then.
     */
    private final class LevelCandidates extends CandidateStream {
        final Level level;
        final boolean allowBorrowing;
        final Iterator<MergedAdmitted.Entry> entries;
        final PreemptionPolicy policy = request.cq().preemption().reclaimWithinCohort();
        /** Queues whose remaining workloads are no candidates (priorities ascend within a queue). */
        final BitSet stopped = new BitSet();

        LevelCandidates(Level level, boolean allowBorrowing) {
            this.level = level;
            this.allowBorrowing = allowBorrowing;
            this.entries = merged.of(level.cohort());
            advance();
        }

        @Override
        void advance() {
            head = null;
            while (head == null && entries.hasNext()) {
                MergedAdmitted.Entry e = entries.next();
                ClusterQueueNode q = e.cq();
                if (stopped.get(q.id())) {
                    continue;
                }
                if (!isSource(q)) {
                    stopped.set(q.id());
                    continue;
                }
                if (e.workload().isSetAside()) {
                    continue;
                }
                if (PreemptionPolicies.excludesFromHere(policy, request.preemptor(), e.workload())) {
                    stopped.set(q.id());
                    continue;
                }
                head = candidate(e.workload(), level.source(q));
                if (head != null && allowBorrowing && head.reclaimsWithoutBorrowing()) {
                    head = null;
                    stopped.set(q.id());
                }
            }
        }
    }

    /**
     * The candidates of a group being evicted, or those that are not, merged in candidate order.
     * A level's candidates not being evicted come as one stream ({@link LevelCandidates}); for
     * those being evicted, its queues are read in the order of their first such workload, each
     * once the merge reaches it: none of its candidates comes earlier.
     */
    private final class MergedCandidates implements Iterator<Candidate> {
        private final boolean allowBorrowing;
        private final boolean evicted;
        private final PriorityQueue<CandidateStream> heads =
                new PriorityQueue<>((a, b) -> ORDER.compare(a.head, b.head));
        private final PriorityQueue<LevelCursor> unread = new PriorityQueue<>(
                (a, b) -> AdmittedWorkloads.CANDIDATE_ORDER.compare(a.bound(), b.bound()));

        MergedCandidates(Group group, boolean allowBorrowing, boolean evicted) {
            this.allowBorrowing = allowBorrowing;
            this.evicted = evicted;
            for (Source source : group.sources) {
                if (!evicted || admitted.queue(source.cq).hasEvicted()) {
                    read(source);
                }
            }
            for (Level level : group.levels) {
                if (!evicted) {
                    add(new LevelCandidates(level, allowBorrowing));
                    continue;
                }
                LevelCursor cursor = new LevelCursor(level);
                if (cursor.next != null) {
                    unread.add(cursor);
                }
            }
        }

        private void add(CandidateStream stream) {
            if (stream.head != null) {
                heads.add(stream);
            }
        }

        private void read(Source source) {
            add(new SourceCandidates(source, allowBorrowing, evicted));
        }

        /** Reads the level queues whose first workload being evicted comes before the first candidate read. */
        private void readWhileNeeded() {
            while (!unread.isEmpty() && (heads.isEmpty() || AdmittedWorkloads.CANDIDATE_ORDER.compare(
                    unread.peek().bound(), heads.peek().head.workload()) < 0)) {
                LevelCursor cursor = unread.poll();
                ClusterQueueNode q = cursor.next;
                cursor.advance();
                if (isSource(q)) {
                    read(cursor.level.source(q));
                }
                if (cursor.next != null) {
                    unread.add(cursor);
                }
            }
        }

        @Override
        public boolean hasNext() {
            readWhileNeeded();
            return !heads.isEmpty();
        }

        @Override
        public Candidate next() {
            readWhileNeeded();
            CandidateStream stream = heads.poll();
            if (stream == null) {
                throw new NoSuchElementException();
            }
            Candidate c = stream.head;
            stream.advance();
            add(stream);
            return c;
        }
    }

    /** A level's queues with workloads being evicted not read yet, in the order of the first of those. */
    private final class LevelCursor {
        final Level level;
        private final Iterator<ClusterQueueNode> queues;
        ClusterQueueNode next;

        LevelCursor(Level level) {
            this.level = level;
            this.queues = byFirstEvicted.of(level.cohort()).iterator();
            advance();
        }

        void advance() {
            next = queues.hasNext() ? queues.next() : null;
        }

        WorkloadInfo bound() {
            return byFirstEvicted.bound(next);
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
