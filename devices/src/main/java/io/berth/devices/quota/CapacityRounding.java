package io.berth.devices.quota;

import io.berth.api.resource.CapacityRequestPolicy;
import io.berth.api.resource.DeviceCapacity;
import java.math.BigDecimal;

/**
 * What a consumable-capacity request is charged on one device, as Kueue's capacity source rounds
 * it: the request (else the policy's default, else the whole capacity), raised to the smallest valid
 * value, or in a valid range to at least min and onto min + n*step (in whole units). Null when the
 * device's policy cannot take it (above every valid value, or above max).
 */
final class CapacityRounding {
    private CapacityRounding() {
    }

    static BigDecimal charge(DeviceCapacity capacity, BigDecimal requested) {
        CapacityRequestPolicy policy = capacity.requestPolicy();
        BigDecimal base = requested != null ? requested
                : policy != null && policy.defaultValue() != null ? policy.defaultValue() : capacity.value();
        if (policy == null) {
            return base;
        }
        if (!policy.validValues().isEmpty()) {
            for (BigDecimal v : policy.validValues()) {
                if (v.compareTo(base) >= 0) {
                    return v;
                }
            }
            return null;
        }
        if (policy.hasRange()) {
            return inRange(base, policy);
        }
        return base;
    }

    private static BigDecimal inRange(BigDecimal base, CapacityRequestPolicy policy) {
        long value = Units.of(base);
        long min = Units.of(policy.min());
        value = Math.max(value, min);
        if (policy.step() != null) {
            long step = Units.of(policy.step());
            if (step > 0) {
                long offset = value - min;
                if (offset % step != 0) {
                    value = saturatingAdd(min, Units.times(offset / step + 1, step));
                }
            }
        }
        if (policy.max() != null && value > Units.of(policy.max())) {
            return null;
        }
        return BigDecimal.valueOf(value);
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
