package io.berth.api.resource;

import java.math.BigDecimal;
import java.util.List;

/**
 * How requests for a consumable capacity are rounded and checked: defaultValue when a request gives
 * none; then either validValues (ascending) or a validRange (min, optional max, optional step).
 */
public record CapacityRequestPolicy(BigDecimal defaultValue, List<BigDecimal> validValues, BigDecimal min,
                                    BigDecimal max, BigDecimal step) {
    public CapacityRequestPolicy {
        validValues = validValues == null ? List.of() : List.copyOf(validValues);
    }

    public boolean hasRange() {
        return min != null;
    }
}
