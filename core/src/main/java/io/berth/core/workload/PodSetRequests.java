package io.berth.core.workload;

import io.berth.api.core.PodTemplate;

/**
 * A pod set as the engine sees it: per-pod requests as parallel arrays of resource ids (in
 * resource name order) and milli-unit amounts, the full count and the smallest count partial
 * admission may go down to.
 */
public record PodSetRequests(String name, int count, int minCount, int[] resources, long[] perPod,
                             PodTemplate template) {
    public boolean canShrink() {
        return minCount < count;
    }
}
