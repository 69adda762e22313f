package io.berth.devices.quota;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Whole units as Kueue charges them: quantities rounded up, negatives as 0, products saturating at Long.MAX_VALUE. */
final class Units {
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Units() {
    }

    static long of(BigDecimal value) {
        if (value.signum() < 0) {
            return 0;
        }
        BigDecimal up = value.setScale(0, RoundingMode.CEILING);
        return up.compareTo(MAX) > 0 ? Long.MAX_VALUE : up.longValueExact();
    }

    static long times(long units, long count) {
        if (count <= 1) {
            return units;
        }
        try {
            return Math.multiplyExact(units, count);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
