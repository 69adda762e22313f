package io.berth.devices.cel;

import java.util.Map;

/**
 * What a CEL selector sees of one device: its driver, attributes (values are Long, Boolean, String or
 * {@link SemverValue}) and capacities, keyed by the names the ResourceSlice uses (qualified
 * "domain/id", or a bare id that belongs to the driver's domain), and allowMultipleAllocations.
 */
public record DeviceInput(String driver, Map<String, Object> attributes, Map<String, QuantityValue> capacity,
                          boolean allowMultipleAllocations) {
    public DeviceInput {
        attributes = Map.copyOf(attributes);
        capacity = Map.copyOf(capacity);
    }
}
