package io.berth.sim.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlibabaTraceTest {
    private static final long MIB = 1L << 20;
    private static final QueueMapping TRACE = QueueMapping.parse("single:trace", "sim");
    private static final String POD_HEADER =
            "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void nodesBecomeSimNodesWithHostnameAndGpuModelLabels() throws IOException {
        Path csv = write("nodes.csv", """
                sn,cpu_milli,memory_mib,gpu,model
                openb-node-0000,32000,262144,0,
                openb-node-0001,96000,393216,8,G2
                """);
        ReadResult<SimNode> r = AlibabaTrace.readNodes(csv, BadRowPolicy.REJECT);
        assertThat(r.items()).containsExactly(
                new SimNode("openb-node-0000", Map.of("kubernetes.io/hostname", "openb-node-0000"), List.of(),
                        32000, 262144 * MIB, 0, null),
                new SimNode("openb-node-0001", Map.of("kubernetes.io/hostname", "openb-node-0001",
                        SimNode.GPU_MODEL_LABEL, "G2"), List.of(), 96000, 393216 * MIB, 8, "G2"));
        assertThat(r.warnings()).isEmpty();
        assertThat(r.skippedRows()).isZero();
    }

    @Test
    void columnsAreFoundByNameInAnyOrderAndQuotedValuesAreRead() throws IOException {
        Path csv = write("nodes.csv", """
                model,"sn",gpu,memory_mib,cpu_milli,rack
                "V100M16","n-a",4,131072,32000,"r1, left"
                """);
        assertThat(AlibabaTrace.readNodes(csv, BadRowPolicy.REJECT).items()).containsExactly(
                new SimNode("n-a", Map.of("kubernetes.io/hostname", "n-a", SimNode.GPU_MODEL_LABEL, "V100M16"),
                        List.of(), 32000, 131072 * MIB, 4, "V100M16"));
    }

    @Test
    void podsBecomeWorkloadsInSubmissionOrder() throws IOException {
        Path csv = write("pods.csv", POD_HEADER + """
                p0,12000,16384,1,1000,,LS,Running,0,12537496,0
                p1,6000,12288,1,460,V100M16|V100M32|V100M32,BE,Running,427061,12902960,427065
                p2,88000,1024,8,,"G2|T4",Burstable,Succeeded,10,20,12
                p3,4000,2048,0,0,,BE,Failed,11,11,11
                """);
        ReadResult<SimWorkload> r = AlibabaTrace.readPods(csv, TRACE, BadRowPolicy.REJECT);
        assertThat(r.items()).containsExactly(
                workload("p0", "LS", 0, 12537496_000L, Map.of("cpu", 12000L, "memory", 16384 * MIB * 1000,
                        SimPodSet.GPU, 1000L), List.of()),
                workload("p2", "Burstable", 10_000, 8_000, Map.of("cpu", 88000L, "memory", 1024 * MIB * 1000,
                        SimPodSet.GPU, 8000L), List.of("G2", "T4")),
                workload("p3", "BE", 11_000, 0, Map.of("cpu", 4000L, "memory", 2048 * MIB * 1000), List.of()),
                workload("p1", "BE", 427061_000L, (12902960L - 427065L) * 1000, Map.of("cpu", 6000L,
                        "memory", 12288 * MIB * 1000, SimPodSet.GPU, 460L), List.of("V100M16", "V100M32")));
        assertThat(r.warnings()).isEmpty();
    }

    private static SimWorkload workload(String name, String qos, long submit, long duration, Map<String, Long> requests,
                                        List<String> models) {
        return new SimWorkload("sim", name, "trace", 0, qos, submit, duration,
                List.of(new SimPodSet("main", 1, null, requests, models, null, null)));
    }

    private Path badPods() throws IOException {
        return write("bad.csv", POD_HEADER + """
                ok,1000,1024,0,0,,LS,Running,0,10,1
                never,1000,1024,1,1000,,BE,Pending,30,40,
                share,1000,1024,2,500,,LS,Running,5,10,6
                backwards,1000,1024,1,1000,,LS,Running,5,10,12
                cpu,lots,1024,0,0,,LS,Running,5,10,6
                short,1000,1024
                ok,1000,1024,0,0,,LS,Running,0,10,1
                """);
    }

    @Test
    void skipReportsEveryBadRowWithFileLineAndColumn() throws IOException {
        Path csv = badPods();
        ReadResult<SimWorkload> r = AlibabaTrace.readPods(csv, TRACE, BadRowPolicy.SKIP);
        assertThat(r.items()).extracting(SimWorkload::name).containsExactly("ok");
        assertThat(r.skippedRows()).isEqualTo(6);
        assertThat(r.warnings()).extracting(InputError::file).containsOnly(csv.toString());
        assertThat(r.warnings()).extracting(InputError::document, InputError::object, InputError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "never", "scheduled_time"),
                org.assertj.core.groups.Tuple.tuple(4, "share", "gpu_milli"),
                org.assertj.core.groups.Tuple.tuple(5, "backwards", "deletion_time"),
                org.assertj.core.groups.Tuple.tuple(6, "cpu", "cpu_milli"),
                org.assertj.core.groups.Tuple.tuple(7, "short", null),
                org.assertj.core.groups.Tuple.tuple(8, "ok", "name"));
        assertThat(r.warnings().get(0).toString()).isEqualTo(csv + ": document 3: never: scheduled_time: line 3: "
                + "empty: the pod was never scheduled (pod_phase Pending), so it has no duration; "
                + "expected the time it was scheduled, in seconds");
        assertThat(r.warnings().get(1).message()).isEqualTo("line 4: a share of 500 thousandths of a GPU with num_gpu 2;"
                + " expected num_gpu 1 for a share, or gpu_milli 1000 for whole GPUs");
        assertThat(r.warnings().get(2).message()).isEqualTo("line 5: negative duration: deleted at 10 s, before it was"
                + " scheduled at 12 s; expected deletion_time >= scheduled_time");
        assertThat(r.warnings().get(3).message()).isEqualTo("line 6: expected a whole number, found \"lots\"");
        assertThat(r.warnings().get(4).message()).isEqualTo("line 7: has 3 values but the header has 11 columns");
        assertThat(r.warnings().get(5).message()).isEqualTo("line 8: duplicate pod \"ok\"; first on line 2");
    }

    @Test
    void rejectThrowsListingEveryBadRow() throws IOException {
        Path csv = badPods();
        assertThatThrownBy(() -> AlibabaTrace.readPods(csv, TRACE, BadRowPolicy.REJECT))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.errors()).extracting(InputError::document).containsExactly(3, 4, 5, 6, 7, 8);
                    assertThat(e.getMessage()).startsWith(csv + ": document 3: never: scheduled_time: line 3: empty");
                });
    }

    @Test
    void badNodeRowsAreReported() throws IOException {
        Path csv = write("nodes.csv", """
                sn,cpu_milli,memory_mib,gpu,model
                a,32000,1024,2,
                b,-1,1024,0,
                c,32000,1024,0,T4
                d,32000,1024,0,
                """);
        ReadResult<SimNode> r = AlibabaTrace.readNodes(csv, BadRowPolicy.SKIP);
        assertThat(r.items()).extracting(SimNode::name).containsExactly("d");
        assertThat(r.warnings()).extracting(InputError::toString).containsExactly(
                csv + ": document 2: a: model: line 2: empty; expected the GPU model of a node with 2 GPUs",
                csv + ": document 3: b: cpu_milli: line 3: expected a whole number of at least 0, found -1",
                csv + ": document 4: c: model: line 4: GPU model \"T4\" on a node without GPUs; expected gpu > 0 or an empty model");
        assertThatThrownBy(() -> AlibabaTrace.readNodes(csv, BadRowPolicy.REJECT))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.errors()).hasSize(3));
    }

    @Test
    void missingColumnsFailTheWholeFile() throws IOException {
        Path csv = write("pods.csv", "name,cpu_milli,memory_mib,num_gpu,gpu_milli\np0,1,1,0,0\n");
        assertThatThrownBy(() -> AlibabaTrace.readPods(csv, TRACE, BadRowPolicy.SKIP))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.errors()).singleElement()
                        .hasToString(csv + ": document 1: line 1: missing columns gpu_spec, qos, creation_time, "
                                + "deletion_time, scheduled_time; the header has name,cpu_milli,memory_mib,num_gpu,gpu_milli"));
    }

    @Test
    void queueMappingByColumnNamesLocalQueuesAfterTheValue() throws IOException {
        Path csv = write("pods.csv", POD_HEADER + """
                p0,1000,1024,0,0,,LS,Running,0,10,1
                p1,1000,1024,0,0,,Best Effort,Running,1,10,1
                p2,1000,1024,0,0,,,Running,2,10,2
                """);
        ReadResult<SimWorkload> r = AlibabaTrace.readPods(csv, QueueMapping.parse("column:qos", "default"),
                BadRowPolicy.SKIP);
        assertThat(r.items()).extracting(SimWorkload::namespace, SimWorkload::localQueue, SimWorkload::workloadClass)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("default", "ls", "LS"),
                        org.assertj.core.groups.Tuple.tuple("default", "best-effort", "Best Effort"));
        assertThat(r.warnings()).singleElement().hasToString(
                csv + ": document 4: p2: qos: line 4: empty; expected the pod's QoS class, such as LS or BE");
    }

    @Test
    void realTraceWithQueuesByQosGetsValidDefaultQueues() {
        Path trace = SharedData.dir("traces/alibaba-gpu-v2023");
        List<SimNode> nodes = AlibabaTrace.readNodes(trace.resolve("openb_node_list_all_node.csv"), BadRowPolicy.REJECT)
                .items();
        QueueMapping byQos = QueueMapping.parse("column:qos", "openb");
        List<SimWorkload> pods = AlibabaTrace.readPods(trace.resolve("openb_pod_list_default.csv"), byQos,
                BadRowPolicy.SKIP).items();
        List<String> tenants = byQos.localQueues(pods);
        assertThat(tenants).containsExactly("be", "burstable", "guaranteed", "ls");
        List<io.berth.api.KubeObject> objects = QueueTemplates.forTenants(tenants, byQos.namespace(), nodes);
        assertThat(objects).filteredOn(io.berth.api.kueue.ResourceFlavor.class::isInstance)
                .extracting(o -> o.metadata().name())
                .containsExactly("default", "a10", "g2", "g3", "p100", "t4", "v100m16", "v100m32");
        new io.berth.api.io.Validator().validate(new io.berth.api.io.Manifests(objects, List.of(), null, null, null));
    }

    @Test
    void realTraceIsReadInFull() {
        Path trace = SharedData.dir("traces/alibaba-gpu-v2023");
        ReadResult<SimNode> nodes = AlibabaTrace.readNodes(trace.resolve("openb_node_list_all_node.csv"), BadRowPolicy.REJECT);
        assertThat(nodes.items()).hasSize(1523);
        assertThat(nodes.items().stream().filter(n -> n.gpus() > 0)).hasSize(1213);
        assertThat(nodes.items().stream().mapToInt(SimNode::gpus).sum()).isEqualTo(6212);
        assertThat(nodes.items().stream().map(SimNode::gpuModel).filter(m -> m != null).distinct().sorted())
                .containsExactly("A10", "G2", "G3", "P100", "T4", "V100M16", "V100M32");
        assertThat(nodes.items().get(300)).isEqualTo(new SimNode("openb-node-0300", Map.of("kubernetes.io/hostname",
                "openb-node-0300", SimNode.GPU_MODEL_LABEL, "P100"), List.of(), 16000, 122880 * MIB, 2, "P100"));

        Path default_ = trace.resolve("openb_pod_list_default.csv");
        ReadResult<SimWorkload> pods = AlibabaTrace.readPods(default_, TRACE, BadRowPolicy.SKIP);
        // 8,152 rows: 897 Pending pods were never scheduled and have no duration.
        assertThat(pods.items().size() + pods.skippedRows()).isEqualTo(8152);
        assertThat(pods.items()).hasSize(7255);
        assertThat(pods.skippedRows()).isEqualTo(897);
        assertThat(pods.warnings()).hasSize(897).allSatisfy(w -> assertThat(w.field()).isEqualTo("scheduled_time"));
        assertThat(pods.warnings().get(0)).hasToString(default_ + ": document 63: openb-pod-0061: scheduled_time: line 63: "
                + "empty: the pod was never scheduled (pod_phase Pending), so it has no duration; "
                + "expected the time it was scheduled, in seconds");
        assertThat(pods.items().get(1)).isEqualTo(workload("openb-pod-0001", "LS", 427061_000L,
                (12902960L - 427061L) * 1000, Map.of("cpu", 6000L, "memory", 12288 * MIB * 1000, SimPodSet.GPU, 460L),
                List.of()));
        assertThat(pods.items()).isSortedAccordingTo(java.util.Comparator.comparingLong(SimWorkload::submitMillis));
        assertThatThrownBy(() -> AlibabaTrace.readPods(default_, TRACE, BadRowPolicy.REJECT))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.errors()).hasSize(897));

        ReadResult<SimWorkload> spec33 = AlibabaTrace.readPods(trace.resolve("openb_pod_list_gpuspec33.csv"), TRACE,
                BadRowPolicy.SKIP);
        assertThat(spec33.items()).hasSize(7255);
        assertThat(spec33.items().stream().filter(w -> !w.podSets().get(0).gpuModels().isEmpty())).isNotEmpty();
        ReadResult<SimWorkload> share = AlibabaTrace.readPods(trace.resolve("openb_pod_list_gpushare100.csv"), TRACE,
                BadRowPolicy.SKIP);
        assertThat(share.items().size() + share.skippedRows()).isEqualTo(8152);
        // multigpu50 has only the resource columns: no times, so it cannot be replayed.
        assertThatThrownBy(() -> AlibabaTrace.readPods(trace.resolve("openb_pod_list_multigpu50.csv"), TRACE,
                BadRowPolicy.SKIP)).isInstanceOf(InputException.class).hasMessageContaining("missing columns gpu_spec");
    }
}
