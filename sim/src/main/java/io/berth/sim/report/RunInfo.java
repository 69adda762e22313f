package io.berth.sim.report;

/**
 * The run: start and end (virtual epoch ms), scheduling cycles and events, workloads, and Kueue's
 * wall time (run start to the last finish, ms; null when nothing finished).
 */
public record RunInfo(long startMillis, long endMillis, long cycles, long events, int workloads, Long wallMillis) {
    public double durationSeconds() {
        return (endMillis - startMillis) / 1000.0;
    }
}
