package io.berth.sim.input;

import io.berth.api.io.InputError;

/**
 * Errors of line-oriented inputs (CSV). {@link InputError} has no line field, so the 1-based line
 * goes into its {@code document} field (for programs) and, as "line N", at the start of the
 * message (for people); the field is the column.
 */
public final class InputErrors {
    private InputErrors() {
    }

    /**
     * An error at a line of a file: {@code pods.csv: document 12: openb-pod-0061: scheduled_time: line 12: ...}
     * when printed. object (e.g. the row's name) and column may be null.
     */
    public static InputError atLine(String file, int line, String object, String column, String message) {
        return new InputError(file, line, object, column, line > 0 ? "line " + line + ": " + message : message);
    }

    /** An error about a whole file (unreadable, bad header): no line. */
    public static InputError inFile(String file, String message) {
        return new InputError(file, 0, null, null, message);
    }
}
