package io.berth.api.config;

import java.util.List;

/**
 * Configuration.fairSharing. preemptionStrategies holds Kueue's names
 * (LessThanOrEqualToFinalShare, LessThanInitialShare); empty means Kueue's default pair.
 */
public record FairSharingConfig(boolean enable, List<String> preemptionStrategies) {
    public static final FairSharingConfig DISABLED = new FairSharingConfig(false, List.of());

    public FairSharingConfig {
        preemptionStrategies = preemptionStrategies == null ? List.of() : List.copyOf(preemptionStrategies);
    }
}
