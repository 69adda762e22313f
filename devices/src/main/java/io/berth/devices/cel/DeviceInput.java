package io.berth.devices.cel;

import java.util.Map;

/**
 * What a CEL selector sees of one device: its driver, attributes (values are Long, Boolean, String or
 * {@link SemverValue}) and capacities, keyed by the names the ResourceSlice uses (qualified
 * "domain/id", or a bare id that belongs to the driver's domain), and allowMultipleAllocations. The
 * CEL variable built from it is made once and reused for every selector.
 */
public final class DeviceInput {
    private final String driver;
    private final Map<String, Object> attributes;
    private final Map<String, QuantityValue> capacity;
    private final boolean allowMultipleAllocations;
    private Map<String, Object> activation;

    public DeviceInput(String driver, Map<String, Object> attributes, Map<String, QuantityValue> capacity,
                       boolean allowMultipleAllocations) {
        this.driver = driver;
        this.attributes = Map.copyOf(attributes);
        this.capacity = Map.copyOf(capacity);
        this.allowMultipleAllocations = allowMultipleAllocations;
    }

    public String driver() {
        return driver;
    }

    public Map<String, Object> attributes() {
        return attributes;
    }

    public Map<String, QuantityValue> capacity() {
        return capacity;
    }

    public boolean allowMultipleAllocations() {
        return allowMultipleAllocations;
    }

    /** The variables of an evaluation: {@code device} as a map of its four fields. */
    Map<String, Object> activation() {
        if (activation == null) {
            activation = Map.of("device", Map.of(
                    "driver", driver,
                    "attributes", DomainMap.of(driver, attributes),
                    "capacity", DomainMap.of(driver, capacity),
                    "allowMultipleAllocations", allowMultipleAllocations));
        }
        return activation;
    }
}
