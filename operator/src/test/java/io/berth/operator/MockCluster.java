package io.berth.operator;

import io.berth.operator.kube.KueueApi;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import io.berth.operator.job.JobWorkloads;
import io.berth.operator.kube.ClusterWriter;
import io.berth.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Quantity;
import io.berth.operator.kube.DraApi;
import java.util.List;
import java.util.stream.Stream;

/** fabric8's Kubernetes mock server in CRUD mode with the kueue.x-k8s.io kinds known, and helpers to fill it. */
final class MockCluster implements AutoCloseable {
    static final String NS = "team";
    /** The custom kinds the server knows: Kueue's and the resource.k8s.io kinds of device quota. */
    static final List<ResourceDefinitionContext> KINDS = Stream.concat(KueueApi.ALL.stream(), DraApi.ALL.stream())
            .toList();
    final KubernetesMockServer server;
    final NamespacedKubernetesClient client;

    MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        for (ResourceDefinitionContext ctx : KINDS) {
            server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(ctx.getGroup())
                    .withVersion(ctx.getVersion()).withKind(ctx.getKind()).withPlural(ctx.getPlural())
                    .withScope(ctx.isNamespaceScoped() ? "Namespaced" : "Cluster").withStatusSubresource(true).build());
        }
        client = server.createClient();
    }

    /** A new client on the same server (one per operator replica). */
    NamespacedKubernetesClient newClient() {
        return server.createClient();
    }

    /** Creates the objects of a multi-document YAML text (kueue kinds and Namespaces). */
    void apply(String yaml) {
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.isBlank()) {
                continue;
            }
            GenericKubernetesResource r = client.getKubernetesSerialization().unmarshal(doc, GenericKubernetesResource.class);
            ResourceDefinitionContext ctx = KINDS.stream().filter(c -> c.getKind().equals(r.getKind())).findFirst()
                    .orElse(null);
            if (ctx == null) {
                client.resource((HasMetadata) client.getKubernetesSerialization().unmarshal(doc)).create();
            } else if (ctx.isNamespaceScoped()) {
                client.genericKubernetesResources(ctx).inNamespace(r.getMetadata().getNamespace()).resource(r).create();
            } else {
                client.genericKubernetesResources(ctx).resource(r).create();
            }
        }
    }

    /** Queues for most tests: flavor "on-demand" (node label pool=on-demand), 2 CPUs, LowerPriority preemption. */
    void applyQueues(String cpu) {
        apply("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: team}
                ---
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ResourceFlavor
                metadata: {name: on-demand}
                spec:
                  nodeLabels: {pool: on-demand}
                  tolerations: [{key: spot, operator: Exists, effect: NoSchedule}]
                ---
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ClusterQueue
                metadata: {name: cq}
                spec:
                  namespaceSelector: {}
                  preemption: {withinClusterQueue: LowerPriority}
                  resourceGroups:
                  - coveredResources: [cpu]
                    flavors:
                    - name: on-demand
                      resources: [{name: cpu, nominalQuota: "%s"}]
                ---
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: LocalQueue
                metadata: {name: lq, namespace: team}
                spec: {clusterQueue: cq}
                ---
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: WorkloadPriorityClass
                metadata: {name: high}
                value: 1000
                """.formatted(cpu));
    }

    /** A queued Job as the webhook leaves it: suspended, labelled with the LocalQueue. */
    Job job(String name, String cpu, String priorityClass) {
        return job(name, cpu, priorityClass, 1, null);
    }

    /** A queued Job of parallelism pods; minParallelism (or null) allows partial admission. */
    Job job(String name, String cpu, String priorityClass, int parallelism, Integer minParallelism) {
        return create(jobBuilder(name, cpu, priorityClass, parallelism, minParallelism).build());
    }

    Job create(Job job) {
        return client.batch().v1().jobs().inNamespace(NS).resource(job).create();
    }

    /** The Job that {@link #job} creates, to be changed before it is. */
    JobBuilder jobBuilder(String name, String cpu, String priorityClass, int parallelism, Integer minParallelism) {
        JobBuilder b = new JobBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .addToLabels(KueueApi.QUEUE_NAME_LABEL, "lq").endMetadata()
                .withNewSpec().withParallelism(parallelism).withSuspend(true)
                .withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage("busybox")
                .withNewResources().addToRequests("cpu", new Quantity(cpu)).endResources()
                .endContainer().endSpec().endTemplate().endSpec();
        if (minParallelism != null) {
            b.editMetadata().addToAnnotations(KueueApi.MIN_PARALLELISM_ANNOTATION, minParallelism.toString()).endMetadata();
        }
        if (priorityClass != null) {
            b.editMetadata().addToLabels(KueueApi.PRIORITY_CLASS_LABEL, priorityClass).endMetadata();
        }
        return b;
    }

    Job getJob(String name) {
        return client.batch().v1().jobs().inNamespace(NS).withName(name).get();
    }

    static boolean running(Job job) {
        return job != null && !Boolean.TRUE.equals(job.getSpec().getSuspend());
    }

    /** Marks a Job Complete, as the Job controller would. */
    void complete(String name) {
        Job job = getJob(name);
        job.setStatus(new JobStatusBuilder().addToConditions(new JobConditionBuilder().withType("Complete")
                .withStatus("True").withMessage("").build()).withSucceeded(1).build());
        client.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
    }

    GenericKubernetesResource workloadOf(String jobName) {
        Job job = getJob(jobName);
        return client.genericKubernetesResources(KueueApi.WORKLOAD).inNamespace(NS)
                .withName(JobWorkloads.workloadName(job)).get();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> condition(GenericKubernetesResource r, String type) {
        if (r == null) {
            return null;
        }
        return Conditions.find(ClusterWriter.statusOf(r), type);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
