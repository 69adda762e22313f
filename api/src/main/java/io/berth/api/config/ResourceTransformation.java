package io.berth.api.config;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One of Kueue's Configuration {@code resources.transformations}: a pod's request of the input
 * resource also counts as the outputs, each so much per unit of input (times the pod's request of
 * multiplyBy, when it has one); replace: the input itself no longer counts (Kueue's strategy
 * Replace; Retain keeps it).
 */
public record ResourceTransformation(String input, boolean replace, String multiplyBy,
                                     Map<String, BigDecimal> outputs) {
    public ResourceTransformation {
        outputs = Map.copyOf(outputs);
    }
}
