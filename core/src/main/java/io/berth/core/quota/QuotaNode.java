package io.berth.core.quota;

import java.util.Arrays;

/**
 * A node of the quota tree (ClusterQueue or Cohort) with Kueue's quota arithmetic. Arrays are
 * indexed by flavor-resource id and hold amounts in each resource's counting unit
 * ({@link FlavorResources#units()}). A node keeps its guaranteed part
 * (subtree quota minus lendingLimit) for itself; everything else is pooled in the parent, and
 * usage above the guaranteed part is counted in the parent as well.
 */
public abstract class QuotaNode {
    /**
     * Kueue's Unlimited, and the most any amount counts as: more than any cluster holds (128 PiB of
     * memory, 144 trillion cpus). Bounded quota counts at most one less, so a request Kueue clamps
     * (past the range of its quantities), which counts as this, fits only under unlimited quota.
     * Sums of it along a chain of 64 nodes fit a long: the quota arithmetic, run for every fit,
     * needs no overflow checks.
     */
    public static final long UNLIMITED = Long.MAX_VALUE / 64;
    /** Marks "no limit" in borrowingLimit and lendingLimit. */
    public static final long NO_LIMIT = -1;

    private final String name;
    /** Dense within its tree (see {@link QuotaTree#nodeCount()}), so per-node state can live in arrays. */
    int id;
    CohortNode parent;
    /** Its position among its parent's children of its kind (child ClusterQueues or child Cohorts). */
    int childIndex;
    private QuotaNode root;
    long[] nominal;
    long[] borrowingLimit;
    long[] lendingLimit;
    long[] subtreeQuota;
    long[] usage;
    /** Advances whenever usage changes, so a derived value can be cached against it. */
    private long usageVersion;
    /** How many flavor-resources it uses above its subtree quota: it borrows while this is positive. */
    private int borrowedFrs;
    private DominantResourceShare cachedShare;
    /** The share while borrowing nothing, made once (it depends only on the weight). */
    private DominantResourceShare nothingBorrowed;
    private long cachedShareVersion = -1;
    private final RecentShares recentShares = new RecentShares();

