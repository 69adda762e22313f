package io.berth.sim.report;

/** A run's time [start, end] (epoch ms) cut in count equal buckets; the last one ends at end. */
record TimeBuckets(long start, long end, int count, double widthMillis) {

    /** The bucket's length in ms. */
    double width(int b) {
        return (b == count - 1 ? end : start + (b + 1) * widthMillis) - (start + b * widthMillis);
    }

    /** Adds weight x (overlap of [from, to) with each bucket, in ms) to the buckets' accumulators. */
    void add(double[] acc, long from, long to, double weight) {
        long f = Math.max(from, start);
        long t = Math.min(to, end);
        if (count == 0 || t <= f || weight == 0) {
            return;
        }
        int b0 = Math.max(0, (int) Math.floor((f - start) / widthMillis) - 1);
        int b1 = Math.min(count - 1, (int) Math.floor((t - start) / widthMillis) + 1);
        for (int b = b0; b <= b1; b++) {
            double lo = start + b * widthMillis;
            double hi = b == count - 1 ? end : start + (b + 1) * widthMillis;
            double overlap = Math.min(t, hi) - Math.max(f, lo);
            if (overlap > 0) {
                acc[b] += weight * overlap;
            }
        }
    }
}
