package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain pod requests of an extended resource that a DeviceClass serves (spec.extendedResourceName)
 * are charged as the resource the class maps to, as Kueue's DRA integration charges them.
 */
class ExtendedResourceQuotaTest {
    private static final String SCENARIO = """
            cycles: 2
            config:
              resources:
                deviceClassMappings:
                - name: gpu-claims
                  deviceClassNames: [gpu.example.com]
                - name: new-gpus
                  deviceClassNames: [newer-gpu.example.com]
            objects:
            - apiVersion: kueue.x-k8s.io/v1beta2
              kind: ResourceFlavor
              metadata: {name: default}
            - apiVersion: kueue.x-k8s.io/v1beta2
              kind: ClusterQueue
              metadata: {name: team}
              spec:
                namespaceSelector: {}
                resourceGroups:
                - coveredResources: [cpu, gpu-claims, new-gpus]
                  flavors:
                  - name: default
                    resources: [{name: cpu, nominalQuota: 64}, {name: gpu-claims, nominalQuota: 4}, {name: new-gpus, nominalQuota: 0}]
            - apiVersion: kueue.x-k8s.io/v1beta2
              kind: LocalQueue
              metadata: {name: jobs, namespace: ml}
              spec: {clusterQueue: team}
            - apiVersion: resource.k8s.io/v1
              kind: DeviceClass
              metadata: {name: gpu.example.com, creationTimestamp: "2026-01-01T00:00:00Z"}
              spec:
                extendedResourceName: example.com/gpu
            %s
            - apiVersion: kueue.x-k8s.io/v1beta2
              kind: Workload
              metadata: {name: train, namespace: ml, creationTimestamp: "2026-01-01T00:00:00Z"}
              spec:
                queueName: jobs
                podSets:
                - name: workers
                  count: 2
                  template:
                    spec:
                      containers:
                      - name: c
                        resources: {requests: {cpu: "1", example.com/gpu: "%s"}}
            - apiVersion: kueue.x-k8s.io/v1beta2
              kind: Workload
              metadata: {name: more, namespace: ml, creationTimestamp: "2026-01-01T00:01:00Z"}
              spec:
                queueName: jobs
                podSets:
                - name: main
                  template:
                    spec:
                      containers:
                      - name: c
                        resources: {requests: {cpu: "1", example.com/gpu: "1"}}
                      %s
            """;

    @TempDir
    Path dir;

    private CliRun schedule(String extraObjects, String trainGpus, String moreExtra) throws IOException {
        Path f = Files.writeString(dir.resolve("scenario.yaml"), SCENARIO.formatted(extraObjects, trainGpus, moreExtra));
        return CliRun.of("schedule", "--explain", f.toString());
    }

    @Test
    void requestsAreChargedAsTheResourceTheServingClassMapsTo() throws IOException {
        CliRun r = schedule("", "2", "");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("""
                admitted:
                  ml/train:
                    clusterQueue: team
                    podSets:
                      workers:
                        cpu: default
                        gpu-claims: default
                """);
        assertThat(r.out()).as("2 pods x 2 take the 4 gpu-claims")
                .contains("insufficient unused quota for gpu-claims in flavor default, 1 more needed")
                .doesNotContain("example.com/gpu unavailable");
    }

    @Test
    void theClassCreatedLastServesTheResource() throws IOException {
        CliRun r = schedule("""
                - apiVersion: resource.k8s.io/v1
                  kind: DeviceClass
                  metadata: {name: newer-gpu.example.com, creationTimestamp: "2026-01-01T00:00:01Z"}
                  spec:
                    extendedResourceName: example.com/gpu
                """, "2", "");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).as("charged as new-gpus, of which there is none").contains("admitted: {}")
                .contains("insufficient quota for new-gpus in flavor default, previously considered podsets requests (0)"
                        + " + current podset request (4) > maximum capacity (0)");
    }

    @Test
    void fractionalRequestsAndNamedClaimsAreMisconfiguredAsInKueue() throws IOException {
        CliRun r = schedule("", "500m", """
                resourceClaims: [{name: gpu, resourceClaimName: shared-gpu}]
                """);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("admitted: {}")
                .contains("spec.podSets[0].template.spec.containers[0].resources.requests[example.com/gpu]: "
                        + "Invalid value: \\\"500m\\\": extended resource quantity must be an integer")
                .contains("KueueDRAIntegration feature does not support use of resource claims");
    }

    @Test
    void anExtendedResourceNameOutsideADomainIsRefused() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: resource.k8s.io/v1
                kind: DeviceClass
                metadata: {name: gpu.example.com}
                spec: {extendedResourceName: gpu}
                """);

        CliRun r = CliRun.of("schedule", f.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("spec.extendedResourceName").contains("invalid extendedResourceName \"gpu\"")
                .doesNotContain("Exception");
    }
}
