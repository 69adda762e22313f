package io.berth.sim.report;

import java.util.List;

/**
 * Kueue's performance-checker usage of one ClusterQueue class: the CPU used by all the class's
 * ClusterQueues (cpu milli-cores x ms, from the run segments of their workloads) over the sum of
 * their nominal cpu quotas times the monitoring window (last event of any of the class's queues
 * minus the first event, the run start), in percent (null when the window or the quota is zero).
 */
public record QueueClassUsage(String className, List<String> clusterQueues, long nominalCpuMilli,
                              double cpuMilliMillisUsed, long firstEventMillis, long lastEventMillis,
                              Double usagePct) {
    public QueueClassUsage {
        clusterQueues = List.copyOf(clusterQueues);
    }

    public double monitorSeconds() {
        return (lastEventMillis - firstEventMillis) / 1000.0;
    }
}
