package io.berth.sim.model;

import java.util.List;

/**
 * The outcome of a simulation: one record per workload (in submission order), the input it ran
 * on, when it started and ended (virtual epoch ms), cycles run, and the engine's final weighted
 * shares when fair sharing was on (empty otherwise).
 */
public record SimResult(SimInput input, List<WorkloadRecord> workloads, long startMillis, long endMillis, long cycles,
                        long events, java.util.Map<String, Long> weightedShares) {
    public SimResult {
        workloads = List.copyOf(workloads);
        weightedShares = java.util.Map.copyOf(weightedShares);
    }
}
