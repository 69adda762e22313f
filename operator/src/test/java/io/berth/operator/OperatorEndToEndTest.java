package io.berth.operator;

import static io.berth.operator.MockCluster.condition;
import static io.berth.operator.MockCluster.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.config.BerthExtensions;
import io.berth.api.config.Configuration;
import io.berth.api.config.DeviceClassMapping;
import io.berth.api.config.DeviceClassSource;
import io.berth.api.io.ManifestReader;
import io.berth.operator.job.JobWorkloads;
import io.berth.operator.kube.ClusterWriter;
import io.berth.operator.kube.KueueApi;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator end to end through the real fabric8 client against the mock API server in CRUD mode. */
class OperatorEndToEndTest {
    private MockCluster cluster;
    private Operator operator;

    @BeforeEach
    void setUp() {
        cluster = new MockCluster();
    }

    @AfterEach
    void tearDown() {
        if (operator != null) {
            operator.close();
        }
        cluster.close();
    }

    private void startOperator() throws Exception {
        startOperator(Configuration.DEFAULT);
    }

    private void startOperator(Configuration config) throws Exception {
        operator = new Operator(cluster.newClient(),
                OperatorOptions.defaults(config, "test").withPort(-1), Clock.systemUTC());
        operator.start();
        Await.until("the operator is ready", operator::ready);
    }

    @Test
    void admittedJobRunsWithTheFlavorsNodeLabelsAndTolerations() throws Exception {
        cluster.applyQueues("2");
        startOperator();
        cluster.job("first", "2", null);

        Await.until("first runs", () -> running(cluster.getJob("first")));
        Job job = cluster.getJob("first");
        assertThat(job.getSpec().getTemplate().getSpec().getNodeSelector()).containsEntry("pool", "on-demand");
        assertThat(job.getSpec().getTemplate().getSpec().getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("spot"));

        GenericKubernetesResource wl = cluster.workloadOf("first");
        assertThat(wl.getMetadata().getName()).matches("job-first-[0-9a-f]{5}");
        assertThat(wl.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("first"));
        assertThat(condition(wl, "QuotaReserved")).containsEntry("status", "True")
                .containsEntry("reason", "QuotaReserved").containsEntry("message", "Quota reserved in ClusterQueue cq");
        assertThat(condition(wl, "Admitted")).containsEntry("status", "True").containsEntry("reason", "Admitted");
        @SuppressWarnings("unchecked")
        Map<String, Object> admission = (Map<String, Object>) ClusterWriter.statusOf(wl).get("admission");
        assertThat(admission).containsEntry("clusterQueue", "cq");
        assertThat(admission.get("podSetAssignments").toString()).contains("cpu=on-demand").contains("cpu=2");

        Await.until("the ClusterQueue status counts it", () -> {
            var cq = cluster.client.genericKubernetesResources(KueueApi.CLUSTER_QUEUE).withName("cq").get();
            return Integer.valueOf(1).equals(ClusterWriter.statusOf(cq).get("admittedWorkloads"));
        });
        var cq = cluster.client.genericKubernetesResources(KueueApi.CLUSTER_QUEUE).withName("cq").get();
        assertThat(condition(cq, "Active")).containsEntry("status", "True").containsEntry("reason", "Ready");
        assertThat(ClusterWriter.statusOf(cq).get("flavorsReservation").toString()).contains("total=2");
        assertThat(cluster.client.v1().events().inNamespace(MockCluster.NS).list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("QuotaReserved"));
    }

