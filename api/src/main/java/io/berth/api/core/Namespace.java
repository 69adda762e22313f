package io.berth.api.core;

import io.berth.api.KubeObject;

/** A v1 Namespace: only its labels matter (ClusterQueue namespaceSelector). */
public record Namespace(ObjectMeta metadata) implements KubeObject {
    @Override
    public String kind() {
        return "Namespace";
    }
}
