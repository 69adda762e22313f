package io.berth.sim;

import io.berth.sim.place.Scorer;
import java.util.function.LongConsumer;

/**
 * How to simulate: the node scorer, all-or-nothing (gang) placement of a workload's pods, and a
 * progress callback receiving the number of workloads that arrived so far (may be null).
 */
public record SimOptions(Scorer scorer, boolean gang, LongConsumer progress) {
    public static final SimOptions DEFAULT = new SimOptions(Scorer.LEAST_ALLOCATED, false, null);
}
