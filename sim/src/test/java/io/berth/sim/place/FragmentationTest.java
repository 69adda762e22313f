package io.berth.sim.place;

import static io.berth.sim.place.Fixtures.gpuNode;
import static io.berth.sim.place.Fixtures.labeled;
import static io.berth.sim.place.Fixtures.node;
import static io.berth.sim.place.Fixtures.pod;
import static io.berth.sim.place.Fixtures.withModels;
import static io.berth.sim.place.Fixtures.withSelector;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** fragmentedGpuMilli on a hand-computed cluster. */
class FragmentationTest {
    private Cluster c;

    /**
     * n0 (2 T4): GPU 0 has 300 free, GPU 1 is whole. n1 (1 T4): 500 free, but only 1 core free.
     * n2 (4 A100): one whole GPU free. n3: no GPUs.
     */
    @BeforeEach
    void setUp() {
        c = new Cluster(List.of(
                labeled(gpuNode("n0", 16, 64, 2, "T4"), Map.of("name", "n0")),
                labeled(gpuNode("n1", 16, 64, 1, "T4"), Map.of("name", "n1")),
                labeled(gpuNode("n2", 16, 64, 4, "A100"), Map.of("name", "n2")),
                labeled(node("n3", 16, 64), Map.of("name", "n3"))));
        bind("n0", pod(0, 0, 700));
        bind("n1", pod(15_000, 0, 500));
        bind("n2", pod(0, 0, 3000));
        assertThat(c.freeGpuMilli(0, 0)).isEqualTo(300);
        assertThat(c.fullyFreeGpus()).isEqualTo(2);
    }

    private void bind(String node, PodRequest p) {
        assertThat(c.place(List.of(withSelector(p, Map.of("name", node))), false, Scorer.MOST_ALLOCATED)).hasSize(1);
    }

    @Test
    void leftoversNoPendingShapeCanUse() {
        PodRequest twoGpus = pod(1500, 1, 2000);
        PodRequest halfGpu = pod(1500, 1, 500);
        // n0: 300 too small for 500 (fragmented), its whole GPU takes a 500 share;
        // n1: 500 would do, but its 1 free core is not enough cpu for either shape (fragmented);
        // n2: one whole GPU: not enough for 2 GPUs, fine for 500
        assertThat(c.fragmentedGpuMilli(List.of(twoGpus, halfGpu, twoGpus))).isEqualTo(300 + 500);
        // only 2-GPU pods pending: every free GPU is fragmented (no node has 2 whole free)
        assertThat(c.fragmentedGpuMilli(List.of(twoGpus))).isEqualTo(300 + 1000 + 500 + 1000);
        // one-GPU pods: only the 300 and the 500 leftovers
        assertThat(c.fragmentedGpuMilli(List.of(pod(0, 0, 1000)))).isEqualTo(300 + 500);
        // a small share fits every leftover, cpu permitting
        assertThat(c.fragmentedGpuMilli(List.of(pod(0, 0, 200)))).isZero();
        assertThat(c.fragmentedGpuMilli(List.of(pod(2000, 0, 200)))).isEqualTo(500);
    }

    @Test
    void shapesOnlyCountOnNodesTheirFiltersAdmit() {
        PodRequest t4Share = withModels(pod(0, 0, 200), "T4");
        assertThat(c.fragmentedGpuMilli(List.of(t4Share))).isEqualTo(1000);
        PodRequest onN2 = withSelector(pod(0, 0, 1000), Map.of("name", "n2"));
        assertThat(c.fragmentedGpuMilli(List.of(onN2))).isEqualTo(300 + 1000 + 500);
    }

    @Test
    void withNoGpuShapesPendingEveryFreeGpuMilliCounts() {
        assertThat(c.fragmentedGpuMilli(List.of())).isEqualTo(2800);
        assertThat(c.fragmentedGpuMilli(List.of(pod(1000, 1, 0)))).isEqualTo(2800);
    }
}
