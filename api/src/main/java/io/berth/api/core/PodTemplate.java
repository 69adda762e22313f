package io.berth.api.core;

import java.util.List;
import java.util.Map;

/**
 * What the admission engine needs of a pod template: the effective requests of one pod
 * (containers summed, init containers as a maximum, overhead added; in milli-units) and the
 * scheduling constraints matched against ResourceFlavors, and the DRA claims of each pod.
 */
public record PodTemplate(Map<String, Long> requests, Map<String, String> nodeSelector,
                          List<NodeSelectorTerm> requiredNodeAffinity, List<Toleration> tolerations,
                          List<PodResourceClaim> resourceClaims) {
    public PodTemplate(Map<String, Long> requests, Map<String, String> nodeSelector,
                       List<NodeSelectorTerm> requiredNodeAffinity, List<Toleration> tolerations) {
        this(requests, nodeSelector, requiredNodeAffinity, tolerations, null);
    }

    public PodTemplate {
        requests = requests == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requests));
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        requiredNodeAffinity = requiredNodeAffinity == null ? List.of() : List.copyOf(requiredNodeAffinity);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        resourceClaims = resourceClaims == null ? List.of() : List.copyOf(resourceClaims);
    }

    public static PodTemplate ofRequests(Map<String, Long> requests) {
        return new PodTemplate(requests, null, null, null);
    }
}
