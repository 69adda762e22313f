package io.berth.api.resource;

import java.math.BigDecimal;
import java.util.Map;

/** The counters a partition device takes from one counter set of its pool while it is allocated. */
public record CounterConsumption(String counterSet, Map<String, BigDecimal> counters) {
    public CounterConsumption {
        counters = Map.copyOf(counters);
    }
}
