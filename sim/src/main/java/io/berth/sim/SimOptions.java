package io.berth.sim;

import io.berth.sim.place.Scorer;

/** How to simulate: the node scorer, and all-or-nothing (gang) placement of a workload's pods. */
public record SimOptions(Scorer scorer, boolean gang) {
    public static final SimOptions DEFAULT = new SimOptions(Scorer.LEAST_ALLOCATED, false);
}
