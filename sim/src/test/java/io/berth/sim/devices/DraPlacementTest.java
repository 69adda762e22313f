package io.berth.sim.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.resource.DeviceResult;
import io.berth.api.resource.ResourceClaim;
import io.berth.sim.model.SimNode;
import io.berth.sim.place.Binding;
import io.berth.sim.place.Cluster;
import io.berth.sim.place.PodRequest;
import io.berth.sim.place.Scorer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DRA placement on small hand-built clusters, set against counting placement where they differ. */
class DraPlacementTest {
    private static final long GI = 1L << 30;

    private static SimNode gpuNode(String name, int gpus, String model) {
        return new SimNode(name, Map.of(SimNode.GPU_MODEL_LABEL, model), List.of(), 32_000, 128 * GI, gpus, model);
    }

    private static PodRequest pod(long gpuMilli, String... models) {
        return new PodRequest(1000, GI, gpuMilli, Map.of(), List.of(), List.of(models));
    }

    private static Binding place(Cluster c, PodRequest p) {
        List<Binding> b = c.place(List.of(p), false, Scorer.LEAST_ALLOCATED);
        return b.isEmpty() ? null : b.get(0);
    }

    /**
     * Counting with least-allocated spreads two half shares over both GPUs, so a whole-GPU pod no
     * longer fits; the allocator takes the first device with room, as Kubernetes does, so it does.
     */
    @Test
    void sharesGoToTheFirstDeviceWithRoomSoAWholeGpuStaysFree() {
        List<SimNode> nodes = List.of(gpuNode("n", 2, "T4"));
        Cluster counting = new Cluster(nodes);
        DraDevices devices = new DraDevices(nodes);
        Cluster dra = new Cluster(nodes, devices);

        for (Cluster c : List.of(counting, dra)) {
            place(c, pod(500));
            place(c, pod(500));
        }

        assertThat(List.of(counting.freeGpuMilli(0, 0), counting.freeGpuMilli(0, 1))).containsExactly(500, 500);
        assertThat(List.of(dra.freeGpuMilli(0, 0), dra.freeGpuMilli(0, 1))).containsExactly(0, 1000);
        assertThat(place(counting, pod(1000))).isNull();
        Binding whole = place(dra, pod(1000));
        assertThat(whole.gpus()).containsExactly(1);
        assertThat(devices.allocatedOn(0).get(whole.claim()).allocation().devices())
                .extracting(DeviceResult::device, r -> r.consumedCapacity().get("milli"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gpu-1", BigDecimal.valueOf(1000)));
    }

    /** 800 milli are free in all, but no device has 500 left: the claim does not fit. */
    @Test
    void aShareMustFitOnOneDevice() {
        List<SimNode> nodes = List.of(gpuNode("n", 2, "T4"));
        DraDevices devices = new DraDevices(nodes);
        Cluster dra = new Cluster(nodes, devices);
        place(dra, pod(600));
        place(dra, pod(600));

        assertThat(dra.usedGpuMilli()).isEqualTo(1200);
        assertThat(place(dra, pod(500))).isNull();
        assertThat(devices.allocate(0, pod(500))).as("the allocator itself refuses").isNull();
        assertThat(place(dra, pod(400))).isNotNull();
        assertThat(dra.freeGpuMilli(0, 0) + dra.freeGpuMilli(0, 1)).isEqualTo(400);
    }

    /** gpu_spec is a CEL selector on the model attribute; the allocator applies it on each node. */
    @Test
    void gpuModelsBecomeACelSelectorOnTheModelAttribute() {
        List<SimNode> nodes = List.of(gpuNode("t4", 4, "T4"), gpuNode("v100", 1, "V100M32"));
        DraDevices devices = new DraDevices(nodes);
        Cluster dra = new Cluster(nodes, devices);

        Binding b = place(dra, pod(250, "V100M16", "V100M32"));

        assertThat(b.node()).isEqualTo(1);
        ResourceClaim claim = devices.allocatedOn(1).get(b.claim());
        assertThat(claim.spec().requests().get(0).exactly().selectors().get(0).expression())
                .isEqualTo("device.attributes[\"gpu.berth.io\"].model in [\"V100M16\", \"V100M32\"]");
        assertThat(devices.allocate(0, pod(250, "V100M16", "V100M32"))).as("no V100 on the T4 node").isNull();
        assertThat(devices.allocate(0, pod(250, "T4"))).isNotNull();
        assertThat(devices.errors()).isZero();
    }

    /** All or nothing: when the second pod gets no device, the first one's claim is released too. */
    @Test
    void aGangThatDoesNotFitKeepsNoClaim() {
        List<SimNode> nodes = List.of(gpuNode("n", 1, "T4"));
        DraDevices devices = new DraDevices(nodes);
        Cluster dra = new Cluster(nodes, devices);

        assertThat(dra.place(List.of(pod(700), pod(700)), true, Scorer.LEAST_ALLOCATED)).isEmpty();

        assertThat(devices.attempts()).isEqualTo(1);
        assertThat(devices.allocatedOn(0)).isEmpty();
        assertThat(dra.usedGpuMilli()).isZero();
        assertThat(dra.place(List.of(pod(700), pod(300)), true, Scorer.LEAST_ALLOCATED)).hasSize(2);
        assertThat(devices.allocatedOn(0)).hasSize(2);
    }

    /** Release gives back exactly the claim's devices; counts and claims agree again. */
    @Test
    void releaseFreesTheClaimAndItsCapacity() {
        List<SimNode> nodes = List.of(gpuNode("n", 2, "A10"));
        DraDevices devices = new DraDevices(nodes);
        Cluster dra = new Cluster(nodes, devices);
        Binding share = place(dra, pod(300));
        Binding whole = place(dra, pod(1000));

        dra.release(List.of(share));

        assertThat(devices.allocatedOn(0)).containsOnlyKeys(whole.claim());
        assertThat(List.of(dra.freeGpuMilli(0, 0), dra.freeGpuMilli(0, 1))).containsExactly(1000, 0);
        dra.release(List.of(whole));
        assertThat(devices.allocatedOn(0)).isEmpty();
        assertThat(dra.usedGpuMilli()).isZero();
        assertThat(place(dra, pod(2000)).gpus()).containsExactly(0, 1);
    }
}
