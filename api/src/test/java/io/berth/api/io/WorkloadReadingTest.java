package io.berth.api.io;

import static io.berth.api.io.Yaml.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.kueue.Admission;
import io.berth.api.kueue.Condition;
import io.berth.api.kueue.PodSetAssignment;
import io.berth.api.kueue.PriorityClassRef;
import io.berth.api.kueue.Workload;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadReadingTest {

    private static Workload workload(String yaml) {
        Manifests m = read(yaml);
        assertThat(m.objects()).hasSize(1);
        return (Workload) m.objects().get(0);
    }

    @Test
    void workloadFromBothVersionsIsTheSame() {
        String v1 = """
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: Workload
                metadata: {name: job-1, namespace: team-a, creationTimestamp: "2026-01-01T00:00:01Z"}
                spec:
                  queueName: main
                  priorityClassName: high
                  priorityClassSource: kueue.x-k8s.io/workloadpriorityclass
                  priority: 100
                  active: false
                  podSets:
                  - name: workers
                    count: 4
                    minCount: 2
                    template:
                      spec:
                        containers: [{name: c, resources: {requests: {cpu: "1"}}}]
                """;
        String v2 = """
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: Workload
                metadata: {name: job-1, namespace: team-a, creationTimestamp: "2026-01-01T00:00:01Z"}
                spec:
                  queueName: main
                  priorityClassRef: {group: kueue.x-k8s.io, kind: WorkloadPriorityClass, name: high}
                  priority: 100
                  active: false
                  podSets:
                  - name: workers
                    count: 4
                    minCount: 2
                    template:
                      spec:
                        containers: [{name: c, resources: {requests: {cpu: "1"}}}]
                """;
        Workload a = workload(v1);
        Workload b = workload(v2);
        assertThat(b).isEqualTo(a);
        assertThat(a.ref()).isEqualTo("Workload/team-a/job-1");
        assertThat(a.queueName()).isEqualTo("main");
        assertThat(a.priorityClass()).isEqualTo(new PriorityClassRef(PriorityClassRef.KUEUE_GROUP, "high"));
        assertThat(a.priority()).isEqualTo(100);
        assertThat(a.active()).isFalse();
        assertThat(a.metadata().creationTimestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:01Z"));
        assertThat(a.podSets()).hasSize(1);
        assertThat(a.podSets().get(0).name()).isEqualTo("workers");
        assertThat(a.podSets().get(0).count()).isEqualTo(4);
        assertThat(a.podSets().get(0).minCount()).isEqualTo(2);
        assertThat(a.podSets().get(0).template().requests()).isEqualTo(Map.of("cpu", 1000L));
    }

    @Test
    void defaultsWithoutPriorityOrName() {
        Workload w = workload("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: Workload
                metadata: {name: w}
                spec:
                  podSets: [{count: 1, template: {spec: {}}}]
                """);
        assertThat(w.metadata().namespace()).isEqualTo("default");
        assertThat(w.active()).isTrue();
        assertThat(w.priority()).isNull();
        assertThat(w.priorityClass()).isNull();
        assertThat(w.queueName()).isNull();
        assertThat(w.podSets().get(0).name()).isEqualTo("main");
        assertThat(w.podSets().get(0).minCount()).isNull();
        assertThat(w.admission()).isNull();
        assertThat(w.hasQuotaReservation()).isFalse();
    }

    @Test
    void podRequestsSumContainersTakeInitMaximaAndAddOverhead() {
        Workload w = workload("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: Workload
                metadata: {name: w}
                spec:
                  podSets:
                  - count: 1
                    template:
                      spec:
                        containers:
                        - resources: {requests: {cpu: 500m, memory: 1Gi}}
                        - resources: {limits: {cpu: "1", example.com/gpu: 2}, requests: {memory: 512Mi}}
                        initContainers:
                        - resources: {requests: {cpu: "4", ephemeral-storage: 1Gi}}
                        - resources: {requests: {memory: 1Gi}}
                        overhead: {cpu: 100m}
                """);
        Map<String, Long> requests = w.podSets().get(0).template().requests();
        assertThat(requests).containsExactly(
                Map.entry("cpu", 4100L),                            // init 4 > containers 1.5, + 100m overhead
                Map.entry("memory", 1536L * 1024 * 1024 * 1000),    // containers 1.5Gi > init 1Gi
                Map.entry("example.com/gpu", 2000L),                // limit without request counts as request
                Map.entry("ephemeral-storage", 1024L * 1024 * 1024 * 1000));
    }

    @Test
    void sidecarInitContainersRunAlongsideTheContainers() {
        Workload w = workload("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: Workload
                metadata: {name: w}
                spec:
                  podSets:
                  - count: 1
                    template:
                      spec:
                        containers: [{resources: {requests: {cpu: "1"}}}]
                        initContainers:
                        - {restartPolicy: Always, resources: {requests: {cpu: "1"}}}
                        - resources: {requests: {cpu: "3"}}
                """);
        // sidecar 1 + containers 1 = 2 while running; sidecar 1 + init 3 = 4 during init.
        assertThat(w.podSets().get(0).template().requests()).isEqualTo(Map.of("cpu", 4000L));
    }

    @Test
    void statusAdmissionAndConditionsMakeARunningWorkload() {
        Workload w = workload("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: Workload
                metadata: {name: running, namespace: ns}
                spec:
                  queueName: q
                  podSets: [{name: main, count: 2, template: {spec: {containers: [{resources: {requests: {cpu: 2}}}]}}}]
                status:
                  admission:
                    clusterQueue: cq
                    podSetAssignments:
                    - name: main
                      flavors: {cpu: default}
                      resourceUsage: {cpu: "4"}
                      count: 2
                  conditions:
                  - type: QuotaReserved
                    status: "True"
                    reason: QuotaReserved
                    message: reserved
                    lastTransitionTime: "2026-01-01T01:00:00Z"
                """);
        assertThat(w.admission()).isEqualTo(new Admission("cq",
                List.of(new PodSetAssignment("main", Map.of("cpu", "default"), Map.of("cpu", 4000L), 2))));
        assertThat(w.conditions()).containsExactly(new Condition("QuotaReserved", "True", "QuotaReserved", "reserved",
                Instant.parse("2026-01-01T01:00:00Z")));
        assertThat(w.hasQuotaReservation()).isTrue();
    }
}
