package io.berth.api.config;

/**
 * The Kueue Configuration fields that change admission decisions, plus Berth's opt-in
 * extensions. admissionFairSharing is null when disabled.
 */
public record Configuration(FairSharingConfig fairSharing, WaitForPodsReadyConfig waitForPodsReady,
                            AdmissionFairSharingConfig admissionFairSharing, BerthExtensions berth) {
    public static final Configuration DEFAULT = new Configuration(FairSharingConfig.DISABLED);

    public Configuration {
        fairSharing = fairSharing == null ? FairSharingConfig.DISABLED : fairSharing;
        waitForPodsReady = waitForPodsReady == null ? WaitForPodsReadyConfig.DISABLED : waitForPodsReady;
        berth = berth == null ? BerthExtensions.NONE : berth;
    }

    public Configuration(FairSharingConfig fairSharing) {
        this(fairSharing, null, null, null);
    }
}