    @Test
    void devicesClaimedThroughTemplatesCountAsQuota() throws Exception {
        cluster.apply("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: team}
                ---
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
                  - coveredResources: [cpu, example.com/gpu]
                    flavors:
                    - name: default
                      resources: [{name: cpu, nominalQuota: "8"}, {name: example.com/gpu, nominalQuota: "2"}]
                ---
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: LocalQueue
                metadata: {name: lq, namespace: team}
                spec: {clusterQueue: cq}
                """);
        startOperator(new Configuration(null, null, null, null,
                List.of(new DeviceClassMapping("example.com/gpu", List.of("gpu.example.com")))));
        cluster.apply("""
                apiVersion: resource.k8s.io/v1
                kind: ResourceClaimTemplate
                metadata: {name: two-gpus, namespace: team}
                spec:
                  spec:
                    devices:
                      requests:
                      - name: gpus
                        exactly: {deviceClassName: gpu.example.com, count: 2}
                """);
        for (String name : List.of("first", "second")) {
            cluster.create(cluster.jobBuilder(name, "1", null, 1, null).editSpec().editTemplate().editSpec()
                    .addNewResourceClaim().withName("gpus").withResourceClaimTemplateName("two-gpus").endResourceClaim()
                    .endSpec().endTemplate().endSpec().build());
            if (name.equals("first")) {
                Await.until("first runs", () -> running(cluster.getJob("first")));
            }
        }

        Await.until("second waits for GPUs", () -> condition(cluster.workloadOf("second"), "QuotaReserved") != null);
        assertThat(condition(cluster.workloadOf("second"), "QuotaReserved")).containsEntry("status", "False")
                .containsEntry("message", "couldn't assign flavors to pod set main: insufficient unused quota for "
                        + "example.com/gpu in flavor default, 2 more needed");
        @SuppressWarnings("unchecked")
        Map<String, Object> admission = (Map<String, Object>) ClusterWriter.statusOf(cluster.workloadOf("first"))
                .get("admission");
        assertThat(admission.get("podSetAssignments").toString()).contains("example.com/gpu=2");
    }

    @Test
    void counterSourcesChargeFromResourceSlicesThatArriveLater() throws Exception {
        cluster.apply("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: team}
                ---
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
                  - coveredResources: [cpu, example.com/gpu-memory]
                    flavors:
                    - name: default
                      resources: [{name: cpu, nominalQuota: "8"}, {name: example.com/gpu-memory, nominalQuota: 40Gi}]
                ---
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: LocalQueue
                metadata: {name: lq, namespace: team}
                spec: {clusterQueue: cq}
                ---
                apiVersion: resource.k8s.io/v1
                kind: ResourceClaimTemplate
                metadata: {name: partition, namespace: team}
                spec:
                  spec:
                    devices:
                      requests:
                      - name: gpu
                        exactly: {deviceClassName: gpu.example.com}
                """);
        startOperator(new Configuration(null, null, null, null, List.of(new DeviceClassMapping("example.com/gpu-memory",
                List.of("gpu.example.com"), List.of(new DeviceClassSource(DeviceClassSource.Kind.COUNTER, "memory",
                        "gpu.example.com", "true"))))));
        cluster.create(cluster.jobBuilder("train", "1", null, 1, null).editSpec().editTemplate().editSpec()
                .addNewResourceClaim().withName("gpu").withResourceClaimTemplateName("partition").endResourceClaim()
                .endSpec().endTemplate().endSpec().build());

        Await.until("train is misconfigured", () -> condition(cluster.workloadOf("train"), "QuotaReserved") != null);
        assertThat(condition(cluster.workloadOf("train"), "QuotaReserved")).containsEntry("reason", "Misconfigured")
                .containsEntry("message", "spec.podSets[0].template.spec.resourceClaims[0].devices.requests[0]: Internal "
                        + "error: failed to get DeviceClass gpu.example.com: deviceclasses.resource.k8s.io "
                        + "\"gpu.example.com\" not found");
        cluster.apply("""
                apiVersion: resource.k8s.io/v1
                kind: DeviceClass
                metadata: {name: gpu.example.com}
                spec:
                  selectors: [{cel: {expression: 'device.driver == "gpu.example.com"'}}]
                ---
                apiVersion: resource.k8s.io/v1
                kind: ResourceSlice
                metadata: {name: node-1}
                spec:
                  driver: gpu.example.com
                  nodeName: node-1
                  pool: {name: node-1, generation: 1, resourceSliceCount: 1}
                  sharedCounters: [{name: gpu-0, counters: {memory: {value: 40Gi}}}]
                  devices:
                  - name: gpu-0-half
                    consumesCounters: [{counterSet: gpu-0, counters: {memory: {value: 20Gi}}}]
                """);

        Await.until("train runs", () -> running(cluster.getJob("train")));
        @SuppressWarnings("unchecked")
        Map<String, Object> admission = (Map<String, Object>) ClusterWriter.statusOf(cluster.workloadOf("train"))
                .get("admission");
        assertThat(admission.get("podSetAssignments").toString()).contains("example.com/gpu-memory=21474836480");
    }

