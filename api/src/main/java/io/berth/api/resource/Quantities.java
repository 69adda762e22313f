package io.berth.api.resource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Exact parsing and canonical formatting of Kubernetes quantities as BigDecimal (no range limit but Kubernetes'). */
public final class Quantities {
    private static final Pattern SYNTAX = Pattern.compile("([+-]?)(\\d+\\.?\\d*|\\.\\d+)(.*)");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", binary(10)), Map.entry("Mi", binary(20)), Map.entry("Gi", binary(30)),
            Map.entry("Ti", binary(40)), Map.entry("Pi", binary(50)), Map.entry("Ei", binary(60)));
    private static final Pattern EXPONENT = Pattern.compile("[eE]([+-]?\\d+)");
    /** Kubernetes caps quantities at 2^63-1 units (and 1n precision); beyond that input is refused. */
    private static final BigDecimal MAX = new BigDecimal(Long.MAX_VALUE);

    private Quantities() {
    }

    private static BigDecimal binary(int shift) {
        return new BigDecimal(BigInteger.ONE.shiftLeft(shift));
    }

    /** Parses a Kubernetes quantity exactly; throws IllegalArgumentException saying what was expected. */
    public static BigDecimal parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.strip());
        if (text == null || !text.equals(text.strip()) || !m.matches()) {
            throw invalid(text);
        }
        BigDecimal number = new BigDecimal(m.group(2).endsWith(".") ? m.group(2) + "0" : m.group(2));
        String suffix = m.group(3);
        BigDecimal factor = SUFFIXES.get(suffix);
        if (factor == null) {
            Matcher e = EXPONENT.matcher(suffix);
            if (!e.matches() || e.group(1).replaceFirst("^[+-]", "").length() > 3) {
                throw invalid(text);
            }
            factor = BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(e.group(1)));
        }
        BigDecimal value = number.multiply(factor);
        if (m.group(1).equals("-")) {
            value = value.negate();
        }
        if (value.abs().compareTo(MAX) > 0) {
            throw new IllegalArgumentException("quantity \"" + text + "\" is too large: Kubernetes allows at most "
                    + Long.MAX_VALUE + " units");
        }
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    /** A short canonical spelling: whole numbers with binary (Gi) or decimal (k) suffixes when exact, else decimals. */
    public static String format(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.signum() == 0) {
            return "0";
        }
        if (v.scale() <= 0) {
            BigInteger i = v.toBigIntegerExact();
            String[] bin = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
            int[] shifts = {60, 50, 40, 30, 20, 10};
            for (int k = 0; k < bin.length; k++) {
                BigInteger unit = BigInteger.ONE.shiftLeft(shifts[k]);
                if (i.abs().compareTo(unit) >= 0 && i.mod(unit).signum() == 0) {
                    return i.divide(unit) + bin[k];
                }
            }
            return i.toString();
        }
        if (v.scale() <= 3) {
            return v.movePointRight(3).toBigInteger() + "m";
        }
        return v.toPlainString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid quantity \"" + text + "\": expected a number with an optional suffix"
                + " (n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent such as e3)");
    }
}
