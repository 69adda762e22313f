package io.berth.sim.report;

/**
 * Kueue's performance-checker figures of one workload class, named as in its summary.yaml:
 * averageTimeToAdmissionMs (mean of first admission minus creation over the admitted workloads),
 * averageTimeToFinishMs (mean of finish minus creation over the finished ones; both null when there
 * are none) and totalEvictions (preemptions plus other evictions, as Kueue counts every Evicted
 * condition).
 */
public record WorkloadClassFigures(String className, int count, Double averageTimeToAdmissionMs,
                                   Double averageTimeToFinishMs, int totalEvictions) {
}
