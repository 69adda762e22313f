package io.berth.core.workload;

import io.berth.core.quota.QuotaNode;
import io.berth.core.quota.UsageOverlay;
import io.berth.core.quota.UsageView;
import java.util.Arrays;

/** Quota usage of one workload: amounts (milli-units) per flavor-resource id, sparse. */
public final class Usage {
    public static final Usage EMPTY = new Usage(new int[0], new long[0]);

    private final int[] frs;
    private final long[] amounts;

    public Usage(int[] frs, long[] amounts) {
        this.frs = frs;
        this.amounts = amounts;
    }

    public int size() {
        return frs.length;
    }

    public int fr(int i) {
        return frs[i];
    }

    public long amount(int i) {
        return amounts[i];
    }

    /** The amount of a flavor-resource, 0 when absent. */
    public long amountOf(int fr) {
        for (int i = 0; i < frs.length; i++) {
            if (frs[i] == fr) {
                return amounts[i];
            }
        }
        return 0;
    }

    /** Whether this is at least the other usage in every flavor-resource the other has. */
    public boolean covers(Usage other) {
        for (int i = 0; i < other.frs.length; i++) {
            if (amountOf(other.frs[i]) < other.amounts[i]) {
                return false;
            }
        }
        return true;
    }

    public void addTo(QuotaNode node) {
        for (int i = 0; i < frs.length; i++) {
            node.addUsage(frs[i], amounts[i]);
        }
    }

    public void removeFrom(QuotaNode node) {
        for (int i = 0; i < frs.length; i++) {
            node.removeUsage(frs[i], amounts[i]);
        }
    }

    public void addTo(UsageOverlay overlay, QuotaNode node) {
        for (int i = 0; i < frs.length; i++) {
            overlay.add(node, frs[i], amounts[i]);
        }
    }

    public void removeFrom(UsageOverlay overlay, QuotaNode node) {
        for (int i = 0; i < frs.length; i++) {
            overlay.remove(node, frs[i], amounts[i]);
        }
    }

    /** Whether every amount fits in what the node would have available with the view's usage. */
    public boolean fitsIn(QuotaNode node, UsageView view) {
        for (int i = 0; i < frs.length; i++) {
            if (Math.max(0, node.available(frs[i], view)) < amounts[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether every amount fits in what the node has available now. */
    public boolean fitsIn(QuotaNode node) {
        for (int i = 0; i < frs.length; i++) {
            if (Math.max(0, node.available(frs[i])) < amounts[i]) {
                return false;
            }
        }
        return true;
    }

    /** Accumulates amounts per flavor-resource id, in first-seen order. */
    public static final class Builder {
        private int[] frs = new int[4];
        private long[] amounts = new long[4];
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
            return new Usage(Arrays.copyOf(frs, n), Arrays.copyOf(amounts, n));
        }
    }
}
