package io.berth.sim.model;

/**
 * One stretch of running of a workload, from all pods started to finish or eviction; completed
 * is false when it was cut short (preempted or evicted: the work is lost).
 */
public record RunSegment(long startMillis, long endMillis, boolean completed) {
    public long durationMillis() {
        return endMillis - startMillis;
    }
}
