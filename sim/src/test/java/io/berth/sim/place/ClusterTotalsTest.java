package io.berth.sim.place;

import static io.berth.sim.place.Fixtures.gpuNode;
import static io.berth.sim.place.Fixtures.node;
import static io.berth.sim.place.Fixtures.placeOne;
import static io.berth.sim.place.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Totals for metrics, and the edges: no nodes, pods asking for nothing. */
class ClusterTotalsTest {

    @Test
    void totalsAndUsageFollowPlacementsAndReleases() {
        Cluster c = new Cluster(List.of(node("cpu", 16, 64), gpuNode("gpu", 32, 128, 4, "A100")));
        assertThat(c.nodeCount()).isEqualTo(2);
        assertThat(c.node(1).name()).isEqualTo("gpu");
        assertThat(c.totalCpuMilli()).isEqualTo(48_000);
        assertThat(c.totalMemoryBytes()).isEqualTo(192 * Fixtures.GI);
        assertThat(c.totalGpus()).isEqualTo(4);
        assertThat(c.fullyFreeGpus()).isEqualTo(4);

        Binding whole = placeOne(c, pod(2000, 8, 2000), Scorer.MOST_ALLOCATED);
        Binding share = placeOne(c, pod(1000, 4, 250), Scorer.MOST_ALLOCATED);
        Binding cpu = placeOne(c, pod(500, 1, 0), Scorer.MOST_ALLOCATED);
        assertThat(cpu.gpus()).isEmpty();
        assertThat(c.usedCpuMilli()).isEqualTo(3500);
        assertThat(c.usedMemoryBytes()).isEqualTo(13 * Fixtures.GI);
        assertThat(c.usedGpuMilli()).isEqualTo(2250);
        assertThat(c.fullyFreeGpus()).isEqualTo(1);

        c.release(List.of(whole, share));
        assertThat(c.usedCpuMilli()).isEqualTo(500);
        assertThat(c.usedGpuMilli()).isZero();
        assertThat(c.fullyFreeGpus()).isEqualTo(4);
    }

    @Test
    void aClusterWithoutNodesPlacesNothing() {
        Cluster c = new Cluster(List.of());
        for (Scorer s : Scorer.values()) {
            assertThat(c.place(List.of(pod(0, 0, 0), pod(1, 1, 1)), false, s)).isEmpty();
        }
        assertThat(c.fragmentedGpuMilli(List.of(pod(0, 0, 500)))).isZero();
    }

    @Test
    void aPodAskingForNothingFitsAFullNode() {
        Cluster c = new Cluster(List.of(node("a", 1, 1)));
        assertThat(placeOne(c, pod(1000, 1, 0), Scorer.LEAST_ALLOCATED)).isNotNull();
        assertThat(placeOne(c, pod(0, 0, 0), Scorer.LEAST_ALLOCATED).node()).isZero();
    }
}
