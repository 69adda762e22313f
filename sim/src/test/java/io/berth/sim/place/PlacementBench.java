package io.berth.sim.place;

import io.berth.api.core.Taint;
import io.berth.api.core.Toleration;
import io.berth.sim.model.SimNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Placement throughput (a main, not a test): 1,000,000 pods on 10,000 nodes under each
 * scorer, with releases keeping cpu and GPUs about 90% used: "mixed" has nodes of 5 shapes
 * (cpu-only, 8 x A100, 4 x T4; zones, GPU taints) and 300 pod shapes with independent cpu and
 * memory (60% cpu-only, 20% whole GPUs, 20% GPU shares; some with zone selectors or GPU
 * models), "kueue" has Kueue's performance-test pods (1, 5 or 20 cpus) on nodes of 2 shapes. Then, given the Alibaba trace folder, its 8,152 pods on its 1,523 nodes in creation
 * order, each released at its deletion time.
 *
 * <pre>
 * mvn -q -o install -pl sim -am -DskipTests &amp;&amp; mvn -q -o -pl sim test-compile
 * java -cp sim/target/test-classes:sim/target/classes:api/target/classes:core/target/classes \
 *     io.berth.sim.place.PlacementBench [pods] [nodes] [alibaba-trace-dir]
 * </pre>
 *
 * <p>Each line gives wall and thread cpu time (the latter less disturbed by other work on the
 * machine). A first round at a tenth of the pods warms the JIT up.
 */
public final class PlacementBench {
    private static final long GI = 1L << 30;

    private PlacementBench() {
    }

    public static void main(String[] args) throws IOException {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        for (int round = 0; round < 2; round++) {
            System.out.println(round == 0 ? "warm-up" : "measured");
            for (boolean kueue : new boolean[] {false, true}) {
                for (Scorer s : Scorer.values()) {
                    synthetic(round == 0 ? pods / 10 : pods, nodes, s, kueue);
                }
            }
        }
        if (args.length > 2) {
            for (int round = 0; round < 3; round++) {
                for (Scorer s : Scorer.values()) {
                    alibaba(Path.of(args[2]), s);
                }
            }
        }
    }

