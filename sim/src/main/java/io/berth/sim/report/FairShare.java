package io.berth.sim.report;

/**
 * One ClusterQueue in the fairness figures: usedHours of the dominant resource (resource-hours),
 * share = its used resource-time / the total of all ClusterQueues, entitlement = its nominal quota /
 * the total nominal quota, ratio = share / entitlement (null when its entitlement is zero).
 */
public record FairShare(String clusterQueue, double usedHours, double share, double entitlement, Double ratio) {
}
