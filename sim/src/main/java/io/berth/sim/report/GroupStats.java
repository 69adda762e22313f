package io.berth.sim.report;

/**
 * Figures of one group of workloads (a workload class, a LocalQueue, a ClusterQueue, or all).
 * admitted: admitted at least once; finished: ran to completion. timeToAdmission: first admission
 * minus creation, over admitted workloads; completionTime: finish minus creation, over finished
 * workloads (both in seconds). makespanSeconds: last finish minus first creation (null when none
 * finished). preemptions and evictions are summed over the group's workloads.
 */
public record GroupStats(String name, int count, int admitted, int finished, int preemptions, int evictions,
                         Distribution timeToAdmission, Distribution completionTime, Double makespanSeconds) {
}