    static List<SimNode> syntheticNodes(int count, Random rnd) {
        List<SimNode> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = "node-" + i;
            Map<String, String> labels = new HashMap<>();
            labels.put("kubernetes.io/hostname", name);
            labels.put("zone", "z" + rnd.nextInt(3));
            int kind = rnd.nextInt(10);
            if (kind < 5) {
                int size = 1 << rnd.nextInt(3);
                nodes.add(new SimNode(name, labels, List.of(), 32_000L * size, 128 * GI * size, 0, null));
            } else if (kind < 8) {
                labels.put(SimNode.GPU_MODEL_LABEL, "A100");
                nodes.add(new SimNode(name, labels, List.of(new Taint("nvidia.com/gpu", "", "NoSchedule")), 96_000,
                        768 * GI, 8, "A100"));
            } else {
                labels.put(SimNode.GPU_MODEL_LABEL, "T4");
                nodes.add(new SimNode(name, labels, List.of(new Taint("nvidia.com/gpu", "", "NoSchedule")), 32_000,
                        128 * GI, 4, "T4"));
            }
        }
        return nodes;
    }

    /**
     * Kueue's scheduler performance shapes: one pod of 1, 5 or 20 cpus (35 : 11 : 4), 4 GiB per
     * cpu, on nodes of 32 or 64 cpus.
     */
    static List<SimNode> kueueNodes(int count, Random rnd) {
        List<SimNode> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = "node-" + i;
            int size = 1 + rnd.nextInt(2);
            nodes.add(new SimNode(name, Map.of("kubernetes.io/hostname", name), List.of(), 32_000L * size,
                    128 * GI * size, 0, null));
        }
        return nodes;
    }

    static List<PodRequest> kueueShapes() {
        List<PodRequest> shapes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long cpus = i < 35 ? 1 : i < 46 ? 5 : 20;
            shapes.add(new PodRequest(cpus * 1000, cpus * 4 * GI, 0, Map.of(), List.of(), List.of()));
        }
        return shapes;
    }

    /** 300 pod shapes: 60% cpu only, 20% whole GPUs (1, 2, 4, 8), 20% GPU shares. */
    static List<PodRequest> syntheticShapes(Random rnd) {
        List<Toleration> gpuToleration = List.of(new Toleration("nvidia.com/gpu", "Exists", null, null));
        List<PodRequest> shapes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int kind = rnd.nextInt(10);
            Map<String, String> selector = rnd.nextInt(5) == 0 ? Map.of("zone", "z" + rnd.nextInt(3)) : Map.of();
            if (kind < 6) {
                shapes.add(new PodRequest(500L * (1 + rnd.nextInt(32)), GI * (1 + rnd.nextInt(64)), 0, selector,
                        List.of(), List.of()));
            } else if (kind < 8) {
                int gpus = 1 << rnd.nextInt(4);
                List<String> models = rnd.nextInt(3) == 0 ? List.of(rnd.nextBoolean() ? "A100" : "T4") : List.of();
                shapes.add(new PodRequest(4000L * gpus, 16 * GI * gpus, 1000L * gpus, selector, gpuToleration,
                        models));
            } else {
                shapes.add(new PodRequest(1000L + rnd.nextInt(4000), GI * (2 + rnd.nextInt(16)),
                        100 * (1 + rnd.nextInt(9)), selector, gpuToleration, List.of()));
            }
        }
        return shapes;
    }

    private static void synthetic(int pods, int nodeCount, Scorer scorer, boolean kueue) {
        Random rnd = new Random(42);
        List<SimNode> nodes = kueue ? kueueNodes(nodeCount, rnd) : syntheticNodes(nodeCount, rnd);
        List<PodRequest> shapes = kueue ? kueueShapes() : syntheticShapes(rnd);
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        Cluster c = new Cluster(nodes);
        // live bindings in a random-access bag; releasing a random one keeps the cluster ~90% full
        Binding[] live = new Binding[pods];
        int liveCount = 0;
        long placed = 0;
        long failed = 0;
        long released = 0;
        long target = (long) (c.totalCpuMilli() * 0.9);
        long gpuTarget = (long) (c.totalGpus() * 1000L * 0.9);
        for (int i = 0; i < pods; i++) {
            while (c.usedCpuMilli() > target || c.usedGpuMilli() > gpuTarget
                    || (liveCount > 0 && rnd.nextInt(8) == 0)) {
                int k = rnd.nextInt(liveCount);
                c.release(List.of(live[k]));
                live[k] = live[--liveCount];
                released++;
            }
            List<Binding> b = c.place(List.of(shapes.get(rnd.nextInt(shapes.size()))), false, scorer);
            if (b.isEmpty()) {
                failed++;
            } else {
                live[liveCount++] = b.get(0);
                placed++;
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuSecs = (cpuNanos() - cpu0) / 1e9;
        System.out.printf("%-6s %-16s %,d pods on %,d nodes: %.2f s (%.2f s cpu), %,.0f placements/s (%,d bound, %,d"
                        + " did not fit, %,d releases), cpu %.0f%%, GPU %.0f%% used, %,d GPUs fully free%n",
                kueue ? "kueue" : "mixed", scorer, pods,
                nodeCount, secs, cpuSecs, pods / secs, placed, failed, released, 100.0 * c.usedCpuMilli() / c.totalCpuMilli(),
                c.totalGpus() == 0 ? 0 : 100.0 * c.usedGpuMilli() / (1000.0 * c.totalGpus()), c.fullyFreeGpus());
    }

    /** The Alibaba trace: pods placed at creation, released at deletion; pods that do not fit are dropped. */
    private static void alibaba(Path dir, Scorer scorer) throws IOException {
        List<SimNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("openb_node_list_all_node.csv")).subList(1, 1524)) {
            String[] f = line.split(",", -1);
            int gpus = Integer.parseInt(f[3]);
            nodes.add(new SimNode(f[0], Map.of("kubernetes.io/hostname", f[0]), List.of(), Long.parseLong(f[1]),
                    Long.parseLong(f[2]) << 20, gpus, gpus == 0 ? null : f[4]));
        }
        record Pod(PodRequest req, long created, long deleted) {
        }
        List<Pod> pods = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("openb_pod_list_default.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            int num = Integer.parseInt(f[3]);
            long milli = Long.parseLong(f[4]);
            long gpu = num == 0 ? 0 : milli < 1000 ? milli : 1000L * num;
            List<String> models = f[5].isEmpty() ? List.of() : List.of(f[5].split("\\|"));
            pods.add(new Pod(new PodRequest(Long.parseLong(f[1]), Long.parseLong(f[2]) << 20, gpu, Map.of(), List.of(),
                    models), Long.parseLong(f[8]), f[9].isEmpty() ? Long.MAX_VALUE : Long.parseLong(f[9])));
        }
        pods.sort((a, b) -> Long.compare(a.created, b.created));
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        Cluster c = new Cluster(nodes);
        record Running(long end, Binding binding) {
        }
        PriorityQueue<Running> running = new PriorityQueue<>((a, b) -> Long.compare(a.end, b.end));
        int bound = 0;
        for (Pod p : pods) {
            while (!running.isEmpty() && running.peek().end <= p.created) {
                c.release(List.of(running.poll().binding));
            }
            List<Binding> b = c.place(List.of(p.req), false, scorer);
            if (!b.isEmpty()) {
                bound++;
                running.add(new Running(p.deleted, b.get(0)));
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("alibaba %-16s %,d pods on %,d nodes: %.3f s (%.3f s cpu, %,d bound)%n", scorer,
                pods.size(), nodes.size(), secs, (cpuNanos() - cpu0) / 1e9, bound);
    }

    /** This thread's cpu time: less disturbed than wall time by other work on the machine. */
    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
