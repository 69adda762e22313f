package io.berth.sim.model;

import io.berth.api.core.Toleration;
import java.util.List;
import java.util.Map;

/**
 * Identical pods of a simulated workload. requests: per pod, Kubernetes resource names to
 * milli-units, charged to quota as given ("nvidia.com/gpu": 1000 per whole GPU, a GPU share as
 * its milli fraction, e.g. 460). gpuModels: acceptable GPU models (empty: any).
 */
public record SimPodSet(String name, int count, Integer minCount, Map<String, Long> requests, List<String> gpuModels,
                        Map<String, String> nodeSelector, List<Toleration> tolerations) {
    public static final String GPU = "nvidia.com/gpu";

    public SimPodSet {
        requests = Map.copyOf(requests);
        gpuModels = gpuModels == null ? List.of() : List.copyOf(gpuModels);
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
    }

    /** Per-pod GPU request in milli-GPUs: a multiple of 1000 for whole GPUs, less than 1000 for a share. */
    public long gpuMilli() {
        return requests.getOrDefault(GPU, 0L);
    }
}
