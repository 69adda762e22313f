package io.berth.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.io.InputException;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.Workload;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class ObjectReaderTest {
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final ObjectReader reader = new ObjectReader(serialization);

    private GenericKubernetesResource parse(String yaml) {
        return serialization.unmarshal(yaml, GenericKubernetesResource.class);
    }

    @Test
    void readsAClusterQueueWithClusterBookkeepingFields() {
        var cq = reader.read(parse("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ClusterQueue
                metadata: {name: cq, resourceVersion: "12", uid: abc, managedFields: [{manager: kubectl}]}
                spec:
                  resourceGroups:
                  - coveredResources: [cpu]
                    flavors: [{name: default, resources: [{name: cpu, nominalQuota: "4"}]}]
                status: {pendingWorkloads: 3}
                """));
        assertThat(cq).isInstanceOf(ClusterQueue.class);
        assertThat(((ClusterQueue) cq).resourceGroups().get(0).flavors().get(0).resources().get(0).nominalQuota())
                .isEqualTo(4000);
    }

    @Test
    void readsAnAdmittedWorkload() {
        var w = (Workload) reader.read(parse("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: Workload
                metadata: {name: w, namespace: team}
                spec:
                  queueName: lq
                  podSets: [{name: main, count: 1, template: {spec: {containers: [{name: c, resources: {requests: {cpu: "1"}}}]}}}]
                status:
                  admission: {clusterQueue: cq, podSetAssignments: [{name: main, flavors: {cpu: default}, count: 1}]}
                  conditions: [{type: QuotaReserved, status: "True", reason: QuotaReserved, message: m,
                                lastTransitionTime: "2026-01-01T00:00:00Z"}]
                """));
        assertThat(w.hasQuotaReservation()).isTrue();
        assertThat(w.admission().clusterQueue()).isEqualTo("cq");
    }

    @Test
    void badObjectNamesItsFieldAsBerthScheduleWould() {
        assertThatThrownBy(() -> reader.read(parse("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ClusterQueue
                metadata: {name: cq}
                spec:
                  queueingStrategy: Fifo
                  resourceGroups:
                  - coveredResources: [cpu]
                    flavors: [{name: default, resources: [{name: cpu, nominalQuota: lots}]}]
                """)))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("ClusterQueue/cq: spec.resourceGroups[0].flavors[0].resources[0].nominalQuota: "
                        + "invalid quantity \"lots\"");
    }
}
