package io.berth.core.workload;

import io.berth.api.config.DeviceClassMapping;
import io.berth.api.config.DeviceClassSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each DeviceClass of {@code resources.deviceClassMappings} charges: the resource of its first
 * mapping, and the counter sources (each with its own mapping's resource) and capacity sources of
 * every mapping that lists it.
 */
final class ClassMappings {
    /** A source of quota for a DeviceClass and the resource it charges. */
    record Source(String resource, DeviceClassSource source) {
    }

    private final Map<String, String> resourceOfClass = new HashMap<>();
    private final Map<String, List<Source>> counterSources = new HashMap<>();
    private final Map<String, List<Source>> capacitySources = new HashMap<>();

    ClassMappings(List<DeviceClassMapping> mappings) {
        for (DeviceClassMapping m : mappings) {
            for (String c : m.deviceClassNames()) {
                resourceOfClass.putIfAbsent(c, m.name());
                for (DeviceClassSource s : m.sources()) {
                    (s.kind() == DeviceClassSource.Kind.COUNTER ? counterSources : capacitySources)
                            .computeIfAbsent(c, k -> new ArrayList<>()).add(new Source(m.name(), s));
                }
            }
        }
    }

    boolean isEmpty() {
        return resourceOfClass.isEmpty();
    }

    /** The resource the class maps to, or null when unmapped. */
    String resourceOf(String deviceClass) {
        return resourceOfClass.get(deviceClass);
    }

    List<Source> counterSources(String deviceClass) {
        return counterSources.getOrDefault(deviceClass, List.of());
    }

    List<Source> capacitySources(String deviceClass) {
        return capacitySources.getOrDefault(deviceClass, List.of());
    }

    /** Whether the class is charged by sources rather than by count. */
    boolean hasSources(String deviceClass) {
        return counterSources.containsKey(deviceClass) || capacitySources.containsKey(deviceClass);
    }
}
