package io.berth.api.config;

import io.berth.api.CountingUnits;
import java.util.List;

/**
 * The Kueue Configuration fields that change admission decisions, plus Berth's opt-in
 * extensions. admissionFairSharing is null when disabled. deviceClassMappings: Kueue's
 * {@code resources.deviceClassMappings}; resources: its other {@code resources} fields.
 */
public record Configuration(FairSharingConfig fairSharing, WaitForPodsReadyConfig waitForPodsReady,
                            AdmissionFairSharingConfig admissionFairSharing, BerthExtensions berth,
                            List<DeviceClassMapping> deviceClassMappings, ResourcesConfig resources) {
    public static final Configuration DEFAULT = new Configuration(FairSharingConfig.DISABLED);

    public Configuration {
        fairSharing = fairSharing == null ? FairSharingConfig.DISABLED : fairSharing;
        waitForPodsReady = waitForPodsReady == null ? WaitForPodsReadyConfig.DISABLED : waitForPodsReady;
        berth = berth == null ? BerthExtensions.NONE : berth;
        deviceClassMappings = deviceClassMappings == null ? List.of() : List.copyOf(deviceClassMappings);
        resources = resources == null ? ResourcesConfig.DEFAULT : resources;
    }

    public Configuration(FairSharingConfig fairSharing, WaitForPodsReadyConfig waitForPodsReady,
                         AdmissionFairSharingConfig admissionFairSharing, BerthExtensions berth,
                         List<DeviceClassMapping> deviceClassMappings) {
        this(fairSharing, waitForPodsReady, admissionFairSharing, berth, deviceClassMappings, null);
    }

    public Configuration(FairSharingConfig fairSharing, WaitForPodsReadyConfig waitForPodsReady,
                         AdmissionFairSharingConfig admissionFairSharing, BerthExtensions berth) {
        this(fairSharing, waitForPodsReady, admissionFairSharing, berth, null, null);
    }

    public Configuration(FairSharingConfig fairSharing) {
        this(fairSharing, null, null, null);
    }

    /** The unit the engine counts each resource in: Kueue's, and milli-units for berth.milliUnitResources. */
    public CountingUnits countingUnits() {
        return CountingUnits.withMilli(berth.milliUnitResources());
    }

    /** The same Configuration with other Berth extensions. */
    public Configuration withBerth(BerthExtensions extensions) {
        return new Configuration(fairSharing, waitForPodsReady, admissionFairSharing, extensions, deviceClassMappings,
                resources);
    }
}
