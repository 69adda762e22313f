package io.berth.devices.allocator;

import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.ResourceClaim;
import io.berth.api.resource.ResourceSlice;
import java.util.List;

/**
 * What the allocator allocates from: device classes, ResourceSlices, and the claims that already
 * have an allocation (they hold their devices, capacity and counters).
 */
public record DeviceInventory(List<DeviceClass> classes, List<ResourceSlice> slices, List<ResourceClaim> allocatedClaims) {
    public DeviceInventory {
        classes = List.copyOf(classes);
        slices = List.copyOf(slices);
        allocatedClaims = allocatedClaims.stream().filter(c -> c.allocation() != null).toList();
    }
}
