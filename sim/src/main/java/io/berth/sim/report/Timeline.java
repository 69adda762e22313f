package io.berth.sim.report;

import java.util.List;
import java.util.Map;

/**
 * The run cut into equal buckets (bucket i covers [start + i * bucketMillis, start + (i+1) *
 * bucketMillis)). Every value is a time-weighted average over its bucket: utilizationPct per
 * resource (used / capacity x 100; an empty list when the capacity is zero), pendingTotal and
 * pendingByClusterQueue (number of workloads waiting for quota: from creation to first admission,
 * and from an eviction to the next admission).
 */
public record Timeline(long startMillis, double bucketMillis, int buckets, Map<String, List<Double>> utilizationPct,
                       List<Double> pendingTotal, Map<String, List<Double>> pendingByClusterQueue) {
    public Timeline {
        utilizationPct = Metrics.byResource(utilizationPct);
        pendingTotal = List.copyOf(pendingTotal);
        pendingByClusterQueue = Metrics.ordered(pendingByClusterQueue);
    }

    /** Start of bucket i in seconds from the run start. */
    public double bucketStartSeconds(int i) {
        return i * bucketMillis / 1000.0;
    }
}
