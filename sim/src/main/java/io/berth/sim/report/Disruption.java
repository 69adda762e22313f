package io.berth.sim.report;

/**
 * Preemptions and other evictions, the number of workloads hit at least once, and the work they
 * lost: the run segments cut short (not completed) times the workload's usage, in CPU core-hours
 * and GPU-hours. A last segment still running when the run ended (the workload never finished and
 * the segment ends at the run end) is not lost work.
 */
public record Disruption(int preemptions, int evictions, int disruptedWorkloads, double lostCpuHours,
                         double lostGpuHours) {
}
