package io.berth.sim.place;

import static io.berth.sim.place.Fixtures.gpuNode;
import static io.berth.sim.place.Fixtures.node;
import static io.berth.sim.place.Fixtures.placeOne;
import static io.berth.sim.place.Fixtures.pod;
import static io.berth.sim.place.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Gang placement is all or nothing; without gang, what fits is bound. */
class GangTest {

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void aGangThatDoesNotFitLeavesTheClusterUnchanged(Scorer s) {
        Cluster c = new Cluster(List.of(gpuNode("a", 16, 64, 4, "A100"), gpuNode("b", 16, 64, 4, "A100"), node("c", 8,
                32)));
        assertThat(placeOne(c, pod(2000, 4, 300), s)).isNotNull();
        assertThat(placeOne(c, pod(1000, 4, 0), s)).isNotNull();
        String before = snapshot(c);
        // 3 pods of 2 GPUs fit (one GPU of 8 is partly used), a fourth does not
        List<PodRequest> gang = Collections.nCopies(4, pod(1000, 1, 2000));
        assertThat(c.place(gang, true, s)).isEmpty();
        assertThat(snapshot(c)).isEqualTo(before);
        // the same pods without gang: three are bound
        assertThat(c.place(gang, false, s)).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void aGangThatFitsIsBoundWhole(Scorer s) {
        Cluster c = new Cluster(List.of(gpuNode("a", 16, 64, 4, "A100"), gpuNode("b", 16, 64, 4, "A100")));
        List<Binding> bound = c.place(List.of(pod(1000, 1, 4000), pod(1000, 1, 2000), pod(1000, 1, 1000),
                pod(1000, 1, 500), pod(1000, 1, 500)), true, s);
        assertThat(bound).hasSize(5);
        assertThat(c.usedGpuMilli()).isEqualTo(8000);
        assertThat(c.place(List.of(pod(0, 0, 1)), true, s)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void withoutGangLaterPodsAreTriedAfterOneFails(Scorer s) {
        Cluster c = new Cluster(List.of(node("a", 4, 16)));
        PodRequest big = pod(3000, 1, 0);
        PodRequest small = pod(500, 1, 0);
        List<Binding> bound = c.place(List.of(big, big, small, small, big), false, s);
        assertThat(bound).extracting(Binding::pod).containsExactly(big, small, small);
        assertThat(c.usedCpuMilli()).isEqualTo(4000);
    }
}
