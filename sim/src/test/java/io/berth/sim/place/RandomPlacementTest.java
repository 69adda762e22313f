package io.berth.sim.place;

import static io.berth.sim.place.Fixtures.gpuNode;
import static io.berth.sim.place.Fixtures.node;
import static io.berth.sim.place.Fixtures.pod;
import static io.berth.sim.place.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.core.Taint;
import io.berth.api.core.Toleration;
import io.berth.sim.model.SimNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded random sequences of place (gang or not) and release: Cluster binds exactly as the
 * scan of every node ({@link ScanPlacer}) does, never exceeds a capacity, and is empty again
 * once everything is released.
 */
class RandomPlacementTest {
    private static final String[] MODELS = {"T4", "A100", "V100"};

    /** Mixed shapes, labels, taints and GPU models, with a hostname label on every node. */
    static List<SimNode> mixedNodes(Random rnd, int count) {
        List<SimNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = rnd.nextInt(6);
            SimNode n = switch (kind) {
                case 0, 1 -> node("n" + i, 8 << rnd.nextInt(3), 32 << rnd.nextInt(3));
                case 2 -> gpuNode("n" + i, 32, 128, 1 + rnd.nextInt(8), MODELS[rnd.nextInt(3)]);
                default -> gpuNode("n" + i, 96, 384, 8, MODELS[kind - 3]);
            };
            Map<String, String> labels = new HashMap<>(n.labels());
            labels.put("kubernetes.io/hostname", n.name());
            labels.put("zone", rnd.nextBoolean() ? "a" : "b");
            List<Taint> taints = rnd.nextInt(8) == 0 ? List.of(new Taint("dedicated", "team", "NoSchedule"))
                    : List.of();
            nodes.add(new SimNode(n.name(), labels, taints, n.cpuMilli(), n.memoryBytes(), n.gpus(), n.gpuModel()));
        }
        return nodes;
    }

    /** A catalog of pod shapes (reused instances, as pod sets give) with constraints. */
    static List<PodRequest> catalog(Random rnd, int count) {
        List<PodRequest> shapes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long gpu = switch (rnd.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 50 + rnd.nextInt(950);
                case 2 -> 1000L << rnd.nextInt(4);
                default -> rnd.nextInt(3) == 0 ? 0 : 1000;
            };
            Map<String, String> selector = rnd.nextInt(4) == 0 ? Map.of("zone", rnd.nextBoolean() ? "a" : "b")
                    : Map.of();
            List<Toleration> tolerations = rnd.nextInt(3) == 0
                    ? List.of(new Toleration("dedicated", "Exists", null, null)) : List.of();
            List<String> models = gpu > 0 && rnd.nextInt(3) == 0 ? List.of(MODELS[rnd.nextInt(3)]) : List.of();
            shapes.add(new PodRequest(250L * (1 + rnd.nextInt(24)), (1L + rnd.nextInt(48)) * Fixtures.GI / 2, gpu,
                    selector, tolerations, models));
        }
        return shapes;
    }

    private static void run(List<SimNode> nodes, Scorer scorer, long seed, int steps) {
        Random rnd = new Random(seed);
        List<PodRequest> shapes = catalog(rnd, 40);
        Cluster c = new Cluster(nodes);
        ScanPlacer scan = new ScanPlacer(nodes);
        String empty = snapshot(c);
        List<List<Binding>> live = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            if (!live.isEmpty() && rnd.nextInt(5) < 2) {
                List<Binding> done = live.remove(rnd.nextInt(live.size()));
                c.release(done);
                for (Binding b : done) {
                    scan.release(b.node(), b.pod(), b.gpus());
                }
            } else {
                List<PodRequest> pods = new ArrayList<>();
                if (rnd.nextInt(3) == 0) {
                    // a pod set: identical pods
                    pods.addAll(Collections.nCopies(2 + rnd.nextInt(6), shapes.get(rnd.nextInt(shapes.size()))));
                } else {
                    int n = 1 + rnd.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        pods.add(rnd.nextInt(10) == 0 ? pod(rnd.nextInt(4000), rnd.nextInt(16), rnd.nextInt(1200))
                                : shapes.get(rnd.nextInt(shapes.size())));
                    }
                }
                boolean gang = rnd.nextBoolean();
                List<Binding> bound = c.place(pods, gang, scorer);
                List<int[]> expected = scanPlace(scan, pods, gang, scorer);
                assertThat(bound).hasSameSizeAs(expected);
                for (int i = 0; i < bound.size(); i++) {
                    int[] e = expected.get(i);
                    assertThat(bound.get(i).node()).as("step %d pod %d", step, i).isEqualTo(e[0]);
                    assertThat(bound.get(i).gpus()).isEqualTo(Arrays.copyOfRange(e, 1, e.length));
                }
                if (!bound.isEmpty()) {
                    live.add(bound);
                }
            }
            checkCapacity(c, live);
        }
        for (List<Binding> b : live) {
            c.release(b);
        }
        assertThat(snapshot(c)).isEqualTo(empty);
        assertThat(c.usedCpuMilli()).isZero();
        assertThat(c.usedGpuMilli()).isZero();
        assertThat(c.fullyFreeGpus()).isEqualTo(c.totalGpus());
    }

    private static List<int[]> scanPlace(ScanPlacer scan, List<PodRequest> pods, boolean gang, Scorer scorer) {
        List<int[]> out = new ArrayList<>();
        List<PodRequest> placed = new ArrayList<>();
        for (PodRequest p : pods) {
            int[] r = scan.place(p, scorer);
            if (r != null) {
                out.add(r);
                placed.add(p);
            } else if (gang) {
                for (int i = 0; i < out.size(); i++) {
                    scan.release(out.get(i)[0], placed.get(i), Arrays.copyOfRange(out.get(i), 1, out.get(i).length));
                }
                return List.of();
            }
        }
        return out;
    }

    /** What the live bindings hold equals what the cluster says is used, and fits every node. */
    private static void checkCapacity(Cluster c, List<List<Binding>> live) {
        long[] cpu = new long[c.nodeCount()];
        long[] mem = new long[c.nodeCount()];
        Map<Long, Integer> gpu = new HashMap<>();
        long cpuSum = 0;
        long gpuSum = 0;
        for (List<Binding> bs : live) {
            for (Binding b : bs) {
                cpu[b.node()] += b.pod().cpuMilli();
                mem[b.node()] += b.pod().memoryBytes();
                cpuSum += b.pod().cpuMilli();
                for (int g : b.gpus()) {
                    int milli = b.pod().gpuMilli() >= 1000 ? 1000 : (int) b.pod().gpuMilli();
                    gpu.merge((long) b.node() << 32 | g, milli, Integer::sum);
                    gpuSum += milli;
                }
            }
        }
        assertThat(c.usedCpuMilli()).isEqualTo(cpuSum);
        assertThat(c.usedGpuMilli()).isEqualTo(gpuSum);
        int fullyFree = 0;
        for (int i = 0; i < c.nodeCount(); i++) {
            SimNode n = c.node(i);
            if (cpu[i] > n.cpuMilli() || mem[i] > n.memoryBytes() || c.freeCpuMilli(i) != n.cpuMilli() - cpu[i]
                    || c.freeMemoryBytes(i) != n.memoryBytes() - mem[i]) {
                throw new AssertionError("node " + i + ": bound " + cpu[i] + "m/" + mem[i] + "B, free "
                        + c.freeCpuMilli(i) + "m/" + c.freeMemoryBytes(i) + "B, capacity " + n);
            }
            for (int g = 0; g < n.gpus(); g++) {
                int used = gpu.getOrDefault((long) i << 32 | g, 0);
                if (used > 1000 || c.freeGpuMilli(i, g) != 1000 - used) {
                    throw new AssertionError("GPU " + g + " of node " + i + ": bound " + used + ", free "
                            + c.freeGpuMilli(i, g));
                }
                fullyFree += used == 0 ? 1 : 0;
            }
        }
        assertThat(c.fullyFreeGpus()).isEqualTo(fullyFree);
    }

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void mixedClusterBindsAsAScanOfEveryNode(Scorer scorer) {
        for (long seed = 1; seed <= 4; seed++) {
            run(mixedNodes(new Random(seed), 60), scorer, seed, 1500);
        }
    }

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void largeClusterOfFewShapesBindsAsAScanOfEveryNode(Scorer scorer) {
        Random rnd = new Random(99);
        List<SimNode> nodes = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            nodes.add(switch (rnd.nextInt(3)) {
                case 0 -> node("c" + i, 32, 128);
                case 1 -> gpuNode("g" + i, 96, 384, 8, "A100");
                default -> gpuNode("t" + i, 32, 128, 4, "T4");
            });
        }
        run(nodes, scorer, 5, 2500);
    }

    @Test
    void sameInputSameBindings() {
        for (Scorer scorer : Scorer.values()) {
            assertThat(trace(scorer)).isEqualTo(trace(scorer));
        }
    }

    private static List<String> trace(Scorer scorer) {
        Random rnd = new Random(3);
        Cluster c = new Cluster(mixedNodes(rnd, 80));
        List<PodRequest> shapes = catalog(rnd, 20);
        List<String> out = new ArrayList<>();
        List<Binding> live = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            if (!live.isEmpty() && rnd.nextInt(3) == 0) {
                c.release(List.of(live.remove(rnd.nextInt(live.size()))));
                continue;
            }
            for (Binding b : c.place(List.of(shapes.get(rnd.nextInt(shapes.size()))), false, scorer)) {
                live.add(b);
                out.add(b.node() + Arrays.toString(b.gpus()));
            }
        }
        return out;
    }

    @Test
    void releasingABindingTwiceFailsAndChangesNothing() {
        Cluster c = new Cluster(List.of(gpuNode("a", 8, 32, 2, "T4")));
        List<Binding> b = c.place(List.of(pod(1000, 1, 1000)), false, Scorer.LEAST_ALLOCATED);
        c.release(b);
        String after = snapshot(c);
        assertThatThrownBy(() -> c.release(b)).isInstanceOf(IllegalStateException.class);
        assertThat(snapshot(c)).isEqualTo(after);
    }
}
