package io.berth.operator.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.HttpURLConnection;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Every write the operator makes. Updates start from the newest copy known (the informer's, or
 * the one our last write returned when the informer has not caught up yet), carry its
 * resourceVersion and are retried from a fresh read on 409 Conflict ({@link ConflictRetry}).
 * Starting from our own last write keeps a lagging cache from causing needless conflicts, and
 * from losing a change where an API server does not check resourceVersions.
 */
public final class ClusterWriter {
    private final KubernetesClient client;
    private final ClusterCache cache;
    private final KubernetesSerialization serialization;
    private final Map<String, HasMetadata> written = new HashMap<>();

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
        return update(ctx, namespace, name, "status", change, Resource::updateStatus);
    }

    /** Changes the spec of a kueue.x-k8s.io object, as {@link #updateStatus} changes its status. */
    public GenericKubernetesResource updateSpec(ResourceDefinitionContext ctx, String namespace, String name,
                                                Predicate<Map<String, Object>> change) {
        return update(ctx, namespace, name, "spec", change, Resource::update);
    }

    private GenericKubernetesResource update(ResourceDefinitionContext ctx, String namespace, String name,
                                             String field, Predicate<Map<String, Object>> change,
                                             Function<Resource<GenericKubernetesResource>, GenericKubernetesResource> write) {
        return update(ctx, namespace, name, current -> {
            GenericKubernetesResource copy = serialization.clone(current);
            Map<String, Object> value = mapOf(copy, field);
            if (!change.test(value)) {
                return null;
            }
            copy.setAdditionalProperty(field, value);
            return copy;
        }, write);
    }

    /**
     * Sets an annotation of a kueue.x-k8s.io object, or removes it when value is null. Returns the
     * object as stored, or null when it is gone.
     */
    public GenericKubernetesResource updateAnnotation(ResourceDefinitionContext ctx, String namespace, String name,
                                                      String annotation, String value) {
        return update(ctx, namespace, name, current -> {
            Map<String, String> annotations = current.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(current.getMetadata().getAnnotations());
            if (Objects.equals(annotations.get(annotation), value)) {
                return null;
            }
            if (value == null) {
                annotations.remove(annotation);
            } else {
                annotations.put(annotation, value);
            }
            GenericKubernetesResource copy = serialization.clone(current);
            copy.getMetadata().setAnnotations(annotations);
            return copy;
        }, Resource::update);
    }

    /** change returns the changed copy of the newest object, or null for no change. */
    private GenericKubernetesResource update(ResourceDefinitionContext ctx, String namespace, String name,
                                             UnaryOperator<GenericKubernetesResource> change,
                                             Function<Resource<GenericKubernetesResource>, GenericKubernetesResource> write) {
        var all = client.genericKubernetesResources(ctx);
        NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
                Resource<GenericKubernetesResource>> ops = namespace == null ? all : all.inNamespace(namespace);
        String key = ctx.getKind() + "/" + namespace + "/" + name;
        return remember(key, ConflictRetry.update(
                () -> newest(key, cache.get(ctx, namespace, name)),
                () -> ops.withName(name).get(),
                change::apply,
                changed -> write.apply(ops.resource(changed))));
    }

    /** A copy of the object's status as a mutable map (empty when it has none). */
    public static Map<String, Object> statusOf(GenericKubernetesResource r) {
        return mapOf(r, "status");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOf(GenericKubernetesResource r, String field) {
        Object value = r.getAdditionalProperties().get(field);
        return value instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }

    /** Updates a Job; change returns the changed copy or null for no change. Returns the Job as stored. */
    public Job updateJob(String namespace, String name, UnaryOperator<Job> change) {
        var jobs = client.batch().v1().jobs().inNamespace(namespace);
        String key = "Job/" + namespace + "/" + name;
        return remember(key, ConflictRetry.update(() -> newest(key, cache.job(namespace, name)),
                () -> jobs.withName(name).get(), change::apply, changed -> jobs.resource(changed).update()));
    }

    /** The cached copy, or our last written one when it is newer (the cache has not seen our write yet). */
    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> T newest(String key, T cached) {
        HasMetadata mine = written.get(key);
        if (mine == null || cached == null) {
            return cached;
        }
        if (!newer(mine, cached)) {
            written.remove(key); // the cache caught up
            return cached;
        }
        return (T) mine;
    }

    private <T extends HasMetadata> T remember(String key, T stored) {
        if (stored == null) {
            written.remove(key);
        } else {
            written.put(key, stored);
        }
        return stored;
    }

    /** resourceVersions are opaque, but etcd's are increasing numbers; anything else counts as not newer. */
    private static boolean newer(HasMetadata a, HasMetadata b) {
        try {
            return Long.parseLong(a.getMetadata().getResourceVersion()) > Long.parseLong(b.getMetadata().getResourceVersion());
        } catch (NumberFormatException e) {
            return false;
        }
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

    /** The Job is gone: its last written copy is not needed any more. */
    public void forgetJob(String namespace, String name) {
        written.remove("Job/" + namespace + "/" + name);
    }

    public void deleteWorkload(String namespace, String name) {
        written.remove("Workload/" + namespace + "/" + name);
        client.genericKubernetesResources(KueueApi.WORKLOAD).inNamespace(namespace).withName(name).delete();
    }
}
