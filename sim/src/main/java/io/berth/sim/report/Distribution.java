package io.berth.sim.report;

import java.util.Arrays;

/**
 * A sample of durations summarised in seconds: size, mean, minimum, the 50th, 95th and 99th
 * percentiles and the maximum. Every figure but n is null for an empty sample.
 *
 * <p>Percentiles use the nearest-rank method: the p-th percentile of n sorted values is the value
 * at 1-based rank {@code ceil(p / 100 * n)}, i.e. the smallest value such that at least p% of the
 * sample is less than or equal to it. It is always one of the observed values (no interpolation).
 */
public record Distribution(int n, Double mean, Double min, Double p50, Double p95, Double p99, Double max) {
    public static final Distribution EMPTY = new Distribution(0, null, null, null, null, null, null);

    /** Summarises durations given in milliseconds (the array is not changed). */
    public static Distribution ofMillis(long[] millis) {
        if (millis.length == 0) {
            return EMPTY;
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Distribution(sorted.length, sum / sorted.length / 1000.0, sorted[0] / 1000.0,
                nearestRank(sorted, 50) / 1000.0, nearestRank(sorted, 95) / 1000.0, nearestRank(sorted, 99) / 1000.0,
                sorted[sorted.length - 1] / 1000.0);
    }

    /**
     * The nearest-rank percentile of a non-empty sorted array: {@code sorted[ceil(p/100 * n) - 1]}
     * (the first value for p = 0).
     */
    public static long nearestRank(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("empty sample");
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile out of range: " + p);
        }
        // p * n / 100 computed so that e.g. 95 * 20 / 100 is exactly 19 (no floating-point drift).
        double rank = Math.ceil(p * sorted.length / 100.0 - 1e-9);
        int index = (int) Math.max(0, Math.min(sorted.length - 1, rank - 1));
        return sorted[index];
    }
}
