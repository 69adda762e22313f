package io.berth.core.cycle;

/** The order in which a cycle processes the heads it nominated. */
interface EntryOrder {
    /** The next head to process, or null when all were. */
    Entry next();

    /** Called after the head returned by {@link #next()} was processed (quota usage may have changed). */
    default void processed(Entry e) {
    }
}
