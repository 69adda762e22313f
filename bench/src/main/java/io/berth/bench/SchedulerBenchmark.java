package io.berth.bench;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scheduling on Kueue's performance-test shapes ({@link PerfShapes}): every invocation gets a
 * freshly loaded engine (objects applied, quota tree and queues built; not measured).
 * <ul>
 *   <li>{@link #firstCycle}: one scheduling cycle over all ClusterQueues' heads;</li>
 *   <li>{@link #drain}: cycles until nothing is pending, finishing each cycle's admissions before
 *       the next; besides drains/s it reports decisions/s (admissions + failed attempts),
 *       admissions/s and cycles/s as auxiliary counters.</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar SchedulerBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class SchedulerBenchmark {
    @Param({"baseline", "large-scale"})
    public String shape;

    private List<KubeObject> objects;
    private Engine engine;

    /** Per-iteration counters of the drain benchmark, reported by JMH per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class DrainCounters {
        public long decisions;
        public long admissions;
        public long cycles;

        @Setup(Level.Iteration)
        public void reset() {
            decisions = 0;
            admissions = 0;
            cycles = 0;
        }
    }

    @Setup(Level.Trial)
    public void generate() {
        objects = PerfShapes.byName(shape).allObjects();
    }

    @Setup(Level.Invocation)
    public void load() {
        engine = new Engine(Configuration.DEFAULT);
        engine.applyAll(objects);
        engine.quotaTree(); // builds the tree and queues now, outside the measurement
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public CycleResult firstCycle() {
        return engine.schedule(PerfShapes.EPOCH.toEpochMilli());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Drain.Result drain(DrainCounters counters) {
        Drain.Result r = Drain.run(engine, PerfShapes.EPOCH.toEpochMilli(), 1_000_000);
        counters.decisions += r.decisions();
        counters.admissions += r.admissions();
        counters.cycles += r.cycles();
        return r;
    }
}
