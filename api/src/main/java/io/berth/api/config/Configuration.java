package io.berth.api.config;

/** The Kueue Configuration fields that change admission decisions. */
public record Configuration(FairSharingConfig fairSharing) {
    public static final Configuration DEFAULT = new Configuration(FairSharingConfig.DISABLED);

    public Configuration {
        fairSharing = fairSharing == null ? FairSharingConfig.DISABLED : fairSharing;
    }
}
