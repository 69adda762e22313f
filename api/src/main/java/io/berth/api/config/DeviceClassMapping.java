package io.berth.api.config;

import java.util.List;

/**
 * Kueue's {@code resources.deviceClassMappings} entry: devices of these DeviceClasses requested
 * through ResourceClaimTemplates count as the quota resource {@code name}: one each, or, with
 * {@code sources}, the counters or capacity they take.
 */
public record DeviceClassMapping(String name, List<String> deviceClassNames, List<DeviceClassSource> sources) {
    public DeviceClassMapping {
        deviceClassNames = List.copyOf(deviceClassNames);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public DeviceClassMapping(String name, List<String> deviceClassNames) {
        this(name, deviceClassNames, List.of());
    }

    /** The counter name of the first source when it is a counter source, else null (Kueue's rule for sharing a class). */
    public String firstCounter() {
        return !sources.isEmpty() && sources.get(0).kind() == DeviceClassSource.Kind.COUNTER ? sources.get(0).name() : null;
    }
}
