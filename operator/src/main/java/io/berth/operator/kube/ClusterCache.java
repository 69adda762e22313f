package io.berth.operator.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Plain fabric8 SharedIndexInformers for every kind the operator reads: the kueue.x-k8s.io kinds,
 * Namespaces, LimitRanges, RuntimeClasses and batch/v1 Jobs. Notifications go to one sink (the
 * reconcile loop's queue); the
 * stores answer lookups from any thread. With namespaces given, namespaced kinds are watched
 * only there (one informer per namespace).
 */
public final class ClusterCache implements AutoCloseable {
    private final KubernetesClient client;
    private final List<String> namespaces;
    private final Map<String, List<SharedIndexInformer<GenericKubernetesResource>>> kueue = new LinkedHashMap<>();
    private final List<SharedIndexInformer<Job>> jobs = new ArrayList<>();
    private final List<SharedIndexInformer<LimitRange>> limitRanges = new ArrayList<>();
    private SharedIndexInformer<Namespace> namespaceInformer;
    private SharedIndexInformer<RuntimeClass> runtimeClassInformer;
    private final List<ResourceDefinitionContext> contexts;
    private final List<SharedIndexInformer<?>> all = new ArrayList<>();

    /**
     * namespaces: where Jobs, Workloads, LocalQueues and LimitRanges are watched; empty for every namespace.
     * draKinds: the resource.k8s.io kinds device quota reads ({@link DraApi#needed}).
     */
    public ClusterCache(KubernetesClient client, List<String> namespaces, List<ResourceDefinitionContext> draKinds) {
        this.client = client;
        this.namespaces = List.copyOf(namespaces);
        this.contexts = new ArrayList<>(KueueApi.ALL);
        contexts.addAll(draKinds);
    }

    /** Creates and starts the informers; the future completes when every one has listed its objects. */
    public CompletableFuture<Void> start(Consumer<Change> sink) {
        ResourceEventHandler<HasMetadata> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata obj) {
                sink.accept(new Change(obj, false));
            }

            @Override
            public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
                sink.accept(new Change(newObj, false));
            }

            @Override
            public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
                sink.accept(new Change(obj, true));
            }
        };
        for (ResourceDefinitionContext ctx : contexts) {
            List<SharedIndexInformer<GenericKubernetesResource>> list = new ArrayList<>();
            if (ctx.isNamespaceScoped() && !namespaces.isEmpty()) {
                for (String ns : namespaces) {
                    list.add(client.genericKubernetesResources(ctx).inNamespace(ns).runnableInformer(0));
                }
            } else if (ctx.isNamespaceScoped()) {
                list.add(client.genericKubernetesResources(ctx).inAnyNamespace().runnableInformer(0));
            } else {
                list.add(client.genericKubernetesResources(ctx).runnableInformer(0));
            }
            kueue.put(ctx.getKind(), list);
            all.addAll(list);
        }
        jobs.addAll(watched(client.batch().v1().jobs()));
        all.addAll(jobs);
        limitRanges.addAll(watched(client.limitRanges()));
        all.addAll(limitRanges);
        namespaceInformer = client.namespaces().runnableInformer(0);
        all.add(namespaceInformer);
        runtimeClassInformer = client.resources(RuntimeClass.class).runnableInformer(0);
        all.add(runtimeClassInformer);
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (SharedIndexInformer<?> informer : all) {
            @SuppressWarnings("unchecked")
            SharedIndexInformer<HasMetadata> typed = (SharedIndexInformer<HasMetadata>) informer;
            typed.addEventHandler(handler);
            started.add(typed.start().toCompletableFuture());
        }
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }

    /** Informers for a namespaced kind: one per watched namespace, or one for all. */
    private <T extends HasMetadata> List<SharedIndexInformer<T>> watched(MixedOperation<T, ?, ?> kind) {
        if (namespaces.isEmpty()) {
            return List.of(kind.inAnyNamespace().runnableInformer(0));
        }
        return namespaces.stream().map(ns -> kind.inNamespace(ns).runnableInformer(0)).toList();
    }

    private static <T> List<T> listed(List<SharedIndexInformer<T>> informers) {
        List<T> out = new ArrayList<>();
        informers.forEach(i -> out.addAll(i.getStore().list()));
        return out;
    }

    /** Objects of a kueue.x-k8s.io kind in the cache. */
    public List<GenericKubernetesResource> list(ResourceDefinitionContext ctx) {
        List<GenericKubernetesResource> out = new ArrayList<>();
        kueue.getOrDefault(ctx.getKind(), List.of()).forEach(i -> out.addAll(i.getStore().list()));
        return out;
    }

    public GenericKubernetesResource get(ResourceDefinitionContext ctx, String namespace, String name) {
        String key = namespace == null ? name : namespace + "/" + name;
        for (SharedIndexInformer<GenericKubernetesResource> i : kueue.getOrDefault(ctx.getKind(), List.of())) {
            GenericKubernetesResource r = i.getStore().getByKey(key);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    public List<Job> jobs() {
        return listed(jobs);
    }

    public Job job(String namespace, String name) {
        for (SharedIndexInformer<Job> i : jobs) {
            Job j = i.getStore().getByKey(namespace + "/" + name);
            if (j != null) {
                return j;
            }
        }
        return null;
    }

    public List<LimitRange> limitRanges() {
        return listed(limitRanges);
    }

    public List<RuntimeClass> runtimeClasses() {
        return runtimeClassInformer == null ? List.of() : runtimeClassInformer.getStore().list();
    }

    public List<Namespace> namespaces() {
        return namespaceInformer == null ? List.of() : namespaceInformer.getStore().list();
    }

    /** Whether every informer has listed its objects (readiness). */
    public boolean synced() {
        return !all.isEmpty() && all.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    @Override
    public void close() {
        all.forEach(SharedIndexInformer::stop);
    }
}
