package io.berth.api.resource;

import java.math.BigDecimal;

/** One capacity of a device (exact quantity) and, for shared devices, how requests consume it. */
public record DeviceCapacity(BigDecimal value, CapacityRequestPolicy requestPolicy) {
}
