package io.berth.sim.input;

import io.berth.api.io.InputError;
import java.util.List;

/**
 * What a reader produced: the items in order, the problems of the rows it skipped (one entry per
 * problem; each names file, line, column and what was expected) and how many rows were skipped.
 * Under {@link BadRowPolicy#REJECT} warnings are empty: a bad row throws instead.
 */
public record ReadResult<T>(List<T> items, List<InputError> warnings, int skippedRows) {
    public ReadResult {
        items = List.copyOf(items);
        warnings = List.copyOf(warnings);
    }
}
