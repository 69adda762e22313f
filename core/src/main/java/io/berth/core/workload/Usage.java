package io.berth.core.workload;

import io.berth.core.quota.QuotaNode;
import io.berth.core.quota.UsageOverlay;
import io.berth.core.quota.UsageView;
import java.util.Arrays;

/** Quota usage of one workload: amounts (in each resource's counting unit) per flavor-resource id, sparse. */
public final class Usage {
    public static final Usage EMPTY = new Usage(new int[0], new long[0]);

    private final int size;
    // The first flavor-resource is also kept inline: most usages have just one, and preemption
    // searches read victims' usages by the thousand, each then one object instead of three.
    private final int fr0;
    private final long amount0;
    /** All of them; null in a usage of one ({@link #of}), which then needs no arrays at all. */
    private final int[] frs;
    private final long[] amounts;

    public Usage(int[] frs, long[] amounts) {
        this.size = frs.length;
        this.fr0 = size == 0 ? -1 : frs[0];
        this.amount0 = size == 0 ? 0 : amounts[0];
        this.frs = frs;
        this.amounts = amounts;
    }

    private Usage(int fr, long amount) {
        this.size = 1;
        this.fr0 = fr;
        this.amount0 = amount;
        this.frs = null;
        this.amounts = null;
    }

    /** The usage of one flavor-resource, without arrays. */
    public static Usage of(int fr, long amount) {
        return new Usage(fr, amount);
    }

    public int size() {
        return size;
    }

    public int fr(int i) {
        return i == 0 ? fr0 : frs[i];
    }

    public long amount(int i) {
        return i == 0 ? amount0 : amounts[i];
    }

    /** The amount of a flavor-resource, 0 when absent. */
    public long amountOf(int fr) {
        for (int i = 0; i < size; i++) {
            if (fr(i) == fr) {
                return amount(i);
            }
        }
        return 0;
    }

    /** Whether this is at least the other usage in every flavor-resource the other has. */
    public boolean covers(Usage other) {
        for (int i = 0; i < other.size; i++) {
            if (amountOf(other.fr(i)) < other.amount(i)) {
                return false;
            }
        }
        return true;
    }

    public void addTo(QuotaNode node) {
        for (int i = 0; i < size; i++) {
            node.addUsage(fr(i), amount(i));
        }
    }

    public void removeFrom(QuotaNode node) {
        for (int i = 0; i < size; i++) {
            node.removeUsage(fr(i), amount(i));
        }
    }

    public void addTo(UsageOverlay overlay, QuotaNode node) {
        for (int i = 0; i < size; i++) {
            overlay.add(node, fr(i), amount(i));
        }
    }

    public void removeFrom(UsageOverlay overlay, QuotaNode node) {
        for (int i = 0; i < size; i++) {
            overlay.remove(node, fr(i), amount(i));
        }
    }

    /** Whether every amount fits in what the node would have available with the view's usage. */
    public boolean fitsIn(QuotaNode node, UsageView view) {
        for (int i = 0; i < size; i++) {
            if (Math.max(0, node.available(fr(i), view)) < amount(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every amount fits in what the node has available now. */
    public boolean fitsIn(QuotaNode node) {
        for (int i = 0; i < size; i++) {
            if (Math.max(0, node.available(fr(i))) < amount(i)) {
                return false;
            }
        }
        return true;
    }

    /** Accumulates amounts per flavor-resource id, in first-seen order. */
    public static final class Builder {
        private int[] frs = new int[2];
        private long[] amounts = new long[2];
        private int n;

        public Builder add(int fr, long amount) {
            for (int i = 0; i < n; i++) {
                if (frs[i] == fr) {
                    amounts[i] += amount;
                    return this;
                }
            }
            if (n == frs.length) {
                frs = Arrays.copyOf(frs, n * 2);
                amounts = Arrays.copyOf(amounts, n * 2);
            }
            frs[n] = fr;
            amounts[n++] = amount;
            return this;
        }

        public long get(int fr) {
            for (int i = 0; i < n; i++) {
                if (frs[i] == fr) {
                    return amounts[i];
                }
            }
            return 0;
        }

        public Usage build() {
            return switch (n) {
                case 0 -> EMPTY;
                case 1 -> of(frs[0], amounts[0]);
                default -> new Usage(Arrays.copyOf(frs, n), Arrays.copyOf(amounts, n));
            };
        }
    }
}
