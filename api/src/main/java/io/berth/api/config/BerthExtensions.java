package io.berth.api.config;

/**
 * Opt-in behaviour beyond Kueue (Configuration key "berth"). admissionsPerClusterQueue: how many
 * workloads one ClusterQueue may admit in a single cycle (Kueue: 1); the result is the same as
 * running that many cycles one after the other.
 */
public record BerthExtensions(int admissionsPerClusterQueue) {
    public static final BerthExtensions NONE = new BerthExtensions(1);
}
