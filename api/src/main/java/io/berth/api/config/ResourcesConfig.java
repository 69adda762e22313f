package io.berth.api.config;

import io.berth.api.Quantity;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kueue's Configuration {@code resources} fields that decide which requests count against quota:
 * ignoreUndeclared (quotaCheckStrategy IgnoreUndeclared) leaves out the resources a ClusterQueue
 * does not cover instead of refusing the workload; excludeResourcePrefixes drops matching
 * resources from every request; transformations turn requests of some resources into others.
 */
public record ResourcesConfig(boolean ignoreUndeclared, List<String> excludeResourcePrefixes,
                              List<ResourceTransformation> transformations) {
    public static final ResourcesConfig DEFAULT = new ResourcesConfig(false, List.of(), List.of());
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    public ResourcesConfig {
        excludeResourcePrefixes = List.copyOf(excludeResourcePrefixes);
        transformations = List.copyOf(transformations);
    }

    /** Whether requests of this resource are left out of quota. */
    private boolean excludes(String resource) {
        for (String prefix : excludeResourcePrefixes) {
            if (resource.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a pod's requests (milli-units by resource) count as, as Kueue works it out: the excluded
     * resources dropped, then the transformations applied. What transformations produce is summed
     * apart, a negative total counting as nothing, and then added to what is kept.
     */
    public Map<String, Long> effectiveRequests(Map<String, Long> podRequests) {
        if (excludeResourcePrefixes.isEmpty() && transformations.isEmpty()) {
            return podRequests;
        }
        Map<String, Long> requests = new LinkedHashMap<>(podRequests);
        requests.keySet().removeIf(this::excludes);
        if (transformations.isEmpty()) {
            return requests;
        }
        Map<String, Long> kept = new TreeMap<>();
        Map<String, Long> produced = new TreeMap<>();
        for (var e : requests.entrySet()) {
            ResourceTransformation t = transformationOf(e.getKey());
            if (t == null) {
                kept.merge(e.getKey(), e.getValue(), Quantity::add);
                continue;
            }
            BigDecimal units = BigDecimal.valueOf(e.getValue()).divide(THOUSAND);
            Long multiplier = t.multiplyBy() == null ? null : requests.get(t.multiplyBy());
            if (multiplier != null) {
                units = units.multiply(BigDecimal.valueOf(multiplier).divide(THOUSAND));
            }
            for (var out : t.outputs().entrySet()) {
                produced.merge(out.getKey(), Quantity.toMillis(units.multiply(out.getValue())), Quantity::add);
            }
            if (!t.replace()) {
                kept.merge(e.getKey(), e.getValue(), Quantity::add);
            }
        }
        produced.forEach((resource, millis) -> kept.merge(resource, Math.max(0, millis), Quantity::add));
        return kept;
    }

    private ResourceTransformation transformationOf(String resource) {
        for (ResourceTransformation t : transformations) {
            if (t.input().equals(resource)) {
                return t;
            }
        }
        return null;
    }
}
