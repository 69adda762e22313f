package io.berth.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.KubeObject;
import io.berth.api.io.ManifestReader;
import io.berth.api.io.Manifests;
import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceSlice;
import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Workloads charged from device objects follow them as they come and go, without a rebuild. */
class DeviceSourcesEngineTest {
    private static final Manifests EXAMPLE =
            new ManifestReader().read(List.of(Path.of("../examples/device-quota-sources.yaml")));

    @Test
    void pendingWorkloadsAreChargedAgainWhenSlicesChange() {
        Engine engine = new Engine(EXAMPLE.configuration());
        List<KubeObject> slices = EXAMPLE.objects().stream().filter(o -> o instanceof ResourceSlice).toList();
        EXAMPLE.objects().stream().filter(o -> !(o instanceof ResourceSlice)).forEach(engine::apply);

        engine.schedule(1000);
        assertThat(engine.pendingStatus("ml/notebooks").message())
                .contains("insufficient matching devices for CEL selector in DeviceClass gpu-partition.example.com: "
                        + "0 device(s) match in the cluster but 1 requested");

        slices.forEach(engine::apply);
        CycleResult admitted = engine.schedule(2000);
        assertThat(admitted.admitted()).extracting(WorkloadInfo::key).containsExactly("ml/notebooks");

        assertThat(engine.deleteDeviceObject("ResourceSlice", "node-1-partitions")).isTrue();
        engine.schedule(3000);
        assertThat(engine.workload("ml/notebooks").isAdmitted()).as("an admission keeps its charge").isTrue();
        assertThat(engine.pendingStatus("ml/training").message()).as("the pool is incomplete now")
                .contains("0 device(s) match in the cluster but 1 requested");
    }

    @Test
    void allRequestsAreChargedFromNodesAppliedLater() {
        Manifests all = new ManifestReader().read(List.of(Path.of("../examples/device-quota-all.yaml")));
        Engine engine = new Engine(all.configuration());
        List<KubeObject> nodes = all.objects().stream().filter(o -> o instanceof Node).toList();
        all.objects().stream().filter(o -> !(o instanceof Node)).forEach(engine::apply);

        assertThat(engine.schedule(1000).admitted()).isEmpty();
        assertThat(engine.pendingStatus("ml/whole-node").message())
                .contains("flavor big has no devices of DeviceClass gpu.example.com matching request gpus on its nodes");

        nodes.forEach(engine::apply);
        assertThat(engine.schedule(2000).admitted()).extracting(WorkloadInfo::key).containsExactly("ml/whole-node");
        assertThat(engine.workload("ml/whole-node").admission().podSets().get(0).flavors()).contains("big");
    }
}
