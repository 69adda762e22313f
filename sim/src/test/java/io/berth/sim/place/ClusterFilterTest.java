package io.berth.sim.place;

import static io.berth.sim.place.Fixtures.gpuNode;
import static io.berth.sim.place.Fixtures.labeled;
import static io.berth.sim.place.Fixtures.node;
import static io.berth.sim.place.Fixtures.nodeOf;
import static io.berth.sim.place.Fixtures.placeOne;
import static io.berth.sim.place.Fixtures.pod;
import static io.berth.sim.place.Fixtures.tainted;
import static io.berth.sim.place.Fixtures.withModels;
import static io.berth.sim.place.Fixtures.withSelector;
import static io.berth.sim.place.Fixtures.withTolerations;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.core.Taint;
import io.berth.api.core.Toleration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each filter rule, under every scorer. */
class ClusterFilterTest {

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void cpuMustFitTheFreeCpu(Scorer s) {
        Cluster c = new Cluster(List.of(node("a", 4, 16)));
        assertThat(nodeOf(c, pod(5000, 1, 0), s)).isEqualTo(-1);
        assertThat(nodeOf(c, pod(3000, 1, 0), s)).isZero();
        assertThat(nodeOf(c, pod(1001, 1, 0), s)).isEqualTo(-1);
        assertThat(nodeOf(c, pod(1000, 1, 0), s)).isZero();
        assertThat(c.usedCpuMilli()).isEqualTo(4000);
    }

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void memoryMustFitTheFreeMemory(Scorer s) {
        Cluster c = new Cluster(List.of(node("a", 64, 16)));
        assertThat(nodeOf(c, pod(100, 17, 0), s)).isEqualTo(-1);
        assertThat(nodeOf(c, pod(100, 10, 0), s)).isZero();
        assertThat(nodeOf(c, pod(100, 7, 0), s)).isEqualTo(-1);
        assertThat(nodeOf(c, pod(100, 6, 0), s)).isZero();
        assertThat(c.usedMemoryBytes()).isEqualTo(16 * Fixtures.GI);
    }

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void wholeGpuPodsNeedThatManyEntirelyFreeGpus(Scorer s) {
        Cluster c = new Cluster(List.of(gpuNode("a", 32, 128, 2, "T4")));
        Binding share = placeOne(c, pod(0, 0, 100), s);
        assertThat(share).isNotNull();
        // one GPU is partly used: a pod needing two whole GPUs does not fit, one needing one does
        assertThat(nodeOf(c, pod(0, 0, 2000), s)).isEqualTo(-1);
        Binding one = placeOne(c, pod(0, 0, 1000), s);
        assertThat(one.gpus()).containsExactly(1 - share.gpus()[0]);
        assertThat(nodeOf(c, pod(0, 0, 1000), s)).isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void aGpuRequestAboveOneGpuIsRoundedUpToWholeGpus(Scorer s) {
        Cluster c = new Cluster(List.of(gpuNode("a", 32, 128, 2, "T4")));
        Binding b = placeOne(c, pod(0, 0, 1500), s);
        assertThat(b.gpus()).containsExactly(0, 1);
        assertThat(c.usedGpuMilli()).isEqualTo(2000);
        assertThat(c.fullyFreeGpus()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void aShareNeedsOneGpuWithThatMuchFree(Scorer s) {
        Cluster c = new Cluster(List.of(gpuNode("a", 32, 128, 2, "T4")));
        assertThat(placeOne(c, pod(0, 0, 600), s)).isNotNull();
        assertThat(placeOne(c, pod(0, 0, 600), s)).isNotNull();
        // 400 free on each GPU, 800 in all: a 500 share does not fit, a 400 share does
        assertThat(nodeOf(c, pod(0, 0, 500), s)).isEqualTo(-1);
        assertThat(nodeOf(c, pod(0, 0, 400), s)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void gpuPodsDoNotFitNodesWithoutGpus(Scorer s) {
        Cluster c = new Cluster(List.of(node("cpu", 64, 256)));
        assertThat(nodeOf(c, pod(1000, 1, 1000), s)).isEqualTo(-1);
        assertThat(nodeOf(c, pod(1000, 1, 500), s)).isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void gpuModelsMustIncludeTheNodesModel(Scorer s) {
        Cluster c = new Cluster(List.of(gpuNode("t4", 32, 128, 4, "T4"), gpuNode("a100", 32, 128, 4, "A100"),
                node("cpu", 32, 128)));
        assertThat(nodeOf(c, withModels(pod(0, 0, 1000), "A100"), s)).isEqualTo(1);
        assertThat(nodeOf(c, withModels(pod(0, 0, 300), "T4", "V100"), s)).isZero();
        assertThat(nodeOf(c, withModels(pod(0, 0, 1000), "V100"), s)).isEqualTo(-1);
        // models constrain pods without GPUs too: only nodes of those models
        assertThat(nodeOf(c, withModels(pod(30_000, 1, 0), "A100"), s)).isEqualTo(1);
        assertThat(nodeOf(c, withModels(pod(30_000, 1, 0), "A100"), s)).isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void theNodeMustHaveEveryNodeSelectorLabel(Scorer s) {
        Cluster c = new Cluster(List.of(
                labeled(node("a", 8, 32), Map.of("zone", "a")),
                labeled(node("b", 8, 32), Map.of("zone", "b", "disk", "ssd")),
                labeled(node("c", 8, 32), Map.of("zone", "a", "disk", "ssd"))));
        assertThat(nodeOf(c, withSelector(pod(100, 0, 0), Map.of("zone", "a", "disk", "ssd")), s)).isEqualTo(2);
        assertThat(nodeOf(c, withSelector(pod(100, 0, 0), Map.of("zone", "b")), s)).isEqualTo(1);
        assertThat(nodeOf(c, withSelector(pod(100, 0, 0), Map.of("zone", "c")), s)).isEqualTo(-1);
        assertThat(nodeOf(c, withSelector(pod(100, 0, 0), Map.of("disk", "hdd")), s)).isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void noScheduleAndNoExecuteTaintsMustBeTolerated(Scorer s) {
        Cluster c = new Cluster(List.of(
                tainted(node("gpu-only", 8, 32), new Taint("dedicated", "gpu", "NoSchedule")),
                tainted(node("draining", 8, 32), new Taint("drain", "", "NoExecute"))));
        assertThat(nodeOf(c, pod(100, 0, 0), s)).isEqualTo(-1);
        assertThat(nodeOf(c, withTolerations(pod(100, 0, 0), new Toleration("dedicated", "Equal", "cpu", "")), s))
                .isEqualTo(-1);
        assertThat(nodeOf(c, withTolerations(pod(100, 0, 0), new Toleration("dedicated", "Equal", "gpu",
                "NoSchedule")), s)).isZero();
        assertThat(nodeOf(c, withTolerations(pod(100, 0, 0), new Toleration("drain", "Exists", null, null)), s))
                .isEqualTo(1);
        assertThat(nodeOf(c, withTolerations(pod(100, 0, 0), new Toleration("drain", "Exists", null,
                "NoSchedule")), s)).isEqualTo(-1);
        assertThat(nodeOf(c, withTolerations(pod(100, 0, 0), new Toleration(null, "Exists", null, null)), s))
                .isIn(0, 1);
    }

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void preferNoScheduleTaintsDoNotFilter(Scorer s) {
        Cluster c = new Cluster(List.of(tainted(node("a", 8, 32), new Taint("spot", "true", "PreferNoSchedule"))));
        assertThat(nodeOf(c, pod(100, 0, 0), s)).isZero();
    }
}
