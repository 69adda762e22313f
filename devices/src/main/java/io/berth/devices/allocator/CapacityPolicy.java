package io.berth.devices.allocator;

import io.berth.api.resource.CapacityRequestPolicy;
import io.berth.api.resource.DeviceCapacity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** How much of a device capacity one request consumes, and whether that amount is allowed by the policy. */
final class CapacityPolicy {
    private CapacityPolicy() {
    }

    /** The consumed amount: requested (rounded up by the policy), else the policy default, else the whole capacity. */
    static BigDecimal consumed(BigDecimal requested, DeviceCapacity capacity) {
        CapacityRequestPolicy p = capacity.requestPolicy();
        if (requested == null) {
            return p != null && p.defaultValue() != null ? p.defaultValue() : capacity.value();
        }
        if (p == null) {
            return requested;
        }
        if (p.hasRange()) {
            if (requested.compareTo(p.min()) < 0) {
                return p.min();
            }
            if (p.step() == null || p.step().signum() <= 0) {
                return requested;
            }
            BigDecimal steps = requested.subtract(p.min()).divide(p.step(), 0, RoundingMode.CEILING);
            return p.min().add(p.step().multiply(steps));
        }
        for (BigDecimal v : p.validValues()) {
            if (requested.compareTo(v) <= 0) {
                return v;
            }
        }
        return requested;
    }

    /** Whether a consumed amount breaks the policy (above max, off the step grid, not a valid value). */
    static boolean violates(BigDecimal amount, CapacityRequestPolicy p) {
        if (p == null) {
            return false;
        }
        if (p.defaultValue() != null && amount.compareTo(p.defaultValue()) == 0) {
            return false;
        }
        if (p.hasRange()) {
            if (p.max() != null && amount.compareTo(p.max()) > 0) {
                return true;
            }
            return p.step() != null && p.step().signum() > 0
                    && amount.subtract(p.min()).remainder(p.step()).signum() != 0;
        }
        return !p.validValues().isEmpty() && p.validValues().stream().noneMatch(v -> v.compareTo(amount) == 0);
    }
}
