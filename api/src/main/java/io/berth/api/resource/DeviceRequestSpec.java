package io.berth.api.resource;

import io.berth.api.core.Toleration;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An exact request ({@code exactly}) or one {@code firstAvailable} alternative: class, selectors, mode
 * and count, adminAccess (never on alternatives), tolerations of device taints, and capacity requests.
 */
public record DeviceRequestSpec(String name, String deviceClassName, List<CelSelector> selectors,
                                AllocationMode allocationMode, long count, boolean adminAccess,
                                List<Toleration> tolerations, Map<String, BigDecimal> capacity) {
    public DeviceRequestSpec {
        selectors = List.copyOf(selectors);
        tolerations = List.copyOf(tolerations);
        capacity = Map.copyOf(capacity);
    }

    public static DeviceRequestSpec exact(String name, String deviceClassName, long count, String... selectors) {
        return new DeviceRequestSpec(name, deviceClassName, List.of(selectors).stream().map(CelSelector::new).toList(),
                AllocationMode.ExactCount, count, false, List.of(), Map.of());
    }
}
