package io.berth.sim.place;

import static io.berth.sim.place.Fixtures.gpuNode;
import static io.berth.sim.place.Fixtures.labeled;
import static io.berth.sim.place.Fixtures.node;
import static io.berth.sim.place.Fixtures.nodeOf;
import static io.berth.sim.place.Fixtures.placeOne;
import static io.berth.sim.place.Fixtures.pod;
import static io.berth.sim.place.Fixtures.withSelector;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.sim.model.SimNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which node (and GPU) each scorer picks on small hand-made clusters. */
class ClusterScorerTest {

    /** Nodes labelled name=their name, so a test can fill a given node first. */
    private static Cluster cluster(SimNode... nodes) {
        List<SimNode> named = new ArrayList<>();
        for (SimNode n : nodes) {
            named.add(labeled(n, Map.of("name", n.name())));
        }
        return new Cluster(named);
    }

    private static void fill(Cluster c, String node, long cpuMilli, long memGi, long gpuMilli) {
        assertThat(placeOne(c, withSelector(pod(cpuMilli, memGi, gpuMilli), Map.of("name", node)),
                Scorer.LEAST_ALLOCATED)).isNotNull();
    }

    @Test
    void leastAllocatedSpreadsAndBreaksTiesByNodeIndex() {
        Cluster c = cluster(node("a", 8, 32), node("b", 8, 32), node("c", 8, 32));
        assertThat(nodeOf(c, pod(1000, 4, 0), Scorer.LEAST_ALLOCATED)).isZero();
        assertThat(nodeOf(c, pod(1000, 4, 0), Scorer.LEAST_ALLOCATED)).isEqualTo(1);
        assertThat(nodeOf(c, pod(1000, 4, 0), Scorer.LEAST_ALLOCATED)).isEqualTo(2);
        assertThat(nodeOf(c, pod(1000, 4, 0), Scorer.LEAST_ALLOCATED)).isZero();
    }

    @Test
    void leastAllocatedScoresTheNodeAsItWouldBeWithThePod() {
        // small: entirely free, but 4 cores take all its cpu (free after: cpu 0, memory 15/16);
        // big: 60 of 64 cores free (after: cpu 56/64, memory 239/256): big wins, as in kube-scheduler
        Cluster c = cluster(node("small", 4, 16), node("big", 64, 256));
        fill(c, "big", 4000, 16, 0);
        assertThat(nodeOf(c, pod(4000, 1, 0), Scorer.LEAST_ALLOCATED)).isEqualTo(1);
    }

    @Test
    void leastAllocatedCountsGpusOnlyForGpuPods() {
        Cluster c = cluster(gpuNode("a", 32, 128, 8, "A100"), gpuNode("b", 32, 128, 8, "A100"));
        fill(c, "a", 0, 0, 4000); // a: half its GPUs used
        fill(c, "b", 8000, 0, 0); // b: a quarter of its cpu used
        // GPU pod: a (1 + 1 + 3/8) / 3 = 0.79, b (3/4 + 1 + 7/8) / 3 = 0.875
        assertThat(nodeOf(c, pod(0, 0, 1000), Scorer.LEAST_ALLOCATED)).isEqualTo(1);
        // cpu pod: a (31/32 + 1) / 2, b (23/32 + 1) / 2
        assertThat(nodeOf(c, pod(1000, 0, 0), Scorer.LEAST_ALLOCATED)).isZero();
    }

    @Test
    void leastAllocatedPutsASharedPodOnTheEmptiestGpu() {
        Cluster c = cluster(gpuNode("a", 32, 128, 2, "T4"));
        assertThat(placeOne(c, pod(0, 0, 300), Scorer.LEAST_ALLOCATED).gpus()).containsExactly(0);
        assertThat(placeOne(c, pod(0, 0, 300), Scorer.LEAST_ALLOCATED).gpus()).containsExactly(1);
        assertThat(placeOne(c, pod(0, 0, 300), Scorer.LEAST_ALLOCATED).gpus()).containsExactly(0);
    }

    @Test
    void mostAllocatedPacksOnTheFullestNodeThatFits() {
        Cluster c = cluster(node("a", 8, 32), node("b", 8, 32), node("c", 8, 32));
        fill(c, "b", 6000, 0, 0);
        fill(c, "c", 3000, 0, 0);
        assertThat(nodeOf(c, pod(2000, 0, 0), Scorer.MOST_ALLOCATED)).isEqualTo(1); // b becomes full
        assertThat(nodeOf(c, pod(2000, 0, 0), Scorer.MOST_ALLOCATED)).isEqualTo(2); // b does not fit any more
        assertThat(nodeOf(c, pod(4000, 0, 0), Scorer.MOST_ALLOCATED)).isZero(); // only a has 4 cores
        // free cpu now: a 4, b 0, c 3 of 8; MOST_ALLOCATED picks c, LEAST_ALLOCATED a
        assertThat(nodeOf(c, pod(1000, 0, 0), Scorer.MOST_ALLOCATED)).isEqualTo(2);
        assertThat(nodeOf(c, pod(1000, 0, 0), Scorer.LEAST_ALLOCATED)).isZero();
    }

