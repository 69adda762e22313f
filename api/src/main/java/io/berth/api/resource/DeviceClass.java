package io.berth.api.resource;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;
import java.util.List;

/**
 * A resource.k8s.io/v1 DeviceClass: selectors every device of the class must satisfy, config, and
 * the extended resource (such as example.com/gpu) whose plain pod requests its devices serve, or null.
 */
public record DeviceClass(ObjectMeta metadata, List<CelSelector> selectors, List<OpaqueConfig> config,
                          String extendedResourceName) implements KubeObject {
    public DeviceClass {
        selectors = List.copyOf(selectors);
        config = List.copyOf(config);
    }

    /** A class that serves no extended resource. */
    public DeviceClass(ObjectMeta metadata, List<CelSelector> selectors, List<OpaqueConfig> config) {
        this(metadata, selectors, config, null);
    }

    /** Kubernetes' extended resource names (which a class may serve): domain-prefixed, outside kubernetes.io. */
    public static boolean isExtendedResourceName(String name) {
        return name.contains("/") && !name.startsWith("kubernetes.io/");
    }

    @Override
    public String kind() {
        return "DeviceClass";
    }
}
