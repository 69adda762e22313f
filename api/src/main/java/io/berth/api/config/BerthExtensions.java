package io.berth.api.config;

/**
 * Opt-in behaviour beyond Kueue (Configuration key "berth"). admissionsPerClusterQueue: how many
 * workloads one ClusterQueue may admit in a single cycle (Kueue: 1); the result is the same as
 * running that many cycles one after the other. deviceQuota: device requests Kueue does not charge
 * (and leaves Misconfigured), charged.
 */
public record BerthExtensions(int admissionsPerClusterQueue, DeviceQuotaOptions deviceQuota) {
    public static final BerthExtensions NONE = new BerthExtensions(1);

    public BerthExtensions {
        deviceQuota = deviceQuota == null ? DeviceQuotaOptions.KUEUE : deviceQuota;
    }

    public BerthExtensions(int admissionsPerClusterQueue) {
        this(admissionsPerClusterQueue, null);
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
