package io.berth.api.config;

import java.util.List;

/**
 * Kueue's Configuration {@code resources} fields that decide which requests count against quota:
 * ignoreUndeclared (quotaCheckStrategy IgnoreUndeclared) leaves out the resources a ClusterQueue
 * does not cover instead of refusing the workload; excludeResourcePrefixes drops matching
 * resources from every request.
 */
public record ResourcesConfig(boolean ignoreUndeclared, List<String> excludeResourcePrefixes) {
    public static final ResourcesConfig DEFAULT = new ResourcesConfig(false, List.of());

    public ResourcesConfig {
        excludeResourcePrefixes = List.copyOf(excludeResourcePrefixes);
    }

    /** Whether requests of this resource are left out of quota. */
    public boolean excludes(String resource) {
        for (String prefix : excludeResourcePrefixes) {
            if (resource.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
