package io.berth.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.io.ManifestReader;
import io.berth.api.io.Manifests;
import io.berth.api.resource.DeviceClass;
import io.berth.core.Engine;
import org.junit.jupiter.api.Test;

/** A pending workload's plain extended resource requests are charged again as DeviceClasses come and go. */
class ExtendedResourceChargesEngineTest {
    private static final Manifests SCENARIO = new ManifestReader().read("scenario.yaml", """
            config:
              resources:
                deviceClassMappings:
                - name: gpu-claims
                  deviceClassNames: [gpu.example.com]
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
                - coveredResources: [gpu-claims]
                  flavors:
                  - name: default
                    resources: [{name: gpu-claims, nominalQuota: 4}]
            - apiVersion: kueue.x-k8s.io/v1beta2
              kind: LocalQueue
              metadata: {name: jobs, namespace: ml}
              spec: {clusterQueue: team}
            - apiVersion: resource.k8s.io/v1
              kind: DeviceClass
              metadata: {name: gpu.example.com}
              spec: {extendedResourceName: example.com/gpu}
            - apiVersion: kueue.x-k8s.io/v1beta2
              kind: Workload
              metadata: {name: train, namespace: ml}
              spec:
                queueName: jobs
                podSets:
                - name: main
                  count: 2
                  template:
                    spec:
                      containers:
                      - name: c
                        resources: {requests: {example.com/gpu: "2"}}
            """);

    @Test
    void aDeviceClassThatArrivesLaterServesThePendingRequest() {
        Engine engine = new Engine(SCENARIO.configuration());
        SCENARIO.objects().stream().filter(o -> !(o instanceof DeviceClass)).forEach(engine::apply);

        assertThat(engine.schedule(1000).admitted()).isEmpty();
        assertThat(engine.pendingStatus("ml/train").message()).contains("example.com/gpu");

        SCENARIO.objects().stream().filter(o -> o instanceof DeviceClass).forEach(engine::apply);
        assertThat(engine.schedule(2000).admitted()).extracting(WorkloadInfo::key).containsExactly("ml/train");
        assertThat(engine.workload("ml/train").admission().usage().amountOf(
                engine.flavorResources().id("default", "gpu-claims"))).isEqualTo(4);

        assertThat(engine.deleteDeviceObject("DeviceClass", "gpu.example.com")).isTrue();
        assertThat(engine.workload("ml/train").isAdmitted()).as("an admission keeps its charge").isTrue();
    }
}
