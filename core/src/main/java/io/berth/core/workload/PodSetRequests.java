package io.berth.core.workload;

import io.berth.api.core.PodTemplate;

/**
 * A pod set as the engine sees it: per-pod requests as parallel arrays of resource ids (in
 * resource name order) and amounts in each resource's counting unit, the full count and the smallest count partial
 * admission may go down to. flavorDependent: requests whose amount depends on the flavor, or null.
 */
public record PodSetRequests(String name, int count, int minCount, int[] resources, long[] perPod,
                             PodTemplate template, FlavorDependentRequests flavorDependent) {
    public PodSetRequests(String name, int count, int minCount, int[] resources, long[] perPod, PodTemplate template) {
        this(name, count, minCount, resources, perPod, template, null);
    }

    /** The per-pod amount of resource index r in the flavor: the fixed request plus what the flavor adds. */
    public long perPodIn(int r, String flavor) {
        if (flavorDependent == null) {
            return perPod[r];
        }
        long extra = flavorDependent.perPod(resources[r], flavor);
        return perPod[r] > Long.MAX_VALUE - extra ? Long.MAX_VALUE : perPod[r] + extra;
    }

    public boolean canShrink() {
        return minCount < count;
    }
}
