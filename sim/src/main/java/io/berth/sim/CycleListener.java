package io.berth.sim;

import io.berth.core.cycle.CycleResult;

/**
 * Told around every scheduling cycle a simulation runs, for measuring the cycles themselves
 * (how long one takes is not part of a simulation's result, which depends on its input alone).
 */
public interface CycleListener {
    /** A cycle is about to run. */
    void beforeCycle();

    /** The cycle just run, and what it did. */
    void afterCycle(CycleResult result);
}
