package io.berth.sim.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.core.Taint;
import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import io.berth.sim.model.SimNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodePoolsTest {
    private static final long GI = 1L << 30;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void poolsExpandIntoNamedNodes() throws IOException {
        Path f = write("pools.yaml", """
                pools:
                - name: a100
                  count: 2
                  cpu: "64"
                  memory: 256Gi
                  gpus: 8
                  gpuModel: A100
                  labels: {topology.kubernetes.io/zone: a}
                  taints: [{key: nvidia.com/gpu, value: present, effect: NoSchedule}]
                - name: cpu
                  count: 1
                  cpu: 32
                  memory: 128Gi
                """);
        Taint gpuTaint = new Taint("nvidia.com/gpu", "present", "NoSchedule");
        assertThat(NodePools.read(f)).containsExactly(
                new SimNode("a100-0", Map.of("topology.kubernetes.io/zone", "a", "kubernetes.io/hostname", "a100-0",
                        SimNode.GPU_MODEL_LABEL, "A100"), List.of(gpuTaint), 64_000, 256 * GI, 8, "A100"),
                new SimNode("a100-1", Map.of("topology.kubernetes.io/zone", "a", "kubernetes.io/hostname", "a100-1",
                        SimNode.GPU_MODEL_LABEL, "A100"), List.of(gpuTaint), 64_000, 256 * GI, 8, "A100"),
                new SimNode("cpu-0", Map.of("kubernetes.io/hostname", "cpu-0"), List.of(), 32_000, 128 * GI, 0, null));
    }

    @Test
    void nodeManifestsAndListsOfThem() throws IOException {
        Path f = write("nodes.yaml", """
                apiVersion: v1
                kind: Node
                metadata:
                  name: gpu-1
                  labels: {kubernetes.io/hostname: gpu-1, nvidia.com/gpu.product: H100}
                spec:
                  taints: [{key: dedicated, value: ml, effect: NoExecute}]
                status:
                  capacity: {cpu: "96", memory: 1Ti, nvidia.com/gpu: "8"}
                  allocatable: {cpu: 95500m, memory: 1000Gi, nvidia.com/gpu: "8", pods: "110"}
                ---
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Node
                  metadata: {name: small}
                  spec: {unschedulable: true}
                  status: {capacity: {cpu: "4", memory: 16Gi}}
                """);
        assertThat(NodePools.read(List.of(f))).containsExactly(
                new SimNode("gpu-1", Map.of("kubernetes.io/hostname", "gpu-1", SimNode.GPU_MODEL_LABEL, "H100"),
                        List.of(new Taint("dedicated", "ml", "NoExecute")), 95_500, 1000 * GI, 8, "H100"),
                new SimNode("small", Map.of("kubernetes.io/hostname", "small"),
                        List.of(new Taint("node.kubernetes.io/unschedulable", null, "NoSchedule")), 4_000, 16 * GI, 0, null));
    }

    @Test
    void everyProblemIsReportedWithDocumentObjectAndField() throws IOException {
        Path f = write("bad.yaml", """
                pools:
                - name: a100
                  count: 2
                  cpu: lots
                  gpus: 8
                  taints: [{key: k, effect: Never}]
                - name: ok
                  count: 1
                  cpu: 1
                  memory: 1Gi
                  gpu: 1
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: g}
                status: {allocatable: {cpu: "8", memory: 1Gi, nvidia.com/gpu: 500m}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                """);
        Path dup = write("dup.yaml", """
                pools: [{name: x, count: 1, cpu: 1, memory: 1Gi}]
                ---
                {apiVersion: v1, kind: Node, metadata: {name: x-0}, status: {capacity: {cpu: 1, memory: 1Gi}}}
                """);
        assertThatThrownBy(() -> NodePools.read(List.of(f, dup, dir.resolve("missing.yaml"))))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.errors()).extracting(InputError::toString)
                        .containsExactly(
                                dir.resolve("missing.yaml") + ": cannot read: no such file",
                                f + ": document 1: pool a100: pools[0].cpu: invalid quantity \"lots\": expected a number"
                                        + " with an optional suffix (n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent such as e3)",
                                f + ": document 1: pool a100: pools[0].memory: required: expected the memory of each node,"
                                        + " such as 256Gi, found nothing",
                                f + ": document 1: pool a100: pools[0].gpuModel: required with gpus: expected the GPU model,"
                                        + " such as A100",
                                f + ": document 1: pool a100: pools[0].taints[0].effect: unknown value \"Never\"; expected"
                                        + " one of NoSchedule, PreferNoSchedule, NoExecute",
                                f + ": document 1: pool ok: pools[1].gpu: unknown field \"gpu\"; expected one of name, count,"
                                        + " cpu, memory, gpus, gpuModel, labels, taints",
                                f + ": document 2: Node/g: status.allocatable.nvidia.com/gpu: expected a whole number of GPUs,"
                                        + " found string \"500m\"",
                                f + ": document 3: expected a mapping with pools: or a Kubernetes Node (apiVersion: v1, kind:"
                                        + " Node, or a v1 List of Nodes); found kind Pod in apiVersion v1",
                                dup + ": document 2: duplicate node \"x-0\"; first defined in " + dup + " document 1"));
    }

    @Test
    void syntaxErrorsNameTheLine() throws IOException {
        Path f = write("broken.yaml", "pools:\n- name: a\n  count: [1\n");
        assertThatThrownBy(() -> NodePools.read(f)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(f + ": document 1: syntax error at line");
    }
}
