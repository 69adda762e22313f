package io.berth.bench;

import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import io.berth.core.workload.WorkloadInfo;
import java.util.List;

/**
 * Drains a loaded engine: runs scheduling cycles and, before each next cycle, finishes (removes)
 * every workload the previous cycle admitted, until a cycle neither admits nor considers
 * anything. Decisions are admissions plus failed attempts (heads considered and left pending).
 */
public final class Drain {
    /** Virtual time between two cycles. */
    static final long CYCLE_MS = 100;

    private Drain() {
    }

    /** What a drain did; pendingLeft counts workloads still known to the engine at the end. */
    public record Result(long cycles, long admissions, long failedAttempts, long preemptions, long pendingLeft,
                         long nanos) {
        public long decisions() {
            return admissions + failedAttempts;
        }

        public double decisionsPerSecond() {
            return decisions() / (nanos / 1e9);
        }
    }

    /** Runs the drain; maxCycles guards against a queue that never empties. */
    public static Result run(Engine engine, long startMillis, long maxCycles) {
        long start = System.nanoTime();
        long now = startMillis;
        long cycles = 0;
        long admissions = 0;
        long failed = 0;
        long preemptions = 0;
        List<WorkloadInfo> finishing = List.of();
        while (cycles < maxCycles) {
            for (WorkloadInfo w : finishing) {
                engine.remove(w.key());
            }
            CycleResult r = engine.schedule(now);
            cycles++;
            admissions += r.admitted().size();
            failed += r.pending().size();
            preemptions += r.preempted().size();
            finishing = r.admitted();
            if (r.admitted().isEmpty() && r.pending().isEmpty() && r.preempted().isEmpty()) {
                break;
            }
            now += CYCLE_MS;
        }
        long nanos = System.nanoTime() - start;
        return new Result(cycles, admissions, failed, preemptions, engine.workloads().size(), nanos);
    }
}
