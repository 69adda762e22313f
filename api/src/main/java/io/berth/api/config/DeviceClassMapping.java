package io.berth.api.config;

import java.util.List;

/**
 * Kueue's {@code resources.deviceClassMappings} entry: devices of these DeviceClasses requested
 * through ResourceClaimTemplates count, one each, as the quota resource {@code name}.
 */
public record DeviceClassMapping(String name, List<String> deviceClassNames) {
    public DeviceClassMapping {
        deviceClassNames = List.copyOf(deviceClassNames);
    }
}
