package io.berth.api.core;

import io.berth.api.KubeObject;
import java.util.Map;

/**
 * A node.k8s.io/v1 RuntimeClass: what matters here is overhead.podFixed (milli-units), which Kueue
 * counts for a pod that names the class and sets no overhead of its own.
 */
public record RuntimeClass(ObjectMeta metadata, Map<String, Long> podFixedOverhead) implements KubeObject {
    public RuntimeClass {
        podFixedOverhead = Map.copyOf(podFixedOverhead);
    }

    @Override
    public String kind() {
        return "RuntimeClass";
    }
}
