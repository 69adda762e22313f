package io.berth.api.kueue;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;

/** kueue.x-k8s.io WorkloadPriorityClass: a named priority value for workloads. */
public record WorkloadPriorityClass(ObjectMeta metadata, int value, String description) implements KubeObject {
    @Override
    public String kind() {
        return "WorkloadPriorityClass";
    }
}
