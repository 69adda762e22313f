package io.berth.api.resource;

import java.math.BigDecimal;
import java.util.Map;

/** A set of shared counters (for example the memory and compute slices of one physical GPU). */
public record CounterSet(String name, Map<String, BigDecimal> counters) {
    public CounterSet {
        counters = Map.copyOf(counters);
    }
}
