package io.berth.sim;

import io.berth.sim.place.Scorer;

/**
 * How to simulate: the node scorer, all-or-nothing (gang) placement of a workload's pods, and how
 * GPUs are placed: COUNT (free milli per GPU, the default) or DRA (ResourceSlices, ResourceClaims
 * and the structured allocator, see {@link io.berth.sim.devices.DraDevices}).
 */
public record SimOptions(Scorer scorer, boolean gang, DevicePlacement devices) {
    public static final SimOptions DEFAULT = new SimOptions(Scorer.LEAST_ALLOCATED, false);

    /** How GPU pods get their GPUs. */
    public enum DevicePlacement { COUNT, DRA }

    public SimOptions(Scorer scorer, boolean gang) {
        this(scorer, gang, DevicePlacement.COUNT);
    }

    public SimOptions {
        if (devices == null) {
            throw new IllegalArgumentException("devices: expected COUNT or DRA");
        }
    }
}
