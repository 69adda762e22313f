package io.berth.api.core;

import java.util.List;

/** A node affinity expression: In, NotIn, Exists, DoesNotExist, Gt or Lt. */
public record NodeSelectorRequirement(String key, String operator, List<String> values) {
    public NodeSelectorRequirement {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public boolean matches(java.util.Map<String, String> labels) {
        String v = labels.get(key);
        return switch (operator) {
            case "In" -> v != null && values.contains(v);
            case "NotIn" -> v == null || !values.contains(v);
            case "Exists" -> v != null;
            case "DoesNotExist" -> v == null;
            case "Gt", "Lt" -> v != null && values.size() == 1 && compareInts(v, values.get(0));
            default -> false;
        };
    }

    private boolean compareInts(String label, String bound) {
        try {
            long l = Long.parseLong(label);
            long b = Long.parseLong(bound);
            return operator.equals("Gt") ? l > b : l < b;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
