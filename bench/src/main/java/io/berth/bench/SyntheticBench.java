package io.berth.bench;

import io.berth.api.config.Configuration;
import io.berth.sim.SimOptions;
import io.berth.sim.Simulator;
import io.berth.sim.input.QueueTemplates;
import io.berth.sim.model.SimInput;
import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimResult;
import io.berth.sim.model.SimWorkload;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A synthetic cluster at scale: N workloads (default 1,000,000) over Q tenant queues (1,000) in
 * one cohort on M nodes (10,000 nodes of 8 GPUs), seeded. Arrivals are Poisson at a rate that
 * keeps the GPUs about 75% busy; durations log-normal around 30 minutes; one to four pods of one
 * to eight GPUs, or CPU-only. Prints wall time, events per second and peak heap.
 * Usage: SyntheticBench [workloads] [queues] [nodes] [seed]; run with -Xmx4g to check the memory target.
 */
public final class SyntheticBench {
    private static final long GI = 1L << 30;
    private static final long MINUTE = 60_000L;

    private SyntheticBench() {
    }

    public static void main(String[] args) {
        int workloads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int queues = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int nodeCount = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        long buildStart = System.nanoTime();
        List<SimNode> nodes = nodes(nodeCount);
        List<String> tenants = IntStream.range(0, queues).mapToObj(i -> "tenant-" + i).toList();
        long gpus = nodes.stream().mapToLong(SimNode::gpus).sum();
        List<SimWorkload> trace = trace(workloads, tenants, gpus, seed);
        SimInput input = new SimInput(QueueTemplates.forTenants(tenants, "synthetic", nodes), Configuration.DEFAULT,
                nodes, trace);
        long built = (System.nanoTime() - buildStart) / 1_000_000;
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        SimResult result = new Simulator(input, SimOptions.DEFAULT).run();
        long wall = (System.nanoTime() - start) / 1_000_000;
        long cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long finished = result.workloads().stream().filter(w -> w.finished() >= 0).count();
        System.out.printf("workloads %d, queues %d, nodes %d: trace built in %d ms; simulated in %d ms (%d ms CPU), "
                        + "%d events (%.0f/s), %d cycles, %d finished, peak heap %d MiB (max %d MiB)%n",
                workloads, queues, nodeCount, built, wall, cpu, result.events(), result.events() * 1000.0 / Math.max(1, wall),
                result.cycles(), finished, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static List<SimNode> nodes(int count) {
        List<SimNode> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = String.format("node-%05d", i);
            boolean gpu = i % 10 != 9; // one node in ten has no GPUs
            Map<String, String> labels = gpu ? Map.of("kubernetes.io/hostname", name, SimNode.GPU_MODEL_LABEL, "A100")
                    : Map.of("kubernetes.io/hostname", name);
            nodes.add(new SimNode(name, labels, List.of(), 96_000, 768 * GI, gpu ? 8 : 0, gpu ? "A100" : null));
        }
        return nodes;
    }

    private static List<SimWorkload> trace(int count, List<String> tenants, long gpus, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // GPU-minutes per workload on average: 85% GPU jobs x 2.5 pods x 3.75 GPUs x 30 min x e^(0.6^2/2)
        // (the log-normal mean); this arrival rate keeps about 75% of the GPUs busy.
        double meanGpuMinutes = 0.85 * 2.5 * 3.75 * 30 * Math.exp(0.5 * 0.6 * 0.6);
        double perMinute = 0.75 * gpus / meanGpuMinutes;
        List<SimWorkload> out = new ArrayList<>(count);
        long t = 0;
        for (int i = 0; i < count; i++) {
            t += (long) (-Math.log(1 - random.nextDouble()) / perMinute * MINUTE);
            String tenant = tenants.get(random.nextInt(tenants.size()));
            int pods = 1 + random.nextInt(4);
            boolean gpu = random.nextDouble() < 0.85;
            long perPodGpus = gpu ? 1L << random.nextInt(4) : 0; // 1, 2, 4 or 8
            Map<String, Long> requests = gpu
                    ? Map.of("cpu", perPodGpus * 8_000, "memory", perPodGpus * 64 * GI * 1000, SimPodSet.GPU, perPodGpus * 1000)
                    : Map.of("cpu", 16_000L, "memory", 64 * GI * 1000);
            long duration = Math.max(MINUTE, (long) (30 * MINUTE * Math.exp(0.6 * gaussian(random))));
            out.add(new SimWorkload("synthetic", "job-" + i, tenant, random.nextInt(3) * 100, gpu ? "gpu" : "cpu", t,
                    duration, List.of(new SimPodSet("main", pods, null, requests, List.of(), Map.of(), List.of()))));
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
