package io.berth.devices.cel;

import io.berth.api.resource.Device;
import io.berth.api.resource.DeviceAttribute;
import java.util.HashMap;
import java.util.Map;

/** Builds the CEL view of a ResourceSlice device: attribute values typed for CEL, capacities as quantities. */
public final class DeviceInputs {
    private DeviceInputs() {
    }

    public static DeviceInput of(String driver, Device device, boolean allowMultipleAllocations) {
        Map<String, Object> attributes = new HashMap<>();
        device.attributes().forEach((k, v) -> attributes.put(k, celValue(v)));
        Map<String, QuantityValue> capacity = new HashMap<>();
        device.capacity().forEach((k, v) -> capacity.put(k, new QuantityValue(v.value())));
        return new DeviceInput(driver, attributes, capacity, allowMultipleAllocations);
    }

    private static Object celValue(DeviceAttribute a) {
        if (a.versionValue() != null) {
            try {
                return SemverValue.parse(a.versionValue());
            } catch (IllegalArgumentException e) {
                return a.versionValue();
            }
        }
        return a.value();
    }
}
