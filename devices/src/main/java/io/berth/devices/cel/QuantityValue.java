package io.berth.devices.cel;

import io.berth.api.resource.Quantities;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The value of CEL's {@code quantity()} and of {@code device.capacity[domain][id]}: an exact
 * Kubernetes quantity. Equality is numeric (1Gi equals 1073741824), as Kubernetes' Quantity.Equal.
 */
public final class QuantityValue implements Comparable<QuantityValue> {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final BigDecimal value;

    public QuantityValue(BigDecimal value) {
        this.value = Objects.requireNonNull(value);
    }

    /** Parses a quantity such as 500m, 2, 1.5Gi or 1e3; throws IllegalArgumentException with the reason. */
    public static QuantityValue parse(String text) {
        return new QuantityValue(Quantities.parse(text));
    }

    public static QuantityValue of(long units) {
        return new QuantityValue(BigDecimal.valueOf(units));
    }

    public BigDecimal value() {
        return value;
    }

    @Override
    public int compareTo(QuantityValue other) {
        return value.compareTo(other.value);
    }

    public QuantityValue add(QuantityValue other) {
        return new QuantityValue(value.add(other.value));
    }

    public QuantityValue sub(QuantityValue other) {
        return new QuantityValue(value.subtract(other.value));
    }

    public long sign() {
        return value.signum();
    }

    /** Whether the value is a whole number that fits a 64-bit integer (CEL's isInteger). */
    public boolean isInteger() {
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            return false;
        }
        BigInteger i = value.toBigInteger();
        return i.compareTo(LONG_MIN) >= 0 && i.compareTo(LONG_MAX) <= 0;
    }

    /** The value as an integer; throws ArithmeticException when it is fractional or out of range. */
    public long asInteger() {
        if (!isInteger()) {
            throw new ArithmeticException("cannot convert value to integer: " + this
                    + " is fractional or does not fit a 64-bit integer");
        }
        return value.longValueExact();
    }

    public double asApproximateFloat() {
        return value.doubleValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantityValue q && value.compareTo(q.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return Quantities.format(value);
    }
}
