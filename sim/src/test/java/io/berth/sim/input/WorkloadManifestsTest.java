package io.berth.sim.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.core.Toleration;
import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.WorkloadPriorityClass;
import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadManifestsTest {
    private static final long GI = 1L << 30;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void workloadsCarryDurationSubmitTimeAndClassAnnotations() throws IOException {
        Path f = write("wl.yaml", """
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: ClusterQueue
                metadata: {name: cq}
                spec:
                  namespaceSelector: {}
                  resourceGroups:
                  - coveredResources: [cpu]
                    flavors: [{name: default, resources: [{name: cpu, nominalQuota: 10}]}]
                ---
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: LocalQueue
                metadata: {name: lq, namespace: team}
                spec: {clusterQueue: cq}
                ---
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: WorkloadPriorityClass
                metadata: {name: high}
                value: 1000
                ---
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: Workload
                metadata:
                  name: train
                  namespace: team
                  creationTimestamp: "2026-01-01T00:00:10Z"
                  annotations: {berth.io/duration: 1h30m, berth.io/class: large}
                spec:
                  queueName: lq
                  priorityClassName: high
                  priorityClassSource: kueue.x-k8s.io/workloadpriorityclass
                  podSets:
                  - name: workers
                    count: 4
                    minCount: 2
                    template:
                      spec:
                        tolerations: [{key: nvidia.com/gpu, operator: Exists}]
                        affinity:
                          nodeAffinity:
                            requiredDuringSchedulingIgnoredDuringExecution:
                              nodeSelectorTerms:
                              - matchExpressions:
                                - {key: nvidia.com/gpu.product, operator: In, values: [A100, H100]}
                        containers:
                        - resources:
                            requests: {cpu: "8", memory: 32Gi, nvidia.com/gpu: "2"}
                ---
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: Workload
                metadata:
                  name: eval
                  namespace: team
                  annotations: {berth.io/duration: "90", berth.io/submit-time: 5m}
                spec:
                  queueName: lq
                  priority: 7
                  podSets:
                  - count: 1
                    template:
                      spec:
                        nodeSelector: {nvidia.com/gpu.product: T4}
                        containers:
                        - resources: {requests: {cpu: 500m, nvidia.com/gpu: 500m}}
                """);
        WorkloadManifests.Result r = WorkloadManifests.read(List.of(f));
        assertThat(r.workloads()).containsExactly(
                new SimWorkload("team", "eval", "lq", 7, "default", 300_000, 90_000, List.of(new SimPodSet("main", 1,
                        null, Map.of("cpu", 500L, SimPodSet.GPU, 500L), List.of("T4"),
                        Map.of(SimNode.GPU_MODEL_LABEL, "T4"), List.of()))),
                new SimWorkload("team", "train", "lq", 1000, "large",
                        Instant.parse("2026-01-01T00:00:10Z").toEpochMilli(), 5_400_000, List.of(new SimPodSet("workers",
                        4, 2, Map.of("cpu", 8000L, "memory", 32 * GI * 1000, SimPodSet.GPU, 2000L), List.of("A100", "H100"),
                        Map.of(), List.of(new Toleration("nvidia.com/gpu", "Exists", null, null))))));
        assertThat(r.queueObjects()).hasExactlyElementsOfTypes(ClusterQueue.class, LocalQueue.class,
                WorkloadPriorityClass.class);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void rfc3339SubmitTimeAndMissingTimesDefaultToZero() throws IOException {
        Path f = write("wl.yaml", workload("a", "{berth.io/duration: 10s, berth.io/submit-time: \"1970-01-01T00:01:00+00:00\"}")
                + "---\n" + workload("b", "{berth.io/duration: 10s}"));
        assertThat(WorkloadManifests.read(List.of(f)).workloads()).extracting(SimWorkload::name, SimWorkload::submitMillis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", 0L), org.assertj.core.groups.Tuple.tuple("a", 60_000L));
    }

    private static String workload(String name, String annotations) {
        return """
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: Workload
                metadata: {name: %s, annotations: %s}
                spec:
                  queueName: lq
                  podSets: [{count: 1, template: {spec: {containers: [{resources: {requests: {cpu: 1}}}]}}}]
                """.formatted(name, annotations);
    }

    @Test
    void missingDurationNamesTheObject() throws IOException {
        Path f = write("wl.yaml", workload("a", "{}") + "---\n" + workload("b", "{berth.io/duration: soon, berth.io/submit-time: later}")
                + "---\n" + workload("c", "{berth.io/duration: 1s}").replace("queueName: lq", "priorityClassName: nope"));
        assertThatThrownBy(() -> WorkloadManifests.read(List.of(f))).isInstanceOfSatisfying(InputException.class, e ->
                assertThat(e.errors()).extracting(InputError::toString).containsExactly(
                        f + ": document 1: Workload/default/a: metadata.annotations[berth.io/duration]: required: expected"
                                + " how long the workload runs once admitted, a duration such as 90s or 1h30m, found nothing",
                        f + ": document 2: Workload/default/b: metadata.annotations[berth.io/duration]: invalid duration"
                                + " \"soon\": expected seconds (90, 1.5) or a duration such as 90s, 1m30s or 1h",
                        f + ": document 2: Workload/default/b: metadata.annotations[berth.io/submit-time]: invalid submit"
                                + " time \"later\": expected an RFC 3339 time such as 2026-01-01T00:00:00Z, or an offset from"
                                + " time 0 such as 90s, 1h or 90",
                        f + ": document 3: Workload/default/c: spec.queueName: required: expected the LocalQueue the"
                                + " workload is submitted to, found nothing",
                        f + ": document 3: Workload/default/c: spec.priorityClassName: PriorityClass nope is not in the"
                                + " input; expected it among the files, or spec.priority"));
    }

    @Test
    void inactiveWorkloadsAndIgnoredAffinityAreWarnings() throws IOException {
        Path f = write("wl.yaml", workload("paused", "{berth.io/duration: 1s}").replace("queueName: lq", "queueName: lq\n  active: false")
                + "---\n" + """
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: Workload
                metadata: {name: zoned, annotations: {berth.io/duration: 1s}}
                spec:
                  queueName: lq
                  podSets:
                  - count: 1
                    template:
                      spec:
                        affinity:
                          nodeAffinity:
                            requiredDuringSchedulingIgnoredDuringExecution:
                              nodeSelectorTerms:
                              - matchExpressions: [{key: zone, operator: In, values: [a]}]
                        containers: [{resources: {requests: {cpu: 1}}}]
                """);
        WorkloadManifests.Result r = WorkloadManifests.read(List.of(f));
        assertThat(r.workloads()).extracting(SimWorkload::name).containsExactly("zoned");
        assertThat(r.warnings()).extracting(InputError::toString).containsExactly(
                f + ": document 1: Workload/default/paused: spec.active: inactive (spec.active: false): left out of the simulation",
                f + ": document 2: Workload/default/zoned: spec.podSets[0].template.spec.affinity: required node affinity"
                        + " other than nvidia.com/gpu.product In [...] is ignored by the simulator");
    }

    @Test
    void limitRangeDefaultsAreInTheRequestsAndWorkloadsNeverAdmittedAreLeftOut() throws IOException {
        Path f = write("wl.yaml", """
                apiVersion: v1
                kind: LimitRange
                metadata: {name: limits}
                spec: {limits: [{type: Container, defaultRequest: {memory: 2Gi}, max: {cpu: "2"}}]}
                ---
                """ + workload("fits", "{berth.io/duration: 1s}") + "---\n"
                + workload("huge", "{berth.io/duration: 1s}").replace("cpu: 1", "cpu: 3") + "---\n"
                + workload("over", "{berth.io/duration: 1s}").replace("cpu: 1}", "cpu: 1}, limits: {cpu: 500m}"));
        WorkloadManifests.Result r = WorkloadManifests.read(List.of(f));
        assertThat(r.workloads()).extracting(SimWorkload::name).containsExactly("fits");
        assertThat(r.workloads().get(0).podSets().get(0).requests()).isEqualTo(Map.of("cpu", 1000L, "memory", 2 * GI * 1000));
        assertThat(r.warnings()).extracting(InputError::toString).containsExactly(f + ": document 3: Workload/default/huge:"
                + " spec.podSets: left out of the simulation, it would never be admitted: resources didn't satisfy"
                + " LimitRange constraints: spec.podSets[0].template.spec.containers[0]: Invalid value: [\"cpu\"]:"
                + " requests must not be above the limitRange max", f + ": document 4: Workload/default/over:"
                + " spec.podSets: left out of the simulation, it would never be admitted: resources validation failed:"
                + " spec.podSets[0].template.spec.containers[0]: Invalid value: [\"cpu\"]: requests must not exceed"
                + " its limits");
        assertThat(r.queueObjects()).hasSize(1); // the LimitRange goes to the engine as well
    }
}
