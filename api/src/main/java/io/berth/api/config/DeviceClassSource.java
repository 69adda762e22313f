package io.berth.api.config;

/**
 * Kueue's {@code DeviceClassSourceConfig}: one source of a device class mapping's quota. A
 * {@link Kind#COUNTER} source charges the value of the counter {@code name} that the matching
 * devices of {@code driver} consume (partitionable devices); a {@link Kind#CAPACITY} source charges
 * the capacity {@code name} that a request takes of the matching devices (consumable capacity).
 * Devices match when {@code deviceSelector} (a CEL expression) is true for them.
 */
public record DeviceClassSource(Kind kind, String name, String driver, String deviceSelector) {
    public enum Kind {
        COUNTER, CAPACITY
    }
}
