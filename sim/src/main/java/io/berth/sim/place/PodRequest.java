package io.berth.sim.place;

import io.berth.api.core.Toleration;
import java.util.List;
import java.util.Map;

/**
 * One pod to place: cpu (milli-cores), memory (bytes), GPUs in milli-GPUs (multiples of 1000
 * take whole GPUs, less than 1000 a share of one GPU), the node labels it requires (its
 * nodeSelector plus its flavor's nodeLabels), its tolerations and the GPU models it accepts
 * (empty: any).
 */
public record PodRequest(long cpuMilli, long memoryBytes, long gpuMilli, Map<String, String> nodeSelector,
                         List<Toleration> tolerations, List<String> gpuModels) {
    public PodRequest {
        nodeSelector = Map.copyOf(nodeSelector);
        tolerations = List.copyOf(tolerations);
        gpuModels = List.copyOf(gpuModels);
    }
}
