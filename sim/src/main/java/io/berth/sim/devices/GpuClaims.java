package io.berth.sim.devices;

import io.berth.api.resource.AllocationMode;
import io.berth.api.resource.CelSelector;
import io.berth.api.resource.DeviceRequest;
import io.berth.api.resource.DeviceRequestSpec;
import io.berth.api.resource.ResourceClaimSpec;
import io.berth.sim.place.PodRequest;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ResourceClaim of a GPU pod, one request {@value #REQUEST} of class {@link GpuSlices#DRIVER}:
 * whole GPUs ({@code gpuMilli} of 1000 or more) are {@code count: N} devices, each taken whole (no
 * capacity request, so the policy's default of 1000); a share ({@code gpuMilli} below 1000) is one
 * device with {@code capacity.requests: {milli: gpuMilli}}. Acceptable GPU models become a CEL
 * selector on {@code device.attributes["gpu.berth.io"].model}. One spec per distinct (GPUs,
 * models), so each selector text is built once (and compiled once by the allocator's cache).
 */
public final class GpuClaims {
    public static final String REQUEST = "gpu";

    private final Map<List<Object>, ResourceClaimSpec> specs = new HashMap<>();

    /** The claim spec of the pod (which must ask for GPUs). */
    public ResourceClaimSpec spec(PodRequest pod) {
        if (pod.gpuMilli() <= 0) {
            throw new IllegalArgumentException("a pod without GPUs has no GPU claim");
        }
        return specs.computeIfAbsent(List.of(pod.gpuMilli(), pod.gpuModels()), k -> build(pod.gpuMilli(), pod.gpuModels()));
    }

    private static ResourceClaimSpec build(long gpuMilli, List<String> models) {
        boolean share = gpuMilli < 1000;
        long count = share ? 1 : (gpuMilli + 999) / 1000;
        List<CelSelector> selectors = models.isEmpty() ? List.of() : List.of(new CelSelector(modelSelector(models)));
        Map<String, BigDecimal> capacity = share ? Map.of(GpuSlices.MILLI, BigDecimal.valueOf(gpuMilli)) : Map.of();
        DeviceRequestSpec spec = new DeviceRequestSpec(REQUEST, GpuSlices.DRIVER, selectors, AllocationMode.ExactCount,
                count, false, List.of(), capacity);
        return new ResourceClaimSpec(List.of(DeviceRequest.exactly(spec)), List.of(), List.of());
    }

    /** {@code device.attributes["gpu.berth.io"].model == "A"}, or {@code in ["A", "B"]} for several. */
    static String modelSelector(List<String> models) {
        String attribute = "device.attributes[\"" + GpuSlices.DRIVER + "\"]." + GpuSlices.MODEL;
        if (models.size() == 1) {
            return attribute + " == " + literal(models.get(0));
        }
        StringBuilder b = new StringBuilder(attribute).append(" in [");
        for (int i = 0; i < models.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(literal(models.get(i)));
        }
        return b.append(']').toString();
    }

    private static String literal(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
