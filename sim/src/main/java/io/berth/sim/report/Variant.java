package io.berth.sim.report;

import io.berth.sim.model.SimResult;

/** One named simulation run (e.g. a policy variant on a shared trace) with its metrics. */
public record Variant(String name, SimResult result, Metrics metrics) {
    public Variant {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a variant needs a name");
        }
        if (result == null || metrics == null) {
            throw new IllegalArgumentException("variant " + name + ": result and metrics are required");
        }
    }

    /** A variant whose metrics are computed from the result (no fragmentation series). */
    public static Variant of(String name, SimResult result) {
        return new Variant(name, result, Metrics.compute(result));
    }
}
