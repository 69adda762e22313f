package io.berth.api.core;

import io.berth.api.Quantity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resources blocks of a pod spec as written (amounts in milli-units): each init container's
 * and container's requests and limits, the pod's own (or null), its overhead and the
 * RuntimeClass it names (or null). A RuntimeClass's overhead and LimitRange defaults apply to
 * these before the requests of one pod are worked out from them.
 */
public record PodResources(List<Block> initContainers, List<Block> containers, Block pod, Map<String, Long> overhead,
                           String runtimeClassName) {
    /** The resources a pod may request as a whole (Kubernetes' pod-level resources). */
    private static final Set<String> POD_LEVEL = Set.of("cpu", "memory");

    /** One resources block; sidecar: a restartable init container (restartPolicy Always). */
    public record Block(Map<String, Long> requests, Map<String, Long> limits, boolean sidecar) {
        public Block {
            requests = Collections.unmodifiableMap(new LinkedHashMap<>(requests));
            limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
        }

        /** Requests with a limit standing in for a missing request, as Kubernetes defaults them. */
        Map<String, Long> effectiveRequests() {
            Map<String, Long> out = new LinkedHashMap<>(requests);
            limits.forEach(out::putIfAbsent);
            return out;
        }

        /** The resources whose request exceeds its limit, in name order. */
        List<String> requestsAboveLimits() {
            return requests.keySet().stream().filter(r -> limits.containsKey(r) && requests.get(r) > limits.get(r))
                    .sorted().toList();
        }

        /** This block with the given defaults for what it leaves out (its own values come first). */
        Block withDefaults(Map<String, Long> defaultLimits, Map<String, Long> defaultRequests) {
            Map<String, Long> l = new LinkedHashMap<>(limits);
            defaultLimits.forEach(l::putIfAbsent);
            Map<String, Long> r = new LinkedHashMap<>(requests);
            defaultRequests.forEach(r::putIfAbsent);
            return new Block(r, l, sidecar);
        }
    }

    public PodResources {
        initContainers = List.copyOf(initContainers);
        containers = List.copyOf(containers);
        overhead = Collections.unmodifiableMap(new LinkedHashMap<>(overhead));
    }

    /**
     * The effective requests of one pod, computed like Kubernetes' resource helper (and so like
     * Kueue): containers are summed, restartable init containers (sidecars) run alongside them, each
     * other init container runs alone next to the sidecars started before it, the pod needs the
     * larger of the two; pod-level cpu and memory requests replace that sum; plus the overhead.
     */
    public Map<String, Long> requests() {
        Map<String, Long> requests = new LinkedHashMap<>();
        containers.forEach(c -> addInto(requests, c.effectiveRequests()));
        Map<String, Long> sidecars = new LinkedHashMap<>();
        Map<String, Long> initPeak = new LinkedHashMap<>();
        for (Block c : initContainers) {
            Map<String, Long> own = c.effectiveRequests();
            Map<String, Long> whileRunning = new LinkedHashMap<>(sidecars);
            if (c.sidecar()) {
                addInto(requests, own);
                addInto(sidecars, own);
                whileRunning = new LinkedHashMap<>(sidecars);
            } else {
                addInto(whileRunning, own);
            }
            maxInto(initPeak, whileRunning);
        }
        maxInto(requests, initPeak);
        if (pod != null) {
            pod.effectiveRequests().forEach((resource, amount) -> {
                if (POD_LEVEL.contains(resource)) {
                    requests.put(resource, amount);
                }
            });
        }
        addInto(requests, overhead);
        return requests;
    }

    /** Where requests exceed their limits, in Kueue's order: init containers, containers, the pod's own. */
    public List<PodTemplate.RequestsAboveLimits> requestsAboveLimits() {
        List<PodTemplate.RequestsAboveLimits> out = new ArrayList<>();
        for (int i = 0; i < initContainers.size(); i++) {
            addAboveLimits(out, "initContainers[" + i + "]", initContainers.get(i));
        }
        for (int i = 0; i < containers.size(); i++) {
            addAboveLimits(out, "containers[" + i + "]", containers.get(i));
        }
        if (pod != null) {
            addAboveLimits(out, "resources", pod);
        }
        return out;
    }

    private static void addAboveLimits(List<PodTemplate.RequestsAboveLimits> out, String path, Block block) {
        List<String> above = block.requestsAboveLimits();
        if (!above.isEmpty()) {
            out.add(new PodTemplate.RequestsAboveLimits(path, above));
        }
    }

    /** These resources with the overhead of their RuntimeClass, when they set none themselves. */
    public PodResources withRuntimeClassOverhead(Map<String, Long> podFixed) {
        return overhead.isEmpty() && !podFixed.isEmpty()
                ? new PodResources(initContainers, containers, pod, podFixed, runtimeClassName) : this;
    }

    /**
     * These resources with a LimitRange's defaults, as Kueue adjusts a workload: the Container
     * defaults for every init container and container, the Pod defaults for the pod's own block
     * when it has one; what a block sets itself stays.
     */
    public PodResources withDefaults(Map<String, Long> containerLimits, Map<String, Long> containerRequests,
                                     Map<String, Long> podLimits, Map<String, Long> podRequests) {
        return new PodResources(initContainers.stream().map(c -> c.withDefaults(containerLimits, containerRequests)).toList(),
                containers.stream().map(c -> c.withDefaults(containerLimits, containerRequests)).toList(),
                pod == null ? null : pod.withDefaults(podLimits, podRequests), overhead, runtimeClassName);
    }

    private static void addInto(Map<String, Long> total, Map<String, Long> more) {
        more.forEach((k, v) -> total.merge(k, v, Quantity::add));
    }

    private static void maxInto(Map<String, Long> total, Map<String, Long> other) {
        other.forEach((k, v) -> total.merge(k, v, Math::max));
    }
}
