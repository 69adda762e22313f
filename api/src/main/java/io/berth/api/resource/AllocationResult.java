package io.berth.api.resource;

import java.util.List;

/** status.allocation of a ResourceClaim: the devices, their config, and where the claim can be used (null: any node). */
public record AllocationResult(List<DeviceResult> devices, List<AllocatedConfig> config, NodeSelectorSpec nodeSelector) {
    public AllocationResult {
        devices = List.copyOf(devices);
        config = config == null ? List.of() : List.copyOf(config);
    }
}
