package io.berth.api.resource;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;

/** A v1 Node as DRA node selection sees it: its name and labels. */
public record Node(ObjectMeta metadata) implements KubeObject {
    @Override
    public String kind() {
        return "Node";
    }
}
