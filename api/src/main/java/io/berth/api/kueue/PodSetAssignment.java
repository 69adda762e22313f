package io.berth.api.kueue;

import java.util.Map;

/** status.admission.podSetAssignments[]: flavor per resource, total usage (milli-units), pod count. */
public record PodSetAssignment(String name, Map<String, String> flavors, Map<String, Long> resourceUsage, Integer count) {
    public PodSetAssignment {
        flavors = flavors == null ? Map.of() : Map.copyOf(flavors);
        resourceUsage = resourceUsage == null ? Map.of() : Map.copyOf(resourceUsage);
    }
}
