package io.berth.sim.report;

import java.util.Map;

/**
 * Fairness between ClusterQueues on the dominant resource (nvidia.com/gpu when the cluster has
 * GPUs, else cpu): per queue share and entitlement, and Jain's fairness index over the
 * share/entitlement ratios x_i of the queues with an entitlement: (sum x_i)^2 / (n * sum x_i^2),
 * 1 when every queue got exactly its entitlement, 1/n when one queue got everything (null when
 * nothing was used).
 */
public record Fairness(String resource, Map<String, FairShare> byClusterQueue, Double jainIndex) {
    public Fairness {
        byClusterQueue = Metrics.ordered(byClusterQueue);
    }
}
