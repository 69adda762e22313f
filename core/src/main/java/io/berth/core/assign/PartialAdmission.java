package io.berth.core.assign;

import io.berth.core.workload.PodSetRequests;
import java.util.List;
import java.util.function.Function;

/**
 * Kueue's partial admission search: shrinks every pod set that allows it (minCount) by the same
 * fraction of its allowed reduction and binary-searches the smallest reduction that fits.
 */
public final class PartialAdmission {
    private PartialAdmission() {
    }

    /**
     * @param fits returns a result for the given counts, or null when they do not fit
     * @return the result for the largest counts that fit, or null
     */
    public static <R> R search(List<PodSetRequests> podSets, Function<int[], R> fits) {
        int n = podSets.size();
        int[] full = new int[n];
        int[] deltas = new int[n];
        int totalDelta = 0;
        for (int i = 0; i < n; i++) {
            full[i] = podSets.get(i).count();
            deltas[i] = full[i] - podSets.get(i).minCount();
            totalDelta += deltas[i];
        }
        if (totalDelta == 0) {
            return null;
        }
        int lo = 0;
        int hi = totalDelta + 1;
        int lastGood = -1;
        R lastResult = null;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int[] counts = new int[n];
            for (int i = 0; i < n; i++) {
                counts[i] = full[i] - (int) ((long) deltas[i] * mid / totalDelta);
            }
            R r = fits.apply(counts);
            if (r != null) {
                lastGood = mid;
                lastResult = r;
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo == lastGood ? lastResult : null;
    }
}
