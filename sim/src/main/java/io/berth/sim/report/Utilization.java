package io.berth.sim.report;

import java.util.Map;

/**
 * Cluster capacity and how much of it was used. capacitySource is "nodes" (sum over the input's
 * nodes) or "quota" (no nodes: sum of the nominal quotas of all ClusterQueues and Cohorts).
 * capacity is in natural units (cpu: cores, memory: GiB, nvidia.com/gpu: GPUs); meanPct is used
 * resource-time over capacity times run duration; peakPct the highest bucket average of the
 * timeline. Keys are {@link Metrics#RESOURCES}; a percentage is null when the capacity is zero.
 */
public record Utilization(String capacitySource, Map<String, Double> capacity, Map<String, Double> meanPct,
                          Map<String, Double> peakPct) {
    public Utilization {
        capacity = Metrics.byResource(capacity);
        meanPct = Metrics.byResource(meanPct);
        peakPct = Metrics.byResource(peakPct);
    }
}
