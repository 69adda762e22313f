package io.berth.bench;

import io.berth.api.KubeObject;
import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * One scheduling cycle with fair-sharing preemption at 1,000 ClusterQueues
 * ({@link FairSharingShape}). Once per trial the quota is filled with low-priority workloads by
 * running cycles and the result is kept as Workload objects holding quota; every invocation then
 * gets a fresh engine loaded with that state plus the pending high-priority arrivals (not
 * measured), and the benchmark is the first cycle after the arrival, in which every
 * ClusterQueue's head needs preemption.
 * <p>
 * Run: {@code java -jar bench/target/benchmarks.jar FairSharingBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class FairSharingBenchmark {
    @Param({"fair-sharing-1000"})
    public String shape;

    private FairSharingShape fairSharingShape;
    private List<KubeObject> state;
    private Engine engine;

    @Setup(Level.Trial)
    public void fill() {
        fairSharingShape = FairSharingShape.byName(shape);
        Engine filled = new Engine(fairSharingShape.configuration());
        filled.applyAll(fairSharingShape.queues());
        fairSharingShape.fill(filled);
        state = new ArrayList<>(fairSharingShape.queues());
        state.addAll(FairSharingShape.admittedSnapshot(filled));
        state.addAll(fairSharingShape.highPriorityWorkloads());
        CycleResult first = load().schedule(FairSharingShape.ARRIVAL.toEpochMilli());
        if (first.preempted().isEmpty()) {
            throw new IllegalStateException(shape + ": the first cycle after the arrival preempts nothing");
        }
    }

    private Engine load() {
        Engine e = new Engine(fairSharingShape.configuration());
        e.applyAll(state);
        e.quotaTree(); // builds the tree and queues now, outside the measurement
        return e;
    }

    @Setup(Level.Invocation)
    public void loadState() {
        engine = load();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public CycleResult preemptingCycle() {
        return engine.schedule(FairSharingShape.ARRIVAL.toEpochMilli());
    }
}
