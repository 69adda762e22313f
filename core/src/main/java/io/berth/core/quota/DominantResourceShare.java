package io.berth.core.quota;

import io.berth.core.workload.Usage;
import java.util.BitSet;

/**
 * Weighted Dominant Resource Share of a quota node, as Kueue computes it: for each resource,
 * what the node uses above its subtree quota (summed over flavors) per 1000 of what its parent
 * could lend; the largest ratio, divided by the node's fair-sharing weight. A node with weight 0
 * that borrows ranks above every node with a positive weight.
 */
public record DominantResourceShare(double weight, double unweightedRatio, String dominantResource,
                                    BitSet borrowedFlavorResources) {
    /** The borrowed flavor-resources of a share that borrows none (never changed). */
    static final BitSet NOTHING_BORROWED = new BitSet();
    /** Below every real share: used as "nothing found yet". */
    public static final DominantResourceShare NEGATIVE = new DominantResourceShare(1, -1, "", NOTHING_BORROWED);

    public boolean isZero() {
        return unweightedRatio == 0;
    }

    public boolean isBorrowing() {
        return !borrowedFlavorResources.isEmpty();
    }

    /** Whether it borrows a flavor-resource of which the usage asks a positive amount. */
    public boolean isBorrowingOn(Usage requested) {
        for (int i = 0; i < requested.size(); i++) {
            if (requested.amount(i) > 0 && borrowedFlavorResources.get(requested.fr(i))) {
                return true;
            }
        }
        return false;
    }

    private boolean zeroWeightBorrows() {
        return weight == 0 && !isZero();
    }

    public double preciseWeightedShare() {
        if (isZero()) {
            return 0;
        }
        return weight == 0 ? Double.POSITIVE_INFINITY : unweightedRatio / weight;
    }

    /** The integer share Kueue reports in status.fairSharing.weightedShare. */
    public long weightedShare() {
        return zeroWeightBorrows() ? Long.MAX_VALUE : (long) Math.ceil(preciseWeightedShare());
    }

    public static int compare(DominantResourceShare a, DominantResourceShare b) {
        boolean az = a.zeroWeightBorrows();
        boolean bz = b.zeroWeightBorrows();
        if (az && bz) {
            return Double.compare(a.unweightedRatio, b.unweightedRatio);
        }
        if (az) {
            return 1;
        }
        if (bz) {
            return -1;
        }
        return Double.compare(a.preciseWeightedShare(), b.preciseWeightedShare());
    }
}
