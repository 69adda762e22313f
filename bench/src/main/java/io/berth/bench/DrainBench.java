package io.berth.bench;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.core.Engine;
import java.util.List;

/**
 * Loads each of Kueue's performance shapes into a fresh engine and drains it once (see
 * {@link Drain}), printing one line per shape.
 * <pre>
 * java -cp bench/target/benchmarks.jar io.berth.bench.DrainBench [repetitions] [shape...]
 * </pre>
 * With repetitions &gt; 1 every shape is drained that many times (fresh engine each time), which
 * shows the JIT-warm numbers in the later lines.
 */
public final class DrainBench {
    private DrainBench() {
    }

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        List<String> shapes = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("baseline", "large-scale");
        System.out.printf("%-12s %5s %9s %8s %7s %10s %8s %8s %9s %9s %12s%n", "shape", "CQs", "workloads",
                "load ms", "cycles", "admissions", "failed", "left", "preempted", "wall ms", "decisions/s");
        for (int rep = 0; rep < repetitions; rep++) {
            for (String name : shapes) {
                PerfShapes shape = PerfShapes.byName(name);
                List<KubeObject> objects = shape.allObjects();
                long t0 = System.nanoTime();
                Engine engine = new Engine(Configuration.DEFAULT);
                engine.applyAll(objects);
                engine.quotaTree();
                long loadMs = (System.nanoTime() - t0) / 1_000_000;
                Drain.Result r = Drain.run(engine, PerfShapes.EPOCH.toEpochMilli(), 1_000_000);
                System.out.printf("%-12s %5d %9d %8d %7d %10d %8d %8d %9d %9d %12.0f%n", name,
                        shape.clusterQueueCount(), shape.workloadCount(), loadMs, r.cycles(), r.admissions(),
                        r.failedAttempts(), r.pendingLeft(), r.preemptions(), r.nanos() / 1_000_000,
                        r.decisionsPerSecond());
            }
        }
    }
}
