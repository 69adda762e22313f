package io.berth.api.resource;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;
import java.util.List;

/**
 * A resource.k8s.io/v1 ResourceSlice: devices of one driver's pool (name, generation, slice count)
 * and where they are reachable: nodeName, nodeSelector, allNodes or perDeviceNodeSelection.
 * sharedCounters may sit beside devices (1.34 shape) or in a slice of their own (1.35 and later).
 */
public record ResourceSlice(ObjectMeta metadata, String driver, String pool, long generation,
                            long resourceSliceCount, String nodeName, NodeSelectorSpec nodeSelector,
                            boolean allNodes, boolean perDeviceNodeSelection, List<Device> devices,
                            List<CounterSet> sharedCounters) implements KubeObject {
    public ResourceSlice {
        devices = List.copyOf(devices);
        sharedCounters = List.copyOf(sharedCounters);
    }

    @Override
    public String kind() {
        return "ResourceSlice";
    }
}
