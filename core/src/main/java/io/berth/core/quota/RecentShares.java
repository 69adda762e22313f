package io.berth.core.quota;

import java.util.Arrays;

/**
 * The last two shares a node computed, each with the usage it was computed for. Preemption
 * searches remove usage and put it back all the time, so the usage a share is asked for is
 * mostly one of the last two: those are found again instead of computed.
 */
final class RecentShares {
    private long[] usageA;
    private DominantResourceShare shareA;
    private long[] usageB;
    private DominantResourceShare shareB;

    /** The share computed for this usage, if it is one of the last two; else null. */
    DominantResourceShare find(long[] usage) {
        if (shareA != null && Arrays.equals(usageA, usage)) {
            return shareA;
        }
        if (shareB != null && Arrays.equals(usageB, usage)) {
            return shareB;
        }
        return null;
    }

    /** Keeps the share computed for a usage (copied), forgetting the older of the two kept. */
    void remember(long[] usage, DominantResourceShare share) {
        long[] spare = usageB;
        usageB = usageA;
        shareB = shareA;
        if (spare != null && spare.length == usage.length) {
            System.arraycopy(usage, 0, spare, 0, usage.length);
            usageA = spare;
        } else {
            usageA = usage.clone();
        }
        shareA = share;
    }
}
