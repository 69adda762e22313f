package io.berth.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ("500m", "2", "1.5e3", "1Gi") as exact milli-units in a long.
 * The engine keeps every resource amount in milli-units so cpu and memory share one arithmetic.
 */
public final class Quantity {
    private static final Pattern SHAPE = Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(.*)", Pattern.DOTALL);
    private static final Pattern EXPONENT = Pattern.compile("[eE]([+-]?[0-9]+)");
    private static final String SUFFIXES = "n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent such as e3";
    private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final Map<String, BigDecimal> MULTIPLIERS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("0.000000001")),
            Map.entry("u", new BigDecimal("0.000001")),
            Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.TEN.pow(3)),
            Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)),
            Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)),
            Map.entry("E", BigDecimal.TEN.pow(18)),
            Map.entry("Ki", binary(1)),
            Map.entry("Mi", binary(2)),
            Map.entry("Gi", binary(3)),
            Map.entry("Ti", binary(4)),
            Map.entry("Pi", binary(5)),
            Map.entry("Ei", binary(6)));
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    /** Beyond this decimal exponent the result is certainly out of range (or certainly below 1m). */
    private static final int MAX_EXPONENT = 64;

    private Quantity() {
    }

    private static BigDecimal binary(int power) {
        return new BigDecimal(BigInteger.ONE.shiftLeft(10 * power));
    }

    /**
     * Parses a quantity into milli-units. Fractions of a milli-unit round away from zero, as
     * Kubernetes' MilliValue does (0.1m is 1m). Amounts beyond a long saturate, as Kueue clamps a
     * quantity's value: such a request stays valid, and fits only under unlimited quota.
     *
     * @throws IllegalArgumentException on anything that is not a Kubernetes quantity
     */
    public static long parseMillis(String text) {
        return millis(parseUnits(text));
    }

    /**
     * Parses a quantity into units, exactly, past the range of a long too; an exponent beyond
     * &plusmn;64 counts as 65, which is far past it either way.
     *
     * @throws IllegalArgumentException on anything that is not a Kubernetes quantity
     */
    public static BigDecimal parseUnits(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("invalid quantity \"\": expected a number such as 500m, 2 or 1Gi");
        }
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid quantity " + quote(text)
                    + ": expected a number with an optional suffix (" + SUFFIXES + ")");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        BigDecimal multiplier = MULTIPLIERS.get(suffix);
        if (multiplier != null) {
            return number.multiply(multiplier);
        }
        Matcher e = EXPONENT.matcher(suffix);
        if (!e.matches()) {
            throw new IllegalArgumentException("invalid quantity " + quote(text) + ": unknown suffix " + quote(suffix)
                    + "; expected one of " + SUFFIXES);
        }
        // Parse the exponent as a BigInteger first so that "1e99999999999" cannot overflow int.
        BigInteger exponent = new BigInteger(e.group(1));
        int bounded = exponent.max(BigInteger.valueOf(-MAX_EXPONENT - 1)).min(BigInteger.valueOf(MAX_EXPONENT + 1))
                .intValue();
        return number.scaleByPowerOfTen(bounded);
    }

    /** Milli-units of a plain number of units, e.g. a YAML number given where a quantity is expected. */
    public static long toMillis(BigDecimal units) {
        return millis(units);
    }

    private static long millis(BigDecimal units) {
        BigDecimal millis = units.multiply(THOUSAND).setScale(0, RoundingMode.UP);
        if (millis.compareTo(LONG_MAX) > 0) {
            return Long.MAX_VALUE;
        }
        return millis.compareTo(LONG_MIN) < 0 ? Long.MIN_VALUE : millis.longValue();
    }

    /** a + b, saturating at the bounds of a long instead of wrapping around. */
    public static long add(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static final String[] DECIMAL = {"k", "M", "G", "T", "P", "E"};

    /**
     * Kubernetes' canonical form of an amount, as Kueue prints it in messages: cpu as a decimal
     * quantity ("500m", "2", "1k"); memory, ephemeral-storage and hugepages-* in the largest exact
     * binary unit ("1Gi", "1536Mi"), else decimal ("1G"); other resources decimal ("10k", "9500").
     */
    public static String format(long millis, String resourceName) {
        if (millis % 1000 != 0) {
            return millis + "m";
        }
        return formatUnits(millis / 1000, resourceName);
    }

    /** {@link #format} of a whole number of units. */
    static String formatUnits(long units, String resourceName) {
        return isBinary(resourceName) ? binary(units) : decimal(units);
    }

    private static String decimal(long v) {
        long unit = 1;
        int power = 0;
        while (power < DECIMAL.length && v % (unit * 1000) == 0 && v != 0) {
            unit *= 1000;
            power++;
        }
        return power == 0 ? Long.toString(v) : (v / unit) + DECIMAL[power - 1];
    }

    private static String binary(long v) {
        if (Math.abs(v) < 1024 || v % 1024 != 0) {
            return decimal(v);
        }
        int power = 0;
        long unit = 1;
        while (power < BINARY.length && v % (unit << 10) == 0) {
            unit <<= 10;
            power++;
        }
        return (v / unit) + BINARY[power - 1];
    }

    private static boolean isBinary(String resourceName) {
        return resourceName != null && (resourceName.equals("memory") || resourceName.equals("ephemeral-storage")
                || resourceName.startsWith("hugepages-"));
    }
}
