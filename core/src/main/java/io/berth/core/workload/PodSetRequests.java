package io.berth.core.workload;

import io.berth.api.core.PodTemplate;
import io.berth.core.quota.QuotaNode;

/**
 * A pod set as the engine sees it: per-pod requests as parallel arrays of resource ids (in
 * resource name order) and amounts in each resource's counting unit (at most
 * {@link QuotaNode#UNLIMITED}, where Kueue clamps), the full count and the smallest count partial
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
        return extra >= QuotaNode.UNLIMITED - perPod[r] ? QuotaNode.UNLIMITED : perPod[r] + extra;
    }

    /** The amount of resource index r that count pods ask for. */
    public long total(int r, int count) {
        return total(perPod[r], count);
    }

    /** perPod x count, clamped, as Kueue clamps requests past the range of its quantities. */
    public static long total(long perPod, int count) {
        return count > 0 && perPod > QuotaNode.UNLIMITED / count ? QuotaNode.UNLIMITED : perPod * count;
    }

    public boolean canShrink() {
        return minCount < count;
    }
}
