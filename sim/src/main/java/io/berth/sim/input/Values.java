package io.berth.sim.input;

import io.berth.api.Durations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** Small conversions shared by the readers. */
final class Values {
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    static final long MIB = 1L << 20;

    private Values() {
    }

    /**
     * Milliseconds of a duration: plain seconds ("90", "1.5") or a Go/Kubernetes duration ("90s",
     * "1m30s", "250ms"). Negative values are rejected.
     */
    static long offsetMillis(String text) {
        if (PLAIN_NUMBER.matcher(text).matches()) {
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.signum() < 0) {
                throw new IllegalArgumentException("expected a duration of at least 0, found " + text);
            }
            return secondsToMillis(seconds);
        }
        try {
            return Durations.parseMillis(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid duration \"" + text
                    + "\": expected seconds (90, 1.5) or a duration such as 90s, 1m30s or 1h");
        }
    }

    /** Seconds to milliseconds, a fraction of a millisecond rounded up. */
    static long secondsToMillis(BigDecimal seconds) {
        return seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static boolean isDnsLabel(String s) {
        return s.length() <= 63 && DNS_LABEL.matcher(s).matches();
    }

    static boolean isDnsSubdomain(String s) {
        return s.length() <= 253 && DNS_SUBDOMAIN.matcher(s).matches();
    }

    /**
     * A free-form value (a QoS class, a GPU model) as a Kubernetes object name: lower-cased, each
     * run of other characters than a-z, 0-9 and '-' replaced by '-', '-' trimmed from both ends,
     * at most 63 characters. Empty when nothing is left.
     */
    static String toName(String value) {
        String s = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 63) {
            s = s.substring(0, 63).replaceAll("-+$", "");
        }
        return s;
    }

    /** 64-bit FNV-1a of the UTF-8 bytes: a hash that is the same on every JVM and platform. */
    static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }
}
