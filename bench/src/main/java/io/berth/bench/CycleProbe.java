package io.berth.bench;

import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import io.berth.core.preempt.Target;
import io.berth.core.workload.WorkloadInfo;
import io.berth.sim.CycleListener;
import io.berth.sim.SimOptions;
import io.berth.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One run of the engine, each cycle's CPU time recorded and every decision folded into a digest,
 * for {@link BuildComparison} to compare two builds: the digests tell whether they decide alike,
 * the times which is faster. A run is a Kueue perf config's simulation (a generator.yaml path,
 * ":fs" appended for fair sharing on) or a {@link FairSharingShape} from its arrival on.
 */
public final class CycleProbe implements CycleListener {
    /** Appended to a generator.yaml path: the run with fair sharing on. */
    private static final String FAIR_SHARING = ":fs";
    private final CycleTimes times = new CycleTimes();
    private long digest = 17;

    private CycleProbe() {
    }

    /** What is wrong with the name of a run, or null when it names one. */
    public static String problemWith(String run) {
        if (isPerfConfig(run)) {
            Path generator = generatorOf(run);
            return Files.isRegularFile(generator) ? null : generator + ": no such generator.yaml";
        }
        try {
            FairSharingShape.byName(run);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage() + ", or a perf config's generator.yaml (\":fs\" appended: fair sharing on)";
        }
    }

    private static boolean isPerfConfig(String run) {
        return run.endsWith(".yaml") || run.endsWith(".yaml" + FAIR_SHARING);
    }

    private static Path generatorOf(String run) {
        return Path.of(run.endsWith(FAIR_SHARING) ? run.substring(0, run.length() - FAIR_SHARING.length()) : run);
    }

    /**
     * Runs it; returns {digest, cycles, the slowest cycle's CPU ns, the preempting cycles' CPU ns,
     * all cycles' CPU ns}: plain values, read alike whichever class loader ran the probe.
     */
    public static long[] run(String run) {
        CycleProbe probe = new CycleProbe();
        if (isPerfConfig(run)) {
            new Simulator(SimBench.perfInput(generatorOf(run), run.endsWith(FAIR_SHARING)), SimOptions.DEFAULT)
                    .run(null, probe);
        } else {
            FairSharingShape shape = FairSharingShape.byName(run);
            Engine engine = new Engine(shape.configuration());
            engine.applyAll(shape.queues());
            shape.fill(engine);
            FairSharingBench.afterArrival(shape, engine, probe);
        }
        CycleTimes times = probe.times;
        return new long[] {probe.digest, times.count(), times.slowest(), times.preemptingTotal(), times.total()};
    }

    @Override
    public void beforeCycle() {
        times.beforeCycle();
    }

    @Override
    public void afterCycle(CycleResult result) {
        times.afterCycle(result); // first: the digest's work is not the cycle's
        for (WorkloadInfo w : result.admitted()) {
            fold(w.key());
            fold(w.admission().clusterQueue());
        }
        for (Target t : result.preempted()) {
            fold(t.workload().key());
            fold(t.reason());
        }
        digest = digest * 31 + result.pending().size();
    }

    private void fold(String s) {
        digest = digest * 31 + s.hashCode();
    }
}
