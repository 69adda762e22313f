package io.berth.api.core;

import java.time.Instant;
import java.util.Map;

/** The part of Kubernetes' metadata that Berth reads. Namespace is null for cluster-scoped kinds. */
public record ObjectMeta(String name, String namespace, Map<String, String> labels,
                         Map<String, String> annotations, Instant creationTimestamp, String uid) {
    public ObjectMeta {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static ObjectMeta named(String name) {
        return new ObjectMeta(name, null, Map.of(), Map.of(), null, null);
    }

    /** "namespace/name" for namespaced objects, "name" otherwise. */
    public String key() {
        return namespace == null ? name : namespace + "/" + name;
    }
}
