package io.berth.api.core;

import java.time.Instant;
import java.util.Map;

/**
 * The part of Kubernetes' metadata that Berth reads. Namespace is null for cluster-scoped kinds;
 * deletionTimestamp is null unless the object is being deleted (held by a finalizer).
 */
public record ObjectMeta(String name, String namespace, Map<String, String> labels,
                         Map<String, String> annotations, Instant creationTimestamp, String uid,
                         Instant deletionTimestamp) {
    public ObjectMeta {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** Metadata of an object that is not being deleted. */
    public ObjectMeta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations,
                      Instant creationTimestamp, String uid) {
        this(name, namespace, labels, annotations, creationTimestamp, uid, null);
    }

    public static ObjectMeta named(String name) {
        return new ObjectMeta(name, null, Map.of(), Map.of(), null, null);
    }

    /** "namespace/name" for namespaced objects, "name" otherwise. */
    public String key() {
        return namespace == null ? name : namespace + "/" + name;
    }
}
