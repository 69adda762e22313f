package io.berth.sim.input;

import io.berth.api.Quantity;
import io.berth.api.io.InputError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reading of one CSV row. Getters return null for empty or bad values and record each bad
 * value as an error naming file, line, column and what was expected; the row is usable only when
 * {@link #ok()}.
 */
final class RowCheck {
    private final CsvTable.Row row;
    private final List<InputError> errors = new ArrayList<>();
    private String object;

    RowCheck(CsvTable.Row row) {
        this.row = row;
    }

    /** Whether the row has as many values as the header has columns; reports it when not. */
    boolean sizeMatches(int columns) {
        if (row.size() != columns) {
            error(null, "has " + row.size() + " value" + (row.size() == 1 ? "" : "s") + " but the header has "
                    + columns + " columns");
            return false;
        }
        return true;
    }

    int line() {
        return row.line();
    }

    /** Names the row in its errors (e.g. the pod's name), from here on. */
    void object(String name) {
        this.object = name;
    }

    boolean ok() {
        return errors.isEmpty();
    }

    List<InputError> errors() {
        return errors;
    }

    void error(String column, String message) {
        errors.add(InputErrors.atLine(row.file(), row.line(), object, column, message));
    }

    /** The trimmed value, or null when the column is absent or the value empty. */
    String text(String column) {
        String v = row.values().get(column);
        return v == null || v.isEmpty() ? null : v;
    }

    String required(String column, String expected) {
        String v = text(column);
        if (v == null) {
            error(column, "empty; expected " + expected);
        }
        return v;
    }

    /** A whole number, at least min; null when empty (reported when required). */
    Long whole(String column, long min, boolean required) {
        String v = required ? required(column, "a whole number") : text(column);
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min) {
                error(column, "expected a whole number of at least " + min + ", found " + v);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            error(column, "expected a whole number, found \"" + v + "\"");
            return null;
        }
    }

    /** A decimal number of at least zero (e.g. seconds in a trace); null when empty. */
    BigDecimal nonNegative(String column, String what) {
        String v = text(column);
        if (v == null) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v);
            if (d.signum() < 0) {
                error(column, "expected " + what + " of at least 0, found " + v);
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            error(column, "expected " + what + " (a number), found \"" + v + "\"");
            return null;
        }
    }

    /** A Kubernetes quantity in milli-units, not negative; null when empty. */
    Long quantity(String column) {
        String v = text(column);
        if (v == null) {
            return null;
        }
        try {
            long q = Quantity.parseMillis(v);
            if (q < 0) {
                error(column, "expected a quantity of at least 0, found " + v);
                return null;
            }
            return q;
        } catch (IllegalArgumentException e) {
            error(column, e.getMessage());
            return null;
        }
    }

    /** A point in or span of virtual time: a duration ("1m30s") or plain seconds ("90", "1.5"). */
    Long offset(String column, boolean required) {
        String v = required ? required(column, "a duration such as 90, 1.5, 90s or 1m30s") : text(column);
        if (v == null) {
            return null;
        }
        try {
            return Values.offsetMillis(v);
        } catch (IllegalArgumentException e) {
            error(column, e.getMessage());
            return null;
        }
    }
}
