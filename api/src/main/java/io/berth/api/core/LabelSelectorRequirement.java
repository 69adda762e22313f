package io.berth.api.core;

import java.util.List;

/** One matchExpressions entry: operator In, NotIn, Exists or DoesNotExist. */
public record LabelSelectorRequirement(String key, String operator, List<String> values) {
    public LabelSelectorRequirement {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
