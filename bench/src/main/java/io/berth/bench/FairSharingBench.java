package io.berth.bench;

import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import io.berth.sim.CycleListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Preemption at scale, fair-sharing or classical ({@link FairSharingShape}): fills the quota with
 * low-priority workloads by running cycles, lets the high-priority workloads arrive, then runs cycles (1 s
 * apart, nothing finishes) until one neither admits nor preempts, timing every cycle. Prints per
 * repetition the fill, the number of cycles, preemptions and admissions, and the cycle times
 * (mean / p50 / p99 / max, ms) of the cycles that preempted (also as CPU time) and of all cycles;
 * then per shape, over the second half of the repetitions (JIT-warm), the median CPU time of a
 * preempting cycle and the median of each repetition's slowest cycle.
 * <pre>
 * java -XX:+UseParallelGC -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp bench/target/benchmarks.jar \
 *     io.berth.bench.FairSharingBench [repetitions] [shape...]
 * </pre>
 * Shapes: fair-sharing-1000 (default), fair-sharing-1000-lower, fair-sharing-1000-sparse, fair-sharing-1000-flat,
 * classical-1000 (fair sharing off), fair-sharing-1000-evicting, fair-sharing-1000-evicting-quarter,
 * classical-1000-evicting-quarter, fair-sharing-1000-many, fair-sharing-100. Later
 * repetitions show JIT-warm numbers; {@code -Dberth.bench.verbose=true} prints every cycle. A heap
 * touched up front keeps the kernel's first-touch page faults out of the cycles timed.
 */
public final class FairSharingBench {
    /** -Dberth.bench.verbose=true prints every cycle after the arrival. */
    static final boolean VERBOSE = Boolean.getBoolean("berth.bench.verbose");
    /** Guards against a run that never settles. */
    static final int MAX_CYCLES = 10_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FairSharingBench() {
    }

    /**
     * What one run after the arrival did; cycle times in ns, of the cycles that preempted (wall and
     * this thread's CPU time, which other load on the machine disturbs less) and of all.
     */
    public record Run(int cycles, long preemptions, long admissions, long pendingLeft, long[] preemptingNanos,
                      long[] preemptingCpuNanos, long[] allNanos) {
    }

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<String> shapes = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("fair-sharing-1000");
        System.out.printf("%-24s %5s %4s %11s %7s %7s %11s %10s %8s  %-33s  %-33s  %-33s%n", "shape", "CQs", "rep",
                "fill cyc/ms", "cycles", "preempt", "preemptions", "admissions", "pending",
                "preempting cycles ms mean/p50/p99/max", "the same, CPU ms", "all cycles ms mean/p50/p99/max");
        Map<String, List<Run>> warm = new LinkedHashMap<>();
        for (int rep = 1; rep <= repetitions; rep++) {
            for (String name : shapes) {
                FairSharingShape shape = FairSharingShape.byName(name);
                Engine engine = new Engine(shape.configuration());
                engine.applyAll(shape.queues());
                engine.quotaTree();
                FairSharingShape.Fill fill = shape.fill(engine);
                Run run = afterArrival(shape, engine);
                System.out.printf("%-24s %5d %4d %5d/%-5d %7d %7d %11d %10d %8d  %-33s  %-33s  %-33s%n", name,
                        shape.clusterQueueCount(), rep, fill.cycles(), fill.nanos() / 1_000_000, run.cycles(),
                        run.preemptingNanos().length, run.preemptions(), run.admissions(), run.pendingLeft(),
                        summary(run.preemptingNanos()), summary(run.preemptingCpuNanos()), summary(run.allNanos()));
                if (rep > repetitions / 2) {
                    warm.computeIfAbsent(name, k -> new ArrayList<>()).add(run);
                }
            }
        }
        warm.forEach((name, runs) -> System.out.printf("%-24s warm repetitions %d-%d: preempting cycle CPU ms median %s,"
                + " slowest cycle of a repetition ms median %s%n", name, repetitions - runs.size() + 1,
                repetitions, median(runs.stream().flatMapToLong(r -> Arrays.stream(r.preemptingCpuNanos())).toArray()),
                median(runs.stream().mapToLong(r -> Arrays.stream(r.allNanos()).max().orElse(0)).toArray())));
    }

    /** The median in ms, or "-" when there is nothing: the summary over repetitions, steadier than any one. */
    static String median(long[] nanos) {
        if (nanos.length == 0) {
            return "-";
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%.2f", percentile(sorted, 50) / 1e6);
    }

    /** Applies the high-priority workloads to a filled engine and runs cycles until one neither admits nor preempts. */
    public static Run afterArrival(FairSharingShape shape, Engine engine) {
        return afterArrival(shape, engine, new CycleListener() {
            @Override
            public void beforeCycle() {
            }

            @Override
            public void afterCycle(CycleResult result) {
            }
        });
    }

    /** The same, telling listener about each cycle, outside the time measured. */
    public static Run afterArrival(FairSharingShape shape, Engine engine, CycleListener listener) {
        shape.markEvicting(engine);
        shape.highPriorityWorkloads().forEach(engine::apply);
        // A long-running engine's state lives in the old generation; a fresh one's is all young, and
        // the first collection would copy it all inside some timed cycle. Settle it first.
        System.gc();
        long now = FairSharingShape.ARRIVAL.toEpochMilli();
        List<Long> preempting = new ArrayList<>();
        List<Long> preemptingCpu = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        long preemptions = 0;
        long admissions = 0;
        int cycles = 0;
        while (cycles < MAX_CYCLES) {
            listener.beforeCycle();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            CycleResult r = engine.schedule(now);
            long nanos = System.nanoTime() - t0;
            long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpu0;
            listener.afterCycle(r);
            cycles++;
            all.add(nanos);
            if (!r.preempted().isEmpty()) {
                preempting.add(nanos);
                preemptingCpu.add(cpuNanos);
            }
            preemptions += r.preempted().size();
            admissions += r.admitted().size();
            if (VERBOSE) {
                System.out.printf("  cycle %3d: %9.2f ms (%.2f ms CPU), %5d admitted, %5d preempted, %5d pending heads%n",
                        cycles, nanos / 1e6, cpuNanos / 1e6, r.admitted().size(), r.preempted().size(),
                        r.pending().size());
            }
            if (r.admitted().isEmpty() && r.preempted().isEmpty()) {
                break;
            }
            now += 1000;
        }
        long pending = engine.workloads().stream().filter(w -> !w.isAdmitted()).count();
        return new Run(cycles, preemptions, admissions, pending, toArray(preempting), toArray(preemptingCpu),
                toArray(all));
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** "mean/p50/p99/max" in ms, or "-" when there is nothing. */
    static String summary(long[] nanos) {
        if (nanos.length == 0) {
            return "-";
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        return String.format("%.2f/%.2f/%.2f/%.2f", mean / 1e6, percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
