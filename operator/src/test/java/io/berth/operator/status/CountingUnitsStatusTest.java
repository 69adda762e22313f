package io.berth.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.io.ManifestReader;
import io.berth.api.io.Manifests;
import io.berth.api.kueue.LocalQueue;
import io.berth.core.Engine;
import io.berth.operator.status.QueueSnapshot.FlavorUsage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine counts memory in bytes and devices whole; status and metrics get milli-units back. */
class CountingUnitsStatusTest {
    private static final Manifests CLUSTER = new ManifestReader().read("cluster.yaml", """
            apiVersion: kueue.x-k8s.io/v1beta2
            kind: ResourceFlavor
            metadata: {name: default}
            ---
            apiVersion: kueue.x-k8s.io/v1beta2
            kind: ClusterQueue
            metadata: {name: cq}
            spec:
              namespaceSelector: {}
              resourceGroups:
              - coveredResources: [cpu, memory, example.com/gpu]
                flavors:
                - name: default
                  resources:
                  - {name: cpu, nominalQuota: "8"}
                  - {name: memory, nominalQuota: 16Gi}
                  - {name: example.com/gpu, nominalQuota: "4"}
            ---
            apiVersion: kueue.x-k8s.io/v1beta2
            kind: LocalQueue
            metadata: {name: lq, namespace: ns}
            spec: {clusterQueue: cq}
            ---
            apiVersion: kueue.x-k8s.io/v1beta2
            kind: Workload
            metadata: {name: w, namespace: ns, creationTimestamp: "2026-01-01T00:00:00Z"}
            spec:
              queueName: lq
              podSets:
              - name: main
                count: 2
                template:
                  spec:
                    containers:
                    - name: c
                      resources: {requests: {cpu: 1500m, memory: 1Gi, example.com/gpu: 500m}}
            """);

    @Test
    void admissionUsageAndQueueStatusAreWrittenAsKueueWritesThem() {
        Engine engine = new Engine(CLUSTER.configuration());
        engine.applyAll(CLUSTER.objects());
        assertThat(engine.schedule(Instant.parse("2026-01-01T00:01:00Z").toEpochMilli()).admitted()).hasSize(1);

        var usage = AdmissionRecords.toApi(engine.workload("ns/w"), engine.flavorResources())
                .podSetAssignments().get(0).resourceUsage();
        // Half a device per pod counts as a whole one, as in Kueue.
        assertThat(usage).isEqualTo(Map.of("cpu", 3_000L, "memory", (2L << 30) * 1000,
                "example.com/gpu", 2_000L));

        List<LocalQueue> lqs = CLUSTER.objects().stream().filter(o -> o instanceof LocalQueue)
                .map(o -> (LocalQueue) o).toList();
        QueueSnapshot snapshot = QueueSnapshot.build(engine, lqs);
        assertThat(snapshot.clusterQueues().get("cq").usage()).containsExactly(
                new FlavorUsage("default", "cpu", 8_000, 3_000, 0),
                new FlavorUsage("default", "memory", (16L << 30) * 1000, (2L << 30) * 1000, 0),
                new FlavorUsage("default", "example.com/gpu", 4_000, 2_000, 0));
        Map<String, Object> status = new LinkedHashMap<>();
        QueueStatus.clusterQueue(status, snapshot.clusterQueues().get("cq"), Instant.EPOCH);
        assertThat(status.get("flavorsReservation").toString()).contains("{name=memory, total=2Gi, borrowed=0}")
                .contains("{name=example.com/gpu, total=2, borrowed=0}");
    }
}
