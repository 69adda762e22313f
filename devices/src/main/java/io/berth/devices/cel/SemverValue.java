package io.berth.devices.cel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version (semver 2.0.0): the value of CEL's {@code semver()} and of version attributes.
 * Ordering follows semver precedence (build metadata ignored); equality is precedence equality.
 */
public final class SemverValue implements Comparable<SemverValue> {
    private static final String NUM = "(0|[1-9]\\d*)";
    private static final String IDENT = "(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
    private static final Pattern SEMVER = Pattern.compile(NUM + "\\." + NUM + "\\." + NUM
            + "(?:-(" + IDENT + "(?:\\." + IDENT + ")*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    private final long major;
    private final long minor;
    private final long patch;
    private final List<String> pre;
    private final String text;

    private SemverValue(long major, long minor, long patch, List<String> pre, String text) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.pre = pre;
        this.text = text;
    }

    /** Parses a strict semver 2.0.0 string; throws IllegalArgumentException saying what was expected. */
    public static SemverValue parse(String text) {
        Matcher m = SEMVER.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid semantic version \"" + text
                    + "\": expected MAJOR.MINOR.PATCH with optional -prerelease and +build (semver 2.0.0)");
        }
        try {
            List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
            return new SemverValue(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)), pre, text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid semantic version \"" + text + "\": number too large");
        }
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public long major() {
        return major;
    }

    public long minor() {
        return minor;
    }

    public long patch() {
        return patch;
    }

    @Override
    public int compareTo(SemverValue o) {
        int c = Long.compare(major, o.major);
        if (c == 0) {
            c = Long.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, o.patch);
        }
        if (c != 0) {
            return c;
        }
        if (pre.isEmpty() || o.pre.isEmpty()) {
            return Boolean.compare(pre.isEmpty(), o.pre.isEmpty());
        }
        for (int i = 0; i < Math.min(pre.size(), o.pre.size()); i++) {
            c = comparePart(pre.get(i), o.pre.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pre.size(), o.pre.size());
    }

    private static int comparePart(String a, String b) {
        boolean an = a.chars().allMatch(Character::isDigit);
        boolean bn = b.chars().allMatch(Character::isDigit);
        if (an && bn) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.compareTo(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SemverValue s && compareTo(s) == 0;
    }

    @Override
    public int hashCode() {
        List<Object> key = new ArrayList<>(List.of(major, minor, patch));
        key.addAll(pre);
        return key.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
