package io.berth.core.quota;

import io.berth.api.Quantity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** A Cohort: pools what its children lend, plus its own resourceGroups. */
public final class CohortNode extends QuotaNode {
    private final List<CohortNode> childCohorts = new ArrayList<>();
    private final List<ClusterQueueNode> childQueues = new ArrayList<>();
    // Kept as usage changes, so preemption visits the few borrowing children, not all.
    private final BorrowingChildren<ClusterQueueNode> borrowingChildQueues = new BorrowingChildren<>(this, childQueues);
    private final BorrowingChildren<CohortNode> borrowingChildCohorts = new BorrowingChildren<>(this, childCohorts);
    // Read-only views, made once: the hot paths ask for them all the time.
    private final List<CohortNode> childCohortsView = Collections.unmodifiableList(childCohorts);
    private final List<ClusterQueueNode> childQueuesView = Collections.unmodifiableList(childQueues);
    private final long fairSharingWeight;
    private int height = -1;
    private long[] lendable;

    CohortNode(String name, int capacity, long fairSharingWeight) {
        super(name, capacity);
        this.fairSharingWeight = fairSharingWeight;
    }

    public List<CohortNode> childCohorts() {
        return childCohortsView;
    }

    public List<ClusterQueueNode> childQueues() {
        return childQueuesView;
    }

    /** The child ClusterQueues that borrow now, in child order. */
    public Collection<ClusterQueueNode> borrowingChildQueues() {
        return borrowingChildQueues;
    }

    /** The child Cohorts that borrow now, in child order. */
    public Collection<CohortNode> borrowingChildCohorts() {
        return borrowingChildCohorts;
    }

    void childBorrowing(QuotaNode child, boolean borrowing) {
        if (child instanceof ClusterQueueNode cq) {
            if (borrowing) {
                borrowingChildQueues.list(cq);
            } else {
                borrowingChildQueues.unlist(cq);
            }
        } else if (borrowing) {
            borrowingChildCohorts.list((CohortNode) child);
        } else {
            borrowingChildCohorts.unlist((CohortNode) child);
        }
    }

    public long fairSharingWeight() {
        return fairSharingWeight;
    }

    void addChild(QuotaNode child) {
        child.parent = this;
        if (child instanceof CohortNode c) {
            c.childIndex = childCohorts.size();
            childCohorts.add(c);
        } else {
            child.childIndex = childQueues.size();
            childQueues.add((ClusterQueueNode) child);
        }
    }

    @Override
    void grow(int capacity) {
        if (capacity > nominal.length) {
            lendable = null;
        }
        super.grow(capacity);
    }

    @Override
    public double fairWeight() {
        return fairSharingWeight / 1000.0;
    }

    /**
     * Per resource id, what this cohort could lend to a child: potential availability summed
     * over flavors. Depends on quotas only, so it is computed once per tree (again if the
     * tree grows to more flavor-resources).
     */
    long[] lendable(FlavorResources frs) {
        if (lendable == null) {
            long[] result = new long[frs.resources().size()];
            for (int fr = 0; fr < subtreeQuota.length; fr++) {
                result[frs.resource(fr)] = Quantity.add(result[frs.resource(fr)], potentialAvailable(fr));
            }
            lendable = result;
        }
        return lendable;
    }

    @Override
    public boolean borrowingWith(int fr, long val) {
        return subtreeQuota[fr] < usage[fr] + val;
    }

    /** Kueue's node height: 1 for a cohort with only ClusterQueues, 1 + the highest child cohort otherwise. */
    public int height() {
        if (height < 0) {
            int h = Math.min(childCohorts.size() + childQueues.size(), 1);
            for (CohortNode c : childCohorts) {
                h = Math.max(h, c.height() + 1);
            }
            height = h;
        }
        return height;
    }
}
