package io.berth.api.core;

import io.berth.api.KubeObject;
import java.util.List;
import java.util.Map;

/**
 * A v1 LimitRange: per namespace, defaults and bounds for the resources of containers and pods
 * (amounts in milli-units). Kueue applies the defaults to the pod templates of workloads and does
 * not admit a workload whose requests fall outside the bounds.
 */
public record LimitRange(ObjectMeta metadata, List<Item> limits) implements KubeObject {
    public static final String CONTAINER = "Container";
    public static final String POD = "Pod";
    public static final String PERSISTENT_VOLUME_CLAIM = "PersistentVolumeClaim";

    public LimitRange {
        limits = List.copyOf(limits);
    }

    /** spec.limits[]: what applies to one type of object (Container, Pod or PersistentVolumeClaim). */
    public record Item(String type, Map<String, Long> max, Map<String, Long> min, Map<String, Long> defaultLimits,
                       Map<String, Long> defaultRequests) {
        public Item {
            max = Map.copyOf(max);
            min = Map.copyOf(min);
            defaultLimits = Map.copyOf(defaultLimits);
            defaultRequests = Map.copyOf(defaultRequests);
        }
    }

    @Override
    public String kind() {
        return "LimitRange";
    }
}
