package io.berth.sim.model;

import io.berth.api.core.Taint;
import java.util.List;
import java.util.Map;

/**
 * A node of the simulated cluster: labels and taints (matched against flavors and pods),
 * allocatable cpu (milli-cores), memory (bytes) and whole GPUs of one model (null without GPUs).
 */
public record SimNode(String name, Map<String, String> labels, List<Taint> taints, long cpuMilli, long memoryBytes,
                      int gpus, String gpuModel) {
    /** Label carrying the GPU model, set on every GPU node (as GPU feature discovery does). */
    public static final String GPU_MODEL_LABEL = "nvidia.com/gpu.product";

    public SimNode {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        taints = taints == null ? List.of() : List.copyOf(taints);
    }
}