    @Test
    void mostAllocatedPutsASharedPodOnTheFullestGpuItFits() {
        Cluster c = cluster(gpuNode("a", 32, 128, 3, "T4"));
        fill(c, "a", 0, 0, 1000); // GPU 0
        fill(c, "a", 0, 0, 500); // GPU 1 (the emptiest, with LEAST_ALLOCATED)
        assertThat(placeOne(c, pod(0, 0, 400), Scorer.MOST_ALLOCATED).gpus()).containsExactly(1);
        assertThat(placeOne(c, pod(0, 0, 400), Scorer.MOST_ALLOCATED).gpus()).containsExactly(2);
    }

    @Test
    void gpuPackingPutsWholeGpuPodsOnTheNodeWithTheFewestWholeFreeGpusThatFit() {
        Cluster c = cluster(gpuNode("a", 64, 256, 8, "A100"), gpuNode("b", 64, 256, 8, "A100"),
                gpuNode("c", 64, 256, 8, "A100"));
        fill(c, "b", 0, 0, 5000); // b: 3 whole free
        fill(c, "c", 0, 0, 7000); // c: 1 whole free
        assertThat(nodeOf(c, pod(0, 0, 2000), Scorer.GPU_PACKING)).isEqualTo(1);
        assertThat(nodeOf(c, pod(0, 0, 1000), Scorer.GPU_PACKING)).isEqualTo(1);
        assertThat(nodeOf(c, pod(0, 0, 1000), Scorer.GPU_PACKING)).isEqualTo(2);
        assertThat(nodeOf(c, pod(0, 0, 1000), Scorer.GPU_PACKING)).isZero();
        // LEAST_ALLOCATED would have spread to a
        assertThat(c.fullyFreeGpus()).isEqualTo(7);
    }

    @Test
    void gpuPackingPutsSharesOnTheGpuWithTheLeastFreeThatFits() {
        Cluster c = cluster(gpuNode("a", 64, 256, 4, "T4"), gpuNode("b", 64, 256, 4, "T4"));
        fill(c, "a", 0, 0, 300); // a: GPU 0 has 700 free
        fill(c, "b", 0, 0, 600); // b: GPU 0 has 400 free
        Binding small = placeOne(c, pod(0, 0, 300), Scorer.GPU_PACKING);
        assertThat(small.node()).isEqualTo(1);
        assertThat(small.gpus()).containsExactly(0); // 400 -> 100
        Binding mid = placeOne(c, pod(0, 0, 500), Scorer.GPU_PACKING);
        assertThat(mid.node()).isZero();
        assertThat(mid.gpus()).containsExactly(0); // 700 -> 200
        // no whole GPU was broken into
        assertThat(c.fullyFreeGpus()).isEqualTo(6);
        // a share too big for every partly used GPU breaks a whole GPU on the node with the fewest
        fill(c, "b", 0, 0, 1000); // b: 2 whole free GPUs, a: 3
        Binding big = placeOne(c, pod(0, 0, 800), Scorer.GPU_PACKING);
        assertThat(big.node()).isEqualTo(1);
        assertThat(big.gpus()).containsExactly(2);
    }

    @Test
    void gpuPackingKeepsPodsWithoutGpusOffGpuNodes() {
        Cluster c = cluster(gpuNode("gpu", 64, 256, 8, "A100"), node("cpu1", 64, 256), node("cpu2", 64, 256));
        fill(c, "gpu", 60_000, 0, 0);
        fill(c, "cpu2", 10_000, 0, 0);
        // the GPU node is the fullest, but the pod prefers nodes without GPUs, the fullest of them
        assertThat(nodeOf(c, pod(1000, 1, 0), Scorer.GPU_PACKING)).isEqualTo(2);
        assertThat(nodeOf(c, pod(1000, 1, 0), Scorer.MOST_ALLOCATED)).isZero();
        // once no node without GPUs fits, the GPU node is used
        assertThat(nodeOf(c, pod(100_000, 1, 0), Scorer.GPU_PACKING)).isEqualTo(-1);
        assertThat(nodeOf(c, withSelector(pod(1000, 1, 0), Map.of("name", "gpu")), Scorer.GPU_PACKING)).isZero();
    }

    @Test
    void equalScoresGoToTheLowestNodeIndexUnderEveryScorer() {
        for (Scorer s : Scorer.values()) {
            Cluster c = cluster(gpuNode("a", 8, 32, 2, "T4"), gpuNode("b", 8, 32, 2, "T4"));
            assertThat(nodeOf(c, pod(1000, 1, 0), s)).as("%s", s).isZero();
            Cluster d = cluster(gpuNode("a", 8, 32, 2, "T4"), gpuNode("b", 8, 32, 2, "T4"));
            assertThat(placeOne(d, pod(0, 0, 300), s).gpus()).as("%s", s).containsExactly(0);
        }
    }
}