    @Test
    void theFirstAvailableSubrequestChargedIsReportedInAnEvent() throws Exception {
        cluster.apply("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: team}
                ---
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
                  - coveredResources: [cpu, example.com/a100, example.com/t4]
                    flavors:
                    - name: default
                      resources: [{name: cpu, nominalQuota: "8"}, {name: example.com/a100, nominalQuota: "0"},
                                  {name: example.com/t4, nominalQuota: "2"}]
                ---
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: LocalQueue
                metadata: {name: lq, namespace: team}
                spec: {clusterQueue: cq}
                ---
                apiVersion: resource.k8s.io/v1
                kind: ResourceClaimTemplate
                metadata: {name: gpu, namespace: team}
                spec:
                  spec:
                    devices:
                      requests:
                      - name: gpu
                        firstAvailable:
                        - {name: a100, deviceClassName: a100.example.com}
                        - {name: t4, deviceClassName: t4.example.com, count: 2}
                """);
        startOperator(new Configuration(null, null, null,
                new BerthExtensions(1, new BerthExtensions.DeviceQuotaOptions(true, false)),
                List.of(new DeviceClassMapping("example.com/a100", List.of("a100.example.com")),
                        new DeviceClassMapping("example.com/t4", List.of("t4.example.com")))));
        cluster.create(cluster.jobBuilder("infer", "1", null, 1, null).editSpec().editTemplate().editSpec()
                .addNewResourceClaim().withName("gpu").withResourceClaimTemplateName("gpu").endResourceClaim()
                .endSpec().endTemplate().endSpec().build());

        Await.until("infer runs", () -> running(cluster.getJob("infer")));
        @SuppressWarnings("unchecked")
        Map<String, Object> admission = (Map<String, Object>) ClusterWriter.statusOf(cluster.workloadOf("infer"))
                .get("admission");
        assertThat(admission.get("podSetAssignments").toString()).contains("example.com/t4=2");
        Await.until("the subrequest event", () -> cluster.client.v1().events().inNamespace(MockCluster.NS).list()
                .getItems().stream().anyMatch(e -> "DeviceSubrequestsCharged".equals(e.getReason())
                        && "Quota charged for the firstAvailable subrequests pod set main: gpu/gpu=t4"
                        .equals(e.getMessage())));
    }

    @Test
    void jobBeyondQuotaWaitsWithItsReasonUntilTheFirstFinishes() throws Exception {
        cluster.applyQueues("2");
        startOperator();
        cluster.job("first", "2", null);
        Await.until("first runs", () -> running(cluster.getJob("first")));
        cluster.job("second", "1", null);

        Await.until("second has a pending reason", () -> condition(cluster.workloadOf("second"), "QuotaReserved") != null);
        assertThat(condition(cluster.workloadOf("second"), "QuotaReserved")).containsEntry("status", "False")
                .containsEntry("message", "couldn't assign flavors to pod set main: insufficient unused quota for cpu"
                        + " in flavor on-demand, 1 more needed");
        assertThat(running(cluster.getJob("second"))).isFalse();

        cluster.complete("first");
        Await.until("second runs", () -> running(cluster.getJob("second")));
        assertThat(condition(cluster.workloadOf("first"), "Finished")).containsEntry("status", "True")
                .containsEntry("reason", "Succeeded");
    }

    @Test
    void aJobGatedByAControllerWaitsUntilTheGateIsRemovedFromTheJob() throws Exception {
        cluster.applyQueues("2");
        startOperator();
        cluster.create(cluster.jobBuilder("gated", "1", null, 1, null).editMetadata()
                .addToAnnotations(KueueApi.ADMISSION_GATED_BY_ANNOTATION, "example.com/provisioner").endMetadata().build());

        Await.until("gated has a pending reason", () -> condition(cluster.workloadOf("gated"), "QuotaReserved") != null);
        assertThat(cluster.workloadOf("gated").getMetadata().getAnnotations())
                .containsEntry(KueueApi.ADMISSION_GATED_BY_ANNOTATION, "example.com/provisioner");
        assertThat(condition(cluster.workloadOf("gated"), "QuotaReserved")).containsEntry("status", "False")
                .containsEntry("reason", "AdmissionGated")
                .containsEntry("message", "Admission is gated by: example.com/provisioner");
        assertThat(running(cluster.getJob("gated"))).isFalse();

        cluster.client.batch().v1().jobs().inNamespace(MockCluster.NS).withName("gated")
                .edit(j -> new JobBuilder(j).editMetadata().removeFromAnnotations(KueueApi.ADMISSION_GATED_BY_ANNOTATION)
                        .endMetadata().build());
        Await.until("gated runs", () -> running(cluster.getJob("gated")));
        assertThat(cluster.workloadOf("gated").getMetadata().getAnnotations())
                .doesNotContainKey(KueueApi.ADMISSION_GATED_BY_ANNOTATION);
    }

    @Test
    void higherPriorityJobPreemptsAndTheVictimIsSuspendedWithItsTemplateRestored() throws Exception {
        cluster.applyQueues("2");
        startOperator();
        cluster.job("low", "2", null);
        Await.until("low runs", () -> running(cluster.getJob("low")));
        cluster.job("urgent", "2", "high");

        Await.until("urgent runs", () -> running(cluster.getJob("urgent")));
        Job low = cluster.getJob("low");
        assertThat(running(low)).isFalse();
        assertThat(low.getSpec().getTemplate().getSpec().getNodeSelector()).isNullOrEmpty();
        GenericKubernetesResource victim = cluster.workloadOf("low");
        assertThat(condition(victim, "Evicted")).containsEntry("status", "True").containsEntry("reason", "Preempted");
        assertThat(condition(victim, "Preempted")).containsEntry("status", "True").containsEntry("reason", "InClusterQueue");
        assertThat((String) condition(victim, "Preempted").get("message"))
                .startsWith("Preempted to accommodate a workload (UID: ")
                .contains("due to prioritization in the ClusterQueue; preemptor path: /cq; preemptee path: /cq");
        assertThat(ClusterWriter.statusOf(victim)).doesNotContainKey("admission");
    }

    @Test
    void conflictsOnWritesAreRetried() throws Exception {
        cluster.applyQueues("2");
        Job job = cluster.job("first", "1", null);
        String workload = JobWorkloads.workloadName(job);
        // The first write of the Workload's status and the first write of the Job each meet a 409 Conflict.
        var conflict = new StatusBuilder().withCode(409).withReason("Conflict").withMessage("the object has been modified")
                .build();
        String jobPath = "/apis/batch/v1/namespaces/team/jobs/first";
        String statusPath = "/apis/kueue.x-k8s.io/v1beta2/namespaces/team/workloads/" + workload + "/status";
        cluster.server.expect().put().withPath(statusPath).andReturn(409, conflict).once();
        cluster.server.expect().put().withPath(jobPath).andReturn(409, conflict).once();
        startOperator();
        Await.until("first runs", () -> running(cluster.getJob("first")));
        assertThat(condition(cluster.workloadOf("first"), "QuotaReserved")).containsEntry("status", "True");

        Map<String, Integer> puts = new HashMap<>();
        for (RecordedRequest r; (r = cluster.server.takeRequest(1, TimeUnit.MILLISECONDS)) != null; ) {
            if (r.getMethod().equals("PUT")) {
                puts.merge(r.getPath(), 1, Integer::sum);
            }
        }
        // The Job was suspended-checked and started: the conflicting write and its retry.
        assertThat(puts.get(jobPath)).isGreaterThanOrEqualTo(2);
        assertThat(puts.get(statusPath)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void deletedJobTakesItsWorkloadAndReleasesItsQuota() throws Exception {
        cluster.applyQueues("2");
        startOperator();
        cluster.job("first", "2", null);
        Await.until("first runs", () -> running(cluster.getJob("first")));
        String workload = cluster.workloadOf("first").getMetadata().getName();
        cluster.job("second", "2", null);
        Await.until("second waits with a reason", () -> condition(cluster.workloadOf("second"), "QuotaReserved") != null);

        cluster.client.batch().v1().jobs().inNamespace(MockCluster.NS).withName("first").delete();
        Await.until("the Workload is gone", () -> cluster.client.genericKubernetesResources(KueueApi.WORKLOAD)
                .inNamespace(MockCluster.NS).withName(workload).get() == null);
        Await.until("second runs", () -> running(cluster.getJob("second")));
    }

    @Test
    void partialAdmissionRunsFewerPodsAndKeepsTheCountInTheAdmission() throws Exception {
        cluster.applyQueues("3");
        startOperator();
        cluster.job("wide", "1", null, 5, 2);

        Await.until("wide runs", () -> running(cluster.getJob("wide")));
        assertThat(cluster.getJob("wide").getSpec().getParallelism()).isEqualTo(3);
        @SuppressWarnings("unchecked")
        Map<String, Object> admission = (Map<String, Object>) ClusterWriter.statusOf(cluster.workloadOf("wide")).get("admission");
        assertThat(admission.get("podSetAssignments").toString()).contains("count=3");
    }

    @Test
    void badQueueObjectIsReportedAndTheLoopGoesOn() throws Exception {
        cluster.applyQueues("2");
        startOperator();
        cluster.apply("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ClusterQueue
                metadata: {name: broken}
                spec:
                  resourceGroups:
                  - coveredResources: [cpu]
                    flavors: [{name: on-demand, resources: [{name: cpu, nominalQuota: lots}]}]
                """);
        Await.until("an InvalidObject event", () -> cluster.client.v1().events().inAnyNamespace().list().getItems().stream()
                .anyMatch(e -> "InvalidObject".equals(e.getReason()) && "broken".equals(e.getInvolvedObject().getName())));
        var event = cluster.client.v1().events().inAnyNamespace().list().getItems().stream()
                .filter(e -> "InvalidObject".equals(e.getReason())).findFirst().orElseThrow();
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getMessage()).contains("ClusterQueue/broken").contains("nominalQuota").contains("\"lots\"");

