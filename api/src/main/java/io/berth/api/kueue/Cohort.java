package io.berth.api.kueue;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;
import java.util.List;

/** kueue.x-k8s.io Cohort: a node of the quota tree with its own quota; parent null at a root. */
public record Cohort(ObjectMeta metadata, String parent, List<ResourceGroup> resourceGroups, long fairSharingWeight)
        implements KubeObject {
    public Cohort {
        resourceGroups = List.copyOf(resourceGroups);
    }

    @Override
    public String kind() {
        return "Cohort";
    }
}
