package io.berth.api.config;

import java.util.Map;

/**
 * Configuration.admissionFairSharing: LocalQueue usage decays with the given half-life, sampled
 * every interval; resourceWeights (default 1) weigh resources into one usage number.
 */
public record AdmissionFairSharingConfig(long usageHalfLifeMillis, long usageSamplingIntervalMillis,
                                         Map<String, Double> resourceWeights) {
    public AdmissionFairSharingConfig {
        resourceWeights = resourceWeights == null ? Map.of() : Map.copyOf(resourceWeights);
    }
}
