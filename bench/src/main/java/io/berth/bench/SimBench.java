package io.berth.bench;

import io.berth.api.config.Configuration;
import io.berth.api.config.FairSharingConfig;
import io.berth.sim.SimOptions;
import io.berth.sim.Simulator;
import io.berth.sim.input.AlibabaTrace;
import io.berth.sim.input.BadRowPolicy;
import io.berth.sim.input.KueuePerfGenerator;
import io.berth.sim.input.QueueMapping;
import io.berth.sim.input.QueueTemplates;
import io.berth.sim.model.SimInput;
import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimResult;
import io.berth.sim.model.SimWorkload;
import io.berth.sim.place.Scorer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whole-run simulator figures: wall time, events per second, peak heap and the CPU time of the
 * scheduling cycles (p50/p99/max of all, and the slowest that preempted) for the Alibaba trace and
 * Kueue's perf configs. Usage: SimBench SHARED_DIR [repetitions] [run,run...] (alibaba,
 * alibaba-dra: the same with DRA device placement, baseline, large-scale, and baseline-fs,
 * large-scale-fs: those with fair sharing on; default all).
 */
public final class SimBench {
    // CPU time of the simulating thread: steadier than wall time on a machine shared with other work.
    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

    private SimBench() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<String> runs = args.length > 2 ? List.of(args[2].split(",")) : List.of("alibaba", "alibaba-dra", "baseline",
                "large-scale", "baseline-fs", "large-scale-fs");
        Path ali = shared.resolve("traces/alibaba-gpu-v2023");
        System.out.printf("%-14s %9s %7s %9s %9s %9s %9s %12s %10s  %-22s %s%n", "run", "workloads", "nodes", "events",
                "cycles", "wall ms", "cpu ms", "events/s", "peak MiB", "cycle cpu ms p50/p99/max", "preempting cycles");
        for (int r = 0; r < reps; r++) {
            if ((runs.contains("alibaba") || runs.contains("alibaba-dra")) && Files.isDirectory(ali)) {
                List<SimNode> nodes = AlibabaTrace.readNodes(ali.resolve("openb_node_list_all_node.csv"), BadRowPolicy.SKIP).items();
                QueueMapping mapping = QueueMapping.parse("column:qos", "default");
                List<SimWorkload> pods = AlibabaTrace.readPods(ali.resolve("openb_pod_list_default.csv"), mapping,
                        BadRowPolicy.SKIP).items();
                SimInput input = new SimInput(QueueTemplates.forTenants(mapping.localQueues(pods), "default", nodes),
                        io.berth.api.config.Configuration.DEFAULT, nodes, pods);
                if (runs.contains("alibaba")) {
                    run("alibaba", input, SimOptions.DEFAULT);
                }
                if (runs.contains("alibaba-dra")) {
                    run("alibaba-dra", input, new SimOptions(Scorer.LEAST_ALLOCATED, false, SimOptions.DevicePlacement.DRA));
                }
            }
            for (String name : runs.stream().filter(name -> !name.startsWith("alibaba")).toList()) {
                boolean fairSharing = name.endsWith("-fs");
                String config = fairSharing ? name.substring(0, name.length() - "-fs".length()) : name;
                Path gen = shared.resolve("perf/kueue-scheduler-configs/" + config + "/generator.yaml");
                if (Files.exists(gen)) {
                    run(name, perfInput(gen, fairSharing), SimOptions.DEFAULT);
                }
            }
        }
    }

    /** A Kueue perf config's objects and workloads, with fair sharing on (Kueue's default strategies) or off. */
    static SimInput perfInput(Path generator, boolean fairSharing) {
        SimInput input = KueuePerfGenerator.read(generator).toSimInput();
        return fairSharing ? new SimInput(input.queueObjects(), new Configuration(new FairSharingConfig(true, List.of())),
                input.nodes(), input.workloads()) : input;
    }

    private static void run(String name, SimInput input, SimOptions options) {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long cpuStart = THREAD.getCurrentThreadCpuTime();
        CycleTimes cycles = new CycleTimes();
        SimResult result = new Simulator(input, options).run(null, cycles);
        long wall = (System.nanoTime() - start) / 1_000_000;
        long cpu = (THREAD.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%-14s %9d %7d %9d %9d %9d %9d %12.0f %10d  %-22s %s%n", name, result.workloads().size(),
                input.nodes().size(), result.events(), result.cycles(), wall, cpu, result.events() * 1000.0 / Math.max(1, cpu),
                peak >> 20, cycles.allCycles(), cycles.preemptingCycles());
    }
}
