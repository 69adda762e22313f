package io.berth.api.kueue;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;

/** scheduling.k8s.io PriorityClass, which workloads may name as well. */
public record PriorityClass(ObjectMeta metadata, int value, boolean globalDefault) implements KubeObject {
    @Override
    public String kind() {
        return "PriorityClass";
    }
}