    QuotaNode(String name, int capacity) {
        this.name = name;
        nominal = new long[capacity];
        borrowingLimit = filled(capacity);
        lendingLimit = filled(capacity);
        subtreeQuota = new long[capacity];
        usage = new long[capacity];
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, NO_LIMIT);
        return a;
    }

    public String name() {
        return name;
    }

    public int id() {
        return id;
    }

    public CohortNode parent() {
        return parent;
    }

    /** Its position among its parent's children of its kind. */
    public int childIndex() {
        return childIndex;
    }

    public boolean hasParent() {
        return parent != null;
    }

    public long nominal(int fr) {
        return nominal[fr];
    }

    public long borrowingLimit(int fr) {
        return borrowingLimit[fr];
    }

    public long lendingLimit(int fr) {
        return lendingLimit[fr];
    }

    public long subtreeQuota(int fr) {
        return subtreeQuota[fr];
    }

    public long usage(int fr) {
        return usage[fr];
    }

    void setQuota(int fr, long nominalQuota, long borrowing, long lending) {
        nominal[fr] = nominalQuota;
        borrowingLimit[fr] = borrowing;
        lendingLimit[fr] = lending;
    }

    void grow(int capacity) {
        if (capacity <= nominal.length) {
            return;
        }
        usageVersion++;
        int old = nominal.length;
        nominal = Arrays.copyOf(nominal, capacity);
        borrowingLimit = Arrays.copyOf(borrowingLimit, capacity);
        lendingLimit = Arrays.copyOf(lendingLimit, capacity);
        Arrays.fill(borrowingLimit, old, capacity, NO_LIMIT);
        Arrays.fill(lendingLimit, old, capacity, NO_LIMIT);
        subtreeQuota = Arrays.copyOf(subtreeQuota, capacity);
        usage = Arrays.copyOf(usage, capacity);
    }

    /** The part of the subtree quota that is not lent out: subtree - lendingLimit, at least 0. */
    public long guaranteedQuota(int fr) {
        return lendingLimit[fr] == NO_LIMIT ? 0 : Math.max(0, subtreeQuota[fr] - lendingLimit[fr]);
    }

    /** Guaranteed quota not yet used. */
    public long localAvailable(int fr) {
        return Math.max(0, guaranteedQuota(fr) - usage[fr]);
    }

    /** What this node may still use right now, through its ancestors and their limits. May be negative. */
    public long available(int fr) {
        return parent == null ? subtreeQuota[fr] - usage[fr] : availableGiven(fr, usage[fr], parent.available(fr));
    }

    /** {@link #available(int)} with every node's usage read from the view instead. */
    public long available(int fr, UsageView view) {
        long own = view.usage(this, fr);
        return parent == null ? subtreeQuota[fr] - own : availableGiven(fr, own, parent.available(fr, view));
    }

    /**
     * {@link #available(int)} as it would be with val less of fr used here (taken out as
     * {@link #removeUsage} would, up the tree), worked out without changing anything.
     */
    public long availableWithout(int fr, long val) {
        long own = usage[fr] - val;
        return parent == null ? subtreeQuota[fr] - own
                : availableGiven(fr, own, parent.availableWithout(fr, removedFromParent(fr, usage[fr], val)));
    }

    private long availableGiven(int fr, long own, long parentAvailable) {
        if (borrowingLimit[fr] != NO_LIMIT) {
            long guaranteed = guaranteedQuota(fr);
            long storedInParent = subtreeQuota[fr] - guaranteed;
            long usedInParent = Math.max(0, own - guaranteed);
            parentAvailable = Math.min(storedInParent - usedInParent + borrowingLimit[fr], parentAvailable);
        }
        return Math.max(0, guaranteedQuota(fr) - own) + parentAvailable;
    }

    /** What this node could use if nothing else in the tree were used. */
    public long potentialAvailable(int fr) {
        if (parent == null) {
            return subtreeQuota[fr];
        }
        long result = guaranteedQuota(fr) + parent.potentialAvailable(fr);
        if (borrowingLimit[fr] != NO_LIMIT) {
            result = Math.min(subtreeQuota[fr] + borrowingLimit[fr], result);
        }
        return result;
    }

    /** Whether using val more would exceed this node's own quota. */
    public abstract boolean borrowingWith(int fr, long val);

    /** Fair-sharing weight (1.0 unless set). */
    public abstract double fairWeight();

    /**
     * The node's current Dominant Resource Share (zero at a root). It depends only on the node's
     * own usage and quota and on what its parent could lend, so it is cached until the usage
     * changes, and found again when the usage comes back to one of the last two it was computed for.
     */
    public DominantResourceShare dominantResourceShare(FlavorResources frs) {
        if (cachedShareVersion != usageVersion || cachedShare == null) {
            cachedShare = recentShares.find(usage);
            if (cachedShare == null) {
                cachedShare = computeShare(frs, usage);
                recentShares.remember(usage, cachedShare);
            }
            cachedShareVersion = usageVersion;
        }
        return cachedShare;
    }

    /** The share this node would have with the given usage (indexed by flavor-resource id) instead of its own. */
    public DominantResourceShare dominantResourceShare(FlavorResources frs, long[] usage) {
        return computeShare(frs, usage);
    }

    /**
     * This node's usage of fr if val more of it were used at from (this node or a node below it),
     * with every node's usage read from the view.
     */
    public long usageIfAdded(QuotaNode from, int fr, long val, UsageView view) {
        for (QuotaNode n = from; n != this; n = n.parent) {
            val = n.addedToParent(fr, view.usage(n, fr), val);
        }
        return view.usage(this, fr) + val;
    }

    private DominantResourceShare computeShare(FlavorResources frs, long[] usage) {
        FlavorResources.SetBuilder borrowed = frs.newSet();
        // What is borrowed per resource; while only one resource is, without an array.
        int onlyResource = -1;
        long onlyAmount = 0;
        long[] byResource = null;
        for (int fr = 0; parent != null && fr < usage.length; fr++) {
            long amount = usage[fr] - subtreeQuota[fr];
            if (amount <= 0) {
                continue;
            }
            borrowed.add(fr);
            int r = frs.resource(fr);
            if (byResource == null && (onlyResource < 0 || onlyResource == r)) {
                onlyResource = r;
                onlyAmount += amount;
                continue;
            }
            if (byResource == null) {
                byResource = new long[frs.resources().size()];
                byResource[onlyResource] = onlyAmount;
            }
            byResource[r] += amount;
        }
        if (borrowed.isEmpty()) {
            if (nothingBorrowed == null || nothingBorrowed.weight() != fairWeight()) {
                nothingBorrowed = new DominantResourceShare(fairWeight(), 0, "", DominantResourceShare.NOTHING_BORROWED);
            }
            return nothingBorrowed;
        }
        long[] lendable = parent.lendable(frs);
        if (byResource == null) {
            double ratio = ratio(onlyAmount, onlyResource, lendable);
            return new DominantResourceShare(fairWeight(), ratio, ratio > 0 ? frs.resources().name(onlyResource) : "",
                    borrowed.build());
        }
        double best = 0;
        String dominant = "";
        for (int r = 0; r < byResource.length; r++) {
            double ratio = ratio(byResource[r], r, lendable);
            if (ratio > 0) {
                String name = frs.resources().name(r);
                if (ratio > best || (ratio == best && name.compareTo(dominant) < 0)) {
                    best = ratio;
                    dominant = name;
                }
            }
        }
        return new DominantResourceShare(fairWeight(), best, dominant, borrowed.build());
    }

    /** Borrowed per 1000 of what the parent could lend of the resource; 0 when it lends none. */
    private static double ratio(long borrowed, int resource, long[] lendable) {
        return borrowed > 0 && resource < lendable.length && lendable[resource] > 0
                ? borrowed * 1000.0 / lendable[resource] : 0;
    }

    public void addUsage(int fr, long val) {
        long before = usage[fr];
        usage[fr] += val;
        usageVersion++;
        trackBorrowing(fr, before);
        long up = addedToParent(fr, before, val);
        if (up > 0) {
            parent.addUsage(fr, up);
        }
    }

    public void removeUsage(int fr, long val) {
        long before = usage[fr];
        usage[fr] -= val;
        usageVersion++;
        trackBorrowing(fr, before);
        long up = removedFromParent(fr, before, val);
        if (up > 0) {
            parent.removeUsage(fr, up);
        }
    }

    /**
     * Sets its usage, and whether it borrows, to what the changes that lead to values would have
     * left, made one by one: what a node passes up depends on its usage alone, not on their order.
     */
    void setUsage(long[] values) {
        for (int fr = 0; fr < usage.length; fr++) {
            long before = usage[fr];
            usage[fr] = values[fr];
            trackBorrowing(fr, before);
        }
        usageVersion++;
    }

    /** How much of adding val to usage {@code before} goes beyond the guaranteed part, into the parent. */
    public long addedToParent(int fr, long before, long val) {
        long local = Math.max(0, guaranteedQuota(fr) - before);
        return parent != null && val > local ? val - local : 0;
    }

    /** How much of removing val from usage {@code before} comes out of the parent. */
    public long removedFromParent(int fr, long before, long val) {
        long storedInParent = before - guaranteedQuota(fr);
        return parent != null && storedInParent > 0 ? Math.min(val, storedInParent) : 0;
    }

    private void trackBorrowing(int fr, long before) {
        boolean was = before > subtreeQuota[fr];
        boolean is = usage[fr] > subtreeQuota[fr];
        if (was == is) {
            return;
        }
        borrowedFrs += is ? 1 : -1;
        if (parent != null && (is ? borrowedFrs == 1 : borrowedFrs == 0)) {
            parent.childBorrowing(this, is);
        }
    }

    /** Whether it uses more than its subtree quota of some flavor-resource (its share is then positive or infinite). */
    public boolean isBorrowing() {
        return borrowedFrs > 0;
    }

    /** The root of this node's tree (itself when it has no parent). */
    public QuotaNode root() {
        if (root == null) {
            root = parent == null ? this : parent.root(); // the tree's shape is fixed once it is built
        }
        return root;
    }
}
