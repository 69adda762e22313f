package io.berth.operator.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Every write the operator makes. Updates start from the informer's copy, carry its
 * resourceVersion and are retried from a fresh read on 409 Conflict ({@link ConflictRetry}).
 */
public final class ClusterWriter {
    private final KubernetesClient client;
    private final ClusterCache cache;
    private final KubernetesSerialization serialization;

    public ClusterWriter(KubernetesClient client, ClusterCache cache) {
        this.client = client;
        this.cache = cache;
        this.serialization = client.getKubernetesSerialization();
    }

    /**
     * Changes the status of a kueue.x-k8s.io object: change edits a copy of the status map in place
     * and says whether it changed anything. Returns the object as stored, or null when it is gone.
     */
    public GenericKubernetesResource updateStatus(ResourceDefinitionContext ctx, String namespace, String name,
                                                  Predicate<Map<String, Object>> change) {
        var ops = client.genericKubernetesResources(ctx);
        return ConflictRetry.update(
                () -> cache.get(ctx, namespace, name),
                () -> namespace == null ? ops.withName(name).get() : ops.inNamespace(namespace).withName(name).get(),
                current -> {
                    GenericKubernetesResource copy = serialization.clone(current);
                    Map<String, Object> status = statusOf(copy);
                    if (!change.test(status)) {
                        return null;
                    }
                    copy.setAdditionalProperty("status", status);
                    return copy;
                },
                changed -> namespace == null ? ops.resource(changed).updateStatus()
                        : ops.inNamespace(namespace).resource(changed).updateStatus());
    }

    /** A copy of the object's status as a mutable map (empty when it has none). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> statusOf(GenericKubernetesResource r) {
        Object status = r.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }

    /** Updates a Job; change returns the changed copy or null for no change. Returns the Job as stored. */
    public Job updateJob(String namespace, String name, UnaryOperator<Job> change) {
        var jobs = client.batch().v1().jobs().inNamespace(namespace);
        return ConflictRetry.update(() -> cache.job(namespace, name), () -> jobs.withName(name).get(),
                change::apply, changed -> jobs.resource(changed).update());
    }

    /**
     * Creates a Workload; one that already exists (created by an earlier pass or replica, not yet in
     * the cache) is left as it is. Returns whether this call created it.
     */
    public boolean createWorkload(GenericKubernetesResource workload) {
        try {
            client.genericKubernetesResources(KueueApi.WORKLOAD).inNamespace(workload.getMetadata().getNamespace())
                    .resource(workload).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            return false;
        }
    }

    public void deleteWorkload(String namespace, String name) {
        client.genericKubernetesResources(KueueApi.WORKLOAD).inNamespace(namespace).withName(name).delete();
    }
}
