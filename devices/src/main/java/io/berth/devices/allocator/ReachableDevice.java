package io.berth.devices.allocator;

import io.berth.api.resource.Device;
import io.berth.devices.cel.DeviceInput;

/** A device that a node can be allocated, with its driver and the CEL view selectors evaluate. */
public record ReachableDevice(String driver, Device device, DeviceInput input) {
}
