package io.berth.core.cycle;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.quota.DominantResourceShare;
import io.berth.core.quota.FlavorResources;
import io.berth.core.quota.QuotaNode;
import io.berth.core.quota.QuotaTree;
import io.berth.core.quota.UsageView;
import io.berth.core.workload.Usage;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;

/**
 * Kueue's fair-sharing tournament: in every cohort, the head whose subtree would have the lowest
 * Dominant Resource Share after its admission wins (non-borrowing first, then share, priority,
 * age), and winners compete again one level up, up to the root. Each cohort keeps its
 * contenders sorted; after a head is processed only the cohorts on its path are updated, so a
 * cycle costs O(heads x depth x log(children)), not O(heads^2).
 */
final class FairSharingOrder implements EntryOrder {
    private final FlavorResources frs;
    private final UsageView usage;
    private final Deque<Entry> withoutCohort = new ArrayDeque<>();
    private final List<CohortNode> roots = new ArrayList<>();
    // By node id.
    private final Entry[] entryOf;
    private final Contenders[] contenders;
    private final Contender[] contenderOf;
    /** A node's position among its parent's children, the last tie-breaker. */
    private final int[] childIndex;
    /** Where a contender's usage is worked out, one at a time. */
    private final long[] scratchUsage;

    /** A head competing in a cohort, for the child node it comes from. */
    private record Contender(Entry entry, QuotaNode child, int childIndex, DominantResourceShare share,
                             boolean borrowsOnRequest) {
    }

    private static final Comparator<Contender> ORDER = (a, b) -> {
        if (a.borrowsOnRequest != b.borrowsOnRequest) {
            return a.borrowsOnRequest ? 1 : -1;
        }
        int byShare = DominantResourceShare.compare(a.share, b.share);
        if (byShare != 0) {
            return byShare;
        }
        WorkloadInfo x = a.entry.wl;
        WorkloadInfo y = b.entry.wl;
        if (x.priority() != y.priority()) {
            return Integer.compare(y.priority(), x.priority());
        }
        if (x.queueTimestamp() != y.queueTimestamp()) {
            return Long.compare(x.queueTimestamp(), y.queueTimestamp());
        }
        return Integer.compare(a.childIndex, b.childIndex);
    };

    /**
     * entries: in ClusterQueue name order, as the scheduler takes the heads; usage: the tree's usage
     * as the order sees it while heads are processed.
     */
    FairSharingOrder(List<Entry> entries, QuotaTree tree, UsageView usage) {
        this.frs = tree.flavorResources();
        this.usage = usage;
        int nodes = tree.nodeCount();
        entryOf = new Entry[nodes];
        contenders = new Contenders[nodes];
        contenderOf = new Contender[nodes];
        childIndex = new int[nodes];
        scratchUsage = new long[frs.size()];
        boolean[] rootSeen = new boolean[nodes];
        for (Entry e : entries) {
            if (e.cq.hasParent()) {
                entryOf[e.cq.id()] = e;
                CohortNode root = (CohortNode) e.cq.root();
                if (!rootSeen[root.id()]) {
                    rootSeen[root.id()] = true;
                    roots.add(root);
                }
            } else {
                withoutCohort.add(e);
            }
        }
        roots.sort(Comparator.comparing(CohortNode::name));
        roots.forEach(this::build);
    }

    /** Fills the contender sets of the subtree and returns its winner, or null. */
    private Contender build(CohortNode cohort) {
        Contenders set = new Contenders();
        contenders[cohort.id()] = set;
        int index = 0;
        for (CohortNode child : cohort.childCohorts()) {
            childIndex[child.id()] = index;
            Contender winner = build(child);
            if (winner != null) {
                enter(set, winner.entry(), child);
            }
            index++;
        }
        for (ClusterQueueNode child : cohort.childQueues()) {
            childIndex[child.id()] = index;
            Entry e = entryOf[child.id()];
            if (e != null) {
                enter(set, e, child);
            }
            index++;
        }
        set.sortQueues();
        return set.first();
    }

    private void enter(Contenders set, Entry e, QuotaNode child) {
        Usage request = e.assignment.usage();
        // The share the child's subtree would have with this head admitted.
        long[] withHead = scratchUsage;
        for (int fr = 0; fr < withHead.length; fr++) {
            withHead[fr] = usage.usage(child, fr);
        }
        for (int i = 0; i < request.size(); i++) {
            withHead[request.fr(i)] = child.usageIfAdded(e.cq, request.fr(i), request.amount(i), usage);
        }
        DominantResourceShare share = child.dominantResourceShare(frs, withHead);
        Contender c = new Contender(e, child, childIndex[child.id()], share, share.isBorrowingOn(request));
        set.add(c);
        contenderOf[child.id()] = c;
    }

    @Override
    public Entry next() {
        if (!withoutCohort.isEmpty()) {
            return withoutCohort.peekFirst();
        }
        for (int i = 0; i < roots.size(); i++) {
            Contender first = contenders[roots.get(i).id()].first();
            if (first != null) {
                return first.entry();
            }
        }
        return null;
    }

    @Override
    public void processed(Entry e) {
        if (!e.cq.hasParent()) {
            withoutCohort.pollFirst();
            return;
        }
        entryOf[e.cq.id()] = null;
        contenders[e.cq.parent().id()].remove(takeContender(e.cq));
        for (CohortNode node = e.cq.parent(); node.parent() != null; node = node.parent()) {
            Contenders parentSet = contenders[node.parent().id()];
            Contender old = takeContender(node);
            if (old != null) {
                parentSet.remove(old);
            }
            Contender winner = contenders[node.id()].first();
            if (winner != null) {
                enter(parentSet, winner.entry(), node);
            }
        }
    }

    /**
     * A cohort's contenders. Those of its ClusterQueues keep their share for the whole cycle (a
     * queue has one head, and only admitting it changes the queue's usage), so they are sorted
     * once and leave from the front; those of its child cohorts change as heads below are
     * admitted, so they are kept in a sorted set.
     */
    private static final class Contenders {
        private final List<Contender> queues = new ArrayList<>();
        private int nextQueue;
        private final TreeSet<Contender> cohorts = new TreeSet<>(ORDER);

        /** Adds a contender; those of ClusterQueues only while building, before sorting. */
        void add(Contender c) {
            if (c.child() instanceof CohortNode) {
                cohorts.add(c);
            } else {
                queues.add(c);
            }
        }

        void sortQueues() {
            queues.sort(ORDER);
        }

        /** The winner, or null when none is left. */
        Contender first() {
            Contender queue = nextQueue < queues.size() ? queues.get(nextQueue) : null;
            Contender cohort = cohorts.isEmpty() ? null : cohorts.first();
            if (queue == null || cohort == null) {
                return queue == null ? cohort : queue;
            }
            return ORDER.compare(queue, cohort) < 0 ? queue : cohort;
        }

        /** Removes a contender: a ClusterQueue's leaves only once it has won, so it is the front one. */
        void remove(Contender c) {
            if (c.child() instanceof CohortNode) {
                cohorts.remove(c);
            } else if (queues.get(nextQueue++) != c) {
                throw new IllegalStateException("a ClusterQueue's head left its cohort before winning");
            }
        }
    }

    private Contender takeContender(QuotaNode node) {
        Contender c = contenderOf[node.id()];
        contenderOf[node.id()] = null;
        return c;
    }
}
