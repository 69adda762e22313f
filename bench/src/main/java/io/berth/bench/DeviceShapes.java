package io.berth.bench;

import io.berth.api.core.ObjectMeta;
import io.berth.api.resource.AllocationMode;
import io.berth.api.resource.CelSelector;
import io.berth.api.resource.Device;
import io.berth.api.resource.DeviceAttribute;
import io.berth.api.resource.DeviceCapacity;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceConstraint;
import io.berth.api.resource.DeviceRequest;
import io.berth.api.resource.DeviceRequestSpec;
import io.berth.api.resource.ResourceClaim;
import io.berth.api.resource.ResourceClaimSpec;
import io.berth.api.resource.ResourceSlice;
import io.berth.devices.allocator.DeviceInventory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Device inventories and claims for the allocator benchmarks. */
final class DeviceShapes {
    static final String DRIVER = "gpu.example.com";

    private DeviceShapes() {
    }

    /**
     * n GPUs on node-1 in one pool, 125 per slice: model alternates a100/h100, numa = index mod numas,
     * slot = numa * 100 + (index / numas) mod slotsPerNuma, memory 80Gi.
     */
    static DeviceInventory gpus(int n, int numas, int slotsPerNuma) {
        List<ResourceSlice> slices = new ArrayList<>();
        int perSlice = 125;
        int sliceCount = (n + perSlice - 1) / perSlice;
        for (int s = 0; s < sliceCount; s++) {
            List<Device> devices = new ArrayList<>();
            for (int i = s * perSlice; i < Math.min(n, (s + 1) * perSlice); i++) {
                int numa = i % numas;
                devices.add(new Device("gpu-" + i, Map.of(
                        "model", DeviceAttribute.ofString(i % 2 == 0 ? "a100" : "h100"),
                        "numa", DeviceAttribute.ofInt(numa),
                        "slot", DeviceAttribute.ofInt(numa * 100L + (i / numas) % slotsPerNuma)),
                        Map.of("memory", new DeviceCapacity(new BigDecimal(80L << 30), null)),
                        List.of(), null, null, false, false, List.of()));
            }
            slices.add(new ResourceSlice(ObjectMeta.named(String.format("node-1-%03d", s)), DRIVER, "node-1", 1,
                    sliceCount, "node-1", null, false, false, devices, List.of()));
        }
        DeviceClass gpu = new DeviceClass(ObjectMeta.named("gpu"),
                List.of(new CelSelector("device.driver == \"" + DRIVER + "\"")), List.of());
        return new DeviceInventory(List.of(gpu), slices, List.of());
    }

    static DeviceRequestSpec request(String name, long count, String... selectors) {
        return new DeviceRequestSpec(name, "gpu", List.of(selectors).stream().map(CelSelector::new).toList(),
                AllocationMode.ExactCount, count, false, List.of(), Map.of());
    }

    static ResourceClaim claim(List<DeviceRequestSpec> requests, List<DeviceConstraint> constraints) {
        ObjectMeta meta = new ObjectMeta("bench", "default", Map.of(), Map.of(), null, null);
        return new ResourceClaim(meta, new ResourceClaimSpec(requests.stream().map(DeviceRequest::exactly).toList(),
                constraints, List.of()), null);
    }
}
