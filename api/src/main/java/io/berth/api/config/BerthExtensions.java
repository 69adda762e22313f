package io.berth.api.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Opt-in behaviour beyond Kueue (Configuration key "berth"). admissionsPerClusterQueue: how many
 * workloads one ClusterQueue may admit in a single cycle (Kueue: 1); the result is the same as
 * running that many cycles one after the other. deviceQuota: device requests Kueue does not charge
 * (and leaves Misconfigured), charged. milliUnitResources: resources besides cpu whose quota is
 * counted in milli-units, so fractions (shared GPUs) count as fractions (Kueue: whole units).
 */
public record BerthExtensions(int admissionsPerClusterQueue, DeviceQuotaOptions deviceQuota,
                              List<String> milliUnitResources) {
    public static final BerthExtensions NONE = new BerthExtensions(1);

    public BerthExtensions {
        deviceQuota = deviceQuota == null ? DeviceQuotaOptions.KUEUE : deviceQuota;
        milliUnitResources = milliUnitResources == null ? List.of() : List.copyOf(milliUnitResources);
    }

    public BerthExtensions(int admissionsPerClusterQueue) {
        this(admissionsPerClusterQueue, null);
    }

    public BerthExtensions(int admissionsPerClusterQueue, DeviceQuotaOptions deviceQuota) {
        this(admissionsPerClusterQueue, deviceQuota, List.of());
    }

    /** The same, also counting this resource in milli-units. */
    public BerthExtensions withMilliUnits(String resource) {
        if (milliUnitResources.contains(resource)) {
            return this;
        }
        List<String> all = new ArrayList<>(milliUnitResources);
        all.add(resource);
        return new BerthExtensions(admissionsPerClusterQueue, deviceQuota, all);
    }

    /**
     * berth.deviceQuota: firstAvailable: a request with alternatives is charged the first alternative
     * the ClusterQueue can admit; allocationModeAll: an All request is charged the matching devices on
     * the nodes of the flavor tried. Both off: Kueue's behaviour.
     */
    public record DeviceQuotaOptions(boolean firstAvailable, boolean allocationModeAll) {
        public static final DeviceQuotaOptions KUEUE = new DeviceQuotaOptions(false, false);
    }
}
