package io.berth.sim.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formatting shared by the writers: fixed rounding, no locale surprises. */
final class Fmt {
    private Fmt() {
    }

    /** x rounded half-up to the given decimals, trailing zeros stripped; null for null or non-finite. */
    static BigDecimal round(Double x, int decimals) {
        if (x == null || x.isNaN() || x.isInfinite()) {
            return null;
        }
        BigDecimal d = BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? BigDecimal.ZERO : d;
    }

    /** x with the given decimals for tables, "-" for null. */
    static String fixed(Double x, int decimals) {
        if (x == null || x.isNaN() || x.isInfinite()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", x);
    }

    /** Milliseconds as exact seconds ("1.5", "2", "0.001"). */
    static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }
}
