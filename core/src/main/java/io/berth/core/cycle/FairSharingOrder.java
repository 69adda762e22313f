package io.berth.core.cycle;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.quota.DominantResourceShare;
import io.berth.core.quota.FlavorResources;
import io.berth.core.quota.QuotaNode;
import io.berth.core.workload.Usage;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    private final Deque<Entry> withoutCohort = new ArrayDeque<>();
    private final List<CohortNode> roots;
    private final Map<ClusterQueueNode, Entry> entryOf = new HashMap<>();
    private final Map<CohortNode, TreeSet<Contender>> contenders = new HashMap<>();
    private final Map<QuotaNode, Contender> contenderOf = new HashMap<>();

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

    FairSharingOrder(List<Entry> entries, FlavorResources frs) {
        this.frs = frs;
        TreeMap<String, CohortNode> rootsByName = new TreeMap<>();
        entries.stream().sorted(Comparator.comparing(e -> e.cq.name())).forEach(e -> {
            if (e.cq.hasParent()) {
                entryOf.put(e.cq, e);
                CohortNode root = (CohortNode) e.cq.root();
                rootsByName.put(root.name(), root);
            } else {
                withoutCohort.add(e);
            }
        });
        roots = List.copyOf(rootsByName.values());
        roots.forEach(this::build);
    }

    /** Fills the contender sets of the subtree and returns its winner, or null. */
    private Contender build(CohortNode cohort) {
        TreeSet<Contender> set = new TreeSet<>(ORDER);
        contenders.put(cohort, set);
        int index = 0;
        for (CohortNode child : cohort.childCohorts()) {
            Contender winner = build(child);
            if (winner != null) {
                enter(set, winner.entry(), child, index);
            }
            index++;
        }
        for (ClusterQueueNode child : cohort.childQueues()) {
            Entry e = entryOf.get(child);
            if (e != null) {
                enter(set, e, child, index);
            }
            index++;
        }
        return set.isEmpty() ? null : set.first();
    }

    private void enter(TreeSet<Contender> set, Entry e, QuotaNode child, int index) {
        Usage usage = e.assignment.usage();
        // The share the child's subtree would have with this head admitted.
        long[] withHead = child.usageCopy();
        BitSet requested = new BitSet();
        for (int i = 0; i < usage.size(); i++) {
            withHead[usage.fr(i)] = child.usageIfAdded(e.cq, usage.fr(i), usage.amount(i));
            if (usage.amount(i) > 0) {
                requested.set(usage.fr(i));
            }
        }
        DominantResourceShare share = child.dominantResourceShare(frs, withHead);
        Contender c = new Contender(e, child, index, share, share.isBorrowingOn(requested));
        set.add(c);
        contenderOf.put(child, c);
    }

    @Override
    public Entry next() {
        if (!withoutCohort.isEmpty()) {
            return withoutCohort.peekFirst();
        }
        for (CohortNode root : roots) {
            TreeSet<Contender> set = contenders.get(root);
            if (!set.isEmpty()) {
                return set.first().entry();
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
        entryOf.remove(e.cq);
        contenders.get(e.cq.parent()).remove(contenderOf.remove(e.cq));
        for (CohortNode node = e.cq.parent(); node.parent() != null; node = node.parent()) {
            TreeSet<Contender> parentSet = contenders.get(node.parent());
            Contender old = contenderOf.remove(node);
            if (old != null) {
                parentSet.remove(old);
            }
            TreeSet<Contender> own = contenders.get(node);
            if (!own.isEmpty()) {
                enter(parentSet, own.first().entry(), node, childIndex(node));
            }
        }
    }

    private static int childIndex(CohortNode node) {
        return node.parent().childCohorts().indexOf(node);
    }
}
