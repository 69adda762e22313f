package io.berth.sim.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.KubeObject;
import io.berth.api.core.LabelSelector;
import io.berth.api.core.Namespace;
import io.berth.api.core.ObjectMeta;
import io.berth.api.io.Manifests;
import io.berth.api.io.Validator;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.ClusterQueuePreemption;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.FlavorFungibility;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.QueueingStrategy;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.api.kueue.StopPolicy;
import io.berth.sim.model.SimNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueTemplatesTest {
    private static final long GI = 1L << 30;

    private static SimNode node(String name, long cpuMilli, long memoryBytes, int gpus, String model) {
        return new SimNode(name, Map.of(), List.of(), cpuMilli, memoryBytes, gpus, model);
    }

    private static ResourceQuota q(String resource, long milli) {
        return new ResourceQuota(resource, milli, null, null);
    }

    @Test
    void splitsTheClusterEvenlyBetweenTenantsPerFlavor() {
        List<SimNode> nodes = List.of(
                node("cpu-0", 32000, 64 * GI, 0, null),
                node("cpu-1", 32000, 64 * GI, 0, null),
                node("v-0", 96000, 384 * GI, 8, "V100M16"),
                node("g-0", 64000, 256 * GI, 8, "G2"),
                node("g-1", 64000, 256 * GI, 8, "G2"));
        List<KubeObject> objects = QueueTemplates.forTenants(List.of("ls", "be", "ls", "burstable"), "sim", nodes);

        FlavorQuotas defaultQ = new FlavorQuotas("default", List.of(q("cpu", 64000 / 3), q("memory", 128 * GI * 1000 / 3),
                q("nvidia.com/gpu", 0)));
        FlavorQuotas g2 = new FlavorQuotas("g2", List.of(q("cpu", 128000 / 3), q("memory", 512 * GI * 1000 / 3),
                q("nvidia.com/gpu", 16000 / 3)));
        FlavorQuotas v100 = new FlavorQuotas("v100m16", List.of(q("cpu", 32000), q("memory", 128 * GI * 1000),
                q("nvidia.com/gpu", 8000 / 3)));
        ResourceGroup group = new ResourceGroup(List.of("cpu", "memory", "nvidia.com/gpu"), List.of(defaultQ, g2, v100));
        List<KubeObject> expected = new java.util.ArrayList<>(List.of(
                new ResourceFlavor(ObjectMeta.named("default"), Map.of(), List.of(), List.of()),
                new ResourceFlavor(ObjectMeta.named("g2"), Map.of(SimNode.GPU_MODEL_LABEL, "G2"), List.of(), List.of()),
                new ResourceFlavor(ObjectMeta.named("v100m16"), Map.of(SimNode.GPU_MODEL_LABEL, "V100M16"), List.of(),
                        List.of()),
                new Cohort(ObjectMeta.named("cluster"), null, List.of(), 1000)));
        for (String t : List.of("ls", "be", "burstable")) {
            expected.add(new ClusterQueue(ObjectMeta.named(t), "cluster", List.of(group), LabelSelector.EVERYTHING,
                    QueueingStrategy.BestEffortFIFO, FlavorFungibility.DEFAULT, ClusterQueuePreemption.DEFAULT,
                    StopPolicy.None, 1000, null));
        }
        expected.add(new Namespace(ObjectMeta.named("sim")));
        for (String t : List.of("ls", "be", "burstable")) {
            expected.add(new LocalQueue(new ObjectMeta(t, "sim", Map.of(), Map.of(), null, null), t, StopPolicy.None, 1000));
        }
        assertThat(objects).containsExactlyElementsOf(expected);
        new Validator().validate(new Manifests(objects, List.of(), null, null, null)); // Kueue would accept them
    }

    @Test
    void withoutGpuNodesThereIsNoGpuResourceAndWithoutNodesNoQuota() {
        List<KubeObject> cpuOnly = QueueTemplates.forTenants(List.of("a"), null, List.of(node("n", 1000, GI, 0, null)));
        assertThat(cpuOnly).filteredOn(ClusterQueue.class::isInstance).singleElement()
                .extracting(o -> ((ClusterQueue) o).resourceGroups())
                .isEqualTo(List.of(new ResourceGroup(List.of("cpu", "memory"), List.of(new FlavorQuotas("default",
                        List.of(q("cpu", 1000), q("memory", GI * 1000)))))));
        assertThat(cpuOnly).filteredOn(LocalQueue.class::isInstance).singleElement()
                .extracting(o -> o.metadata().namespace()).isEqualTo("default");
        List<KubeObject> empty = QueueTemplates.forTenants(List.of("a", "b"), "x", List.of());
        assertThat(empty).filteredOn(ClusterQueue.class::isInstance).hasSize(2).allSatisfy(o ->
                assertThat(((ClusterQueue) o).resourceGroups().get(0).flavors().get(0).resources())
                        .extracting(ResourceQuota::nominalQuota).containsOnly(0L));
    }

    @Test
    void flavorNamesAreKubernetesNames() {
        assertThat(QueueTemplates.flavorName("A100-SXM4-80GB")).isEqualTo("a100-sxm4-80gb");
        assertThat(QueueTemplates.flavorName("Tesla T4")).isEqualTo("tesla-t4");
        assertThat(QueueTemplates.flavorName("Default")).isEqualTo("default-gpu");
        assertThat(QueueTemplates.flavorName("???")).isEqualTo("gpu");
    }

    @Test
    void badTenantsAreRejected() {
        assertThatThrownBy(() -> QueueTemplates.forTenants(List.of(), null, List.of())).hasMessageContaining("no tenants");
        assertThatThrownBy(() -> QueueTemplates.forTenants(List.of("Team A"), null, List.of()))
                .hasMessageContaining("invalid tenant \"Team A\"");
    }
}
