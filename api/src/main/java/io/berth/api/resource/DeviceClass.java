package io.berth.api.resource;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;
import java.util.List;

/** A resource.k8s.io/v1 DeviceClass: selectors every device of the class must satisfy, and config. */
public record DeviceClass(ObjectMeta metadata, List<CelSelector> selectors, List<OpaqueConfig> config)
        implements KubeObject {
    public DeviceClass {
        selectors = List.copyOf(selectors);
        config = List.copyOf(config);
    }

    @Override
    public String kind() {
        return "DeviceClass";
    }
}
