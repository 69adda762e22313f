package io.berth.api.core;

import java.util.List;
import java.util.Map;

/**
 * What the admission engine needs of a pod template: the effective requests of one pod
 * (containers summed, init containers as a maximum, overhead added; in milli-units) and the
 * scheduling constraints matched against ResourceFlavors, the DRA claims of each pod, the
 * places whose requests exceed their limits (Kueue refuses to admit such a workload), and the
 * resources blocks these come from (null when only the requests are known).
 */
public record PodTemplate(Map<String, Long> requests, Map<String, String> nodeSelector,
                          List<NodeSelectorTerm> requiredNodeAffinity, List<Toleration> tolerations,
                          List<PodResourceClaim> resourceClaims, List<RequestsAboveLimits> requestsAboveLimits,
                          PodResources resources) {
    /**
     * A container (path relative to the pod spec, such as "containers[0]") or the pod's own
     * resources ("resources") requesting more than its limit of these resources, in name order.
     */
    public record RequestsAboveLimits(String path, List<String> resources) {
        public RequestsAboveLimits {
            resources = List.copyOf(resources);
        }
    }

    public PodTemplate(Map<String, Long> requests, Map<String, String> nodeSelector,
                       List<NodeSelectorTerm> requiredNodeAffinity, List<Toleration> tolerations) {
        this(requests, nodeSelector, requiredNodeAffinity, tolerations, null, null, null);
    }

    public PodTemplate {
        requests = requests == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requests));
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        requiredNodeAffinity = requiredNodeAffinity == null ? List.of() : List.copyOf(requiredNodeAffinity);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        resourceClaims = resourceClaims == null ? List.of() : List.copyOf(resourceClaims);
        requestsAboveLimits = requestsAboveLimits == null ? List.of() : List.copyOf(requestsAboveLimits);
    }

    /** This template with its resources blocks replaced (its requests and their checks worked out again). */
    public PodTemplate withResources(PodResources adjusted) {
        return new PodTemplate(adjusted.requests(), nodeSelector, requiredNodeAffinity, tolerations, resourceClaims,
                adjusted.requestsAboveLimits(), adjusted);
    }

    public static PodTemplate ofRequests(Map<String, Long> requests) {
        return new PodTemplate(requests, null, null, null);
    }
}
