package io.berth.api.resource;

import java.util.List;
import java.util.Map;

/**
 * One device of a ResourceSlice. Attribute and capacity names are as written (bare ids belong to
 * the driver's domain). nodeName/nodeSelector/allNodes are set only with perDeviceNodeSelection.
 * bindingConditions: the device has binding conditions (its pool is tried after the others);
 * bindsToNode: an allocation ties the claim to the node.
 */
public record Device(String name, Map<String, DeviceAttribute> attributes, Map<String, DeviceCapacity> capacity,
                     List<CounterConsumption> consumesCounters, String nodeName, NodeSelectorSpec nodeSelector,
                     boolean allNodes, boolean allowMultipleAllocations, List<DeviceTaint> taints,
                     boolean bindingConditions, boolean bindsToNode) {
    public Device {
        attributes = Map.copyOf(attributes);
        capacity = Map.copyOf(capacity);
        consumesCounters = List.copyOf(consumesCounters);
        taints = List.copyOf(taints);
    }

    public Device(String name, Map<String, DeviceAttribute> attributes, Map<String, DeviceCapacity> capacity,
                  List<CounterConsumption> consumesCounters, String nodeName, NodeSelectorSpec nodeSelector,
                  boolean allNodes, boolean allowMultipleAllocations, List<DeviceTaint> taints) {
        this(name, attributes, capacity, consumesCounters, nodeName, nodeSelector, allNodes, allowMultipleAllocations,
                taints, false, false);
    }

    public static Device named(String name) {
        return new Device(name, Map.of(), Map.of(), List.of(), null, null, false, false, List.of());
    }
}
