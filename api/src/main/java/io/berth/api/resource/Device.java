package io.berth.api.resource;

import java.util.List;
import java.util.Map;

/**
 * One device of a ResourceSlice. Attribute and capacity names are as written (bare ids belong to
 * the driver's domain). nodeName/nodeSelector/allNodes are set only with perDeviceNodeSelection.
 */
public record Device(String name, Map<String, DeviceAttribute> attributes, Map<String, DeviceCapacity> capacity,
                     List<CounterConsumption> consumesCounters, String nodeName, NodeSelectorSpec nodeSelector,
                     boolean allNodes, boolean allowMultipleAllocations, List<DeviceTaint> taints) {
    public Device {
        attributes = Map.copyOf(attributes);
        capacity = Map.copyOf(capacity);
        consumesCounters = List.copyOf(consumesCounters);
        taints = List.copyOf(taints);
    }

    public static Device named(String name) {
        return new Device(name, Map.of(), Map.of(), List.of(), null, null, false, false, List.of());
    }
}
