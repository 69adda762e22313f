package io.berth.api.core;

import java.util.List;
import java.util.Map;

/** A required node affinity term: all expressions must match (terms are ORed). */
public record NodeSelectorTerm(List<NodeSelectorRequirement> matchExpressions) {
    public NodeSelectorTerm {
        matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
    }

    public boolean matches(Map<String, String> labels) {
        for (NodeSelectorRequirement r : matchExpressions) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
