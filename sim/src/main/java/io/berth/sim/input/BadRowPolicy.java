package io.berth.sim.input;

/**
 * What a reader does with a row (or pool, or object) it cannot use. No row is ever dropped
 * silently: under {@link #SKIP} each skipped row comes back as a warning naming file and line.
 */
public enum BadRowPolicy {
    /** Leave the bad row out, report it in {@link ReadResult#warnings()} and go on. */
    SKIP,
    /** Read everything, then throw an {@code InputException} listing every bad row. */
    REJECT
}