        cluster.job("after", "1", null);
        Await.until("after runs", () -> running(cluster.getJob("after")));
    }

    @Test
    void localQueueStatusCountsPendingAndAdmitted() throws Exception {
        cluster.applyQueues("1");
        startOperator();
        cluster.job("first", "1", null);
        cluster.job("second", "1", null);
        Await.until("the LocalQueue status counts both", () -> {
            var lq = cluster.client.genericKubernetesResources(KueueApi.LOCAL_QUEUE).inNamespace(MockCluster.NS)
                    .withName("lq").get();
            Map<String, Object> status = ClusterWriter.statusOf(lq);
            return Integer.valueOf(1).equals(status.get("admittedWorkloads"))
                    && Integer.valueOf(1).equals(status.get("pendingWorkloads"));
        });
        var lq = cluster.client.genericKubernetesResources(KueueApi.LOCAL_QUEUE).inNamespace(MockCluster.NS)
                .withName("lq").get();
        assertThat(condition(lq, "Active")).containsEntry("status", "True").containsEntry("reason", "Ready");
        assertThat(ClusterWriter.statusOf(lq).get("flavorsUsage").toString()).contains("name=on-demand").contains("total=1");
    }

    @Test
    void aLimitRangeMaxKeepsAJobWaitingUntilItIsRaised() throws Exception {
        cluster.applyQueues("2");
        String limitRange = """
                apiVersion: v1
                kind: LimitRange
                metadata: {name: limits, namespace: team}
                spec: {limits: [{type: Container, max: {cpu: "%s"}}]}
                """;
        cluster.apply(limitRange.formatted("1"));
        startOperator();
        cluster.job("big", "2", null);

        Await.until("big is misconfigured", () -> condition(cluster.workloadOf("big"), "QuotaReserved") != null);
        assertThat(condition(cluster.workloadOf("big"), "QuotaReserved")).containsEntry("reason", "Misconfigured")
                .containsEntry("message", "resources didn't satisfy LimitRange constraints: spec.podSets[0].template.spec"
                        + ".containers[0]: Invalid value: [\"cpu\"]: requests must not be above the limitRange max");
        cluster.client.limitRanges().inNamespace(MockCluster.NS).withName("limits")
                .edit(lr -> new LimitRangeBuilder(lr).editSpec().editFirstLimit()
                        .withMax(Map.of("cpu", new Quantity("2")))
                        .endLimit().endSpec().build());
        Await.until("big runs", () -> running(cluster.getJob("big")));
    }

    @Test
    void aRuntimeClassOverheadIsCharged() throws Exception {
        cluster.applyQueues("2");
        cluster.apply("""
                apiVersion: node.k8s.io/v1
                kind: RuntimeClass
                metadata: {name: kata}
                handler: kata
                overhead: {podFixed: {cpu: "1"}}
                """);
        startOperator();
        cluster.create(cluster.jobBuilder("kata", "1", null, 1, null).editSpec().editTemplate().editSpec()
                .withRuntimeClassName("kata").endSpec().endTemplate().endSpec().build());
        Await.until("kata runs", () -> running(cluster.getJob("kata")));
        cluster.job("plain", "1", null); // 1 + 1 CPU of overhead leave nothing for it

        Await.until("plain waits", () -> condition(cluster.workloadOf("plain"), "QuotaReserved") != null);
        assertThat(condition(cluster.workloadOf("plain"), "QuotaReserved")).containsEntry("status", "False");
        assertThat(running(cluster.getJob("plain"))).isFalse();
    }

    @Test
    void waitForPodsReadyEvictsAJobWhosePodsNeverBecomeReady() throws Exception {
        cluster.applyQueues("2");
        startOperator(new ManifestReader().read("config.yaml", """
                apiVersion: config.kueue.x-k8s.io/v1beta2
                kind: Configuration
                waitForPodsReady: {timeout: 3s}
                """).configuration());
        cluster.job("ready", "1", null);
        cluster.job("stuck", "1", null);
        // The Job controller's counts arrive well within the timeout, once the Job runs.
        Await.until("ready runs", () -> running(cluster.getJob("ready")));
        Job ready = cluster.getJob("ready");
        ready.setStatus(new JobStatusBuilder().withReady(1).withActive(1).build());
        cluster.client.batch().v1().jobs().inNamespace(MockCluster.NS).resource(ready).updateStatus();
        Await.until("stuck runs", () -> running(cluster.getJob("stuck")));
        Await.until("ready has PodsReady", () -> "True".equals(condition(cluster.workloadOf("ready"), "PodsReady")
                .get("status")));
        assertThat(condition(cluster.workloadOf("ready"), "PodsReady")).containsEntry("reason", "Started");

        Await.until("stuck is evicted", () -> condition(cluster.workloadOf("stuck"), "Evicted") != null);
        assertThat(condition(cluster.workloadOf("stuck"), "Evicted")).containsEntry("reason", "PodsReadyTimeout");
        // As Kueue writes it: not requeued until the backoff ends, which a restart reads back.
        assertThat(condition(cluster.workloadOf("stuck"), "Requeued")).containsEntry("status", "False")
                .containsEntry("reason", "PodsReadyTimeout");
        assertThat(ClusterWriter.statusOf(cluster.workloadOf("stuck")).get("requeueState").toString())
                .matches("\\{count=1, requeueAt=.+}");
        Await.until("stuck is suspended", () -> !running(cluster.getJob("stuck")));
        assertThat(running(cluster.getJob("ready"))).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWorkloadPastBackoffLimitCountIsDeactivatedAndStaysSoAcrossARestart() throws Exception {
        cluster.applyQueues("2");
        Configuration config = new ManifestReader().read("config.yaml", """
                apiVersion: config.kueue.x-k8s.io/v1beta2
                kind: Configuration
                waitForPodsReady: {timeout: 2s, requeuingStrategy: {backoffLimitCount: 0}}
                """).configuration();
        startOperator(config);
        cluster.job("stuck", "1", null);
        Await.until("stuck runs", () -> running(cluster.getJob("stuck")));

        Await.until("stuck is evicted", () -> condition(cluster.workloadOf("stuck"), "Evicted") != null);
        GenericKubernetesResource wl = cluster.workloadOf("stuck");
        assertThat(((Map<?, ?>) wl.getAdditionalProperties().get("spec")).get("active")).isEqualTo(false);
        assertThat(condition(wl, "Evicted")).containsEntry("reason", "DeactivatedDueToRequeuingLimitExceeded")
                .containsEntry("message", "The workload is deactivated due to exceeding the maximum number of "
                        + "re-queuing retries");
        assertThat(condition(wl, "Requeued")).containsEntry("status", "False")
                .containsEntry("reason", "DeactivatedDueToRequeuingLimitExceeded");
        assertThat(ClusterWriter.statusOf(wl)).doesNotContainKey("requeueState");
        Await.until("stuck is suspended", () -> !running(cluster.getJob("stuck")));

        // A new operator reads it back inactive: it is not admitted again, though the quota is free.
        operator.close();
        startOperator(config);
        cluster.job("next", "1", null);
        Await.until("next runs", () -> running(cluster.getJob("next")));
        assertThat(running(cluster.getJob("stuck"))).isFalse();
        assertThat(condition(cluster.workloadOf("stuck"), "QuotaReserved")).containsEntry("status", "False");

        // Reactivated by the user: queued again, and admitted.
        GenericKubernetesResource inactive = cluster.workloadOf("stuck");
        Map<String, Object> spec = new HashMap<>((Map<String, Object>) inactive.getAdditionalProperties().get("spec"));
        spec.put("active", true);
        inactive.setAdditionalProperty("spec", spec);
        cluster.client.genericKubernetesResources(KueueApi.WORKLOAD).inNamespace(MockCluster.NS).resource(inactive)
                .update();
        Await.until("stuck runs again", () -> running(cluster.getJob("stuck")));
        assertThat(condition(cluster.workloadOf("stuck"), "Requeued")).containsEntry("status", "True")
                .containsEntry("reason", "Reactivated");
    }

    @Test
    void fairSharingWritesTheWeightedShare() throws Exception {
        cluster.applyQueues("2");
        cluster.apply("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: Cohort
                metadata: {name: all}
                """);
        startOperator(new ManifestReader().read("config.yaml", """
                apiVersion: config.kueue.x-k8s.io/v1beta2
                kind: Configuration
                fairSharing: {preemptionStrategies: [LessThanOrEqualToFinalShare, LessThanInitialShare]}
                """).configuration());
        cluster.job("first", "1", null);
        Await.until("first runs", () -> running(cluster.getJob("first")));
        Await.until("the ClusterQueue has a fairSharing status", () -> ClusterWriter.statusOf(
                cluster.client.genericKubernetesResources(KueueApi.CLUSTER_QUEUE).withName("cq").get())
                .get("fairSharing") != null);
        var cq = cluster.client.genericKubernetesResources(KueueApi.CLUSTER_QUEUE).withName("cq").get();
        assertThat(ClusterWriter.statusOf(cq).get("fairSharing").toString()).matches("\\{weightedShare=\\d+}");
        Await.until("the Cohort has a fairSharing status", () -> ClusterWriter.statusOf(
                cluster.client.genericKubernetesResources(KueueApi.COHORT).withName("all").get())
                .get("fairSharing") != null);
        var cohort = cluster.client.genericKubernetesResources(KueueApi.COHORT).withName("all").get();
        assertThat(ClusterWriter.statusOf(cohort)).containsEntry("fairSharing", Map.of("weightedShare", 0));
    }
}
