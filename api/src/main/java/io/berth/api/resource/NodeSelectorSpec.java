package io.berth.api.resource;

import io.berth.api.core.NodeSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * A v1 NodeSelector as ResourceSlices and allocation results use it: terms are ORed, and within a
 * term all matchExpressions (on labels) and matchFields (only metadata.name) must hold.
 */
public record NodeSelectorSpec(List<Term> terms) {
    public NodeSelectorSpec {
        terms = List.copyOf(terms);
    }

    public record Term(List<NodeSelectorRequirement> matchExpressions, List<NodeSelectorRequirement> matchFields) {
        public Term {
            matchExpressions = List.copyOf(matchExpressions);
            matchFields = List.copyOf(matchFields);
        }

        public boolean matches(Node node) {
            for (NodeSelectorRequirement r : matchExpressions) {
                if (!r.matches(node.metadata().labels())) {
                    return false;
                }
            }
            for (NodeSelectorRequirement r : matchFields) {
                if (!r.matches(Map.of("metadata.name", node.metadata().name()))) {
                    return false;
                }
            }
            return !matchExpressions.isEmpty() || !matchFields.isEmpty();
        }
    }

    public boolean matches(Node node) {
        return node != null && terms.stream().anyMatch(t -> t.matches(node));
    }
}
