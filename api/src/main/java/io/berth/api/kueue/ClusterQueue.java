package io.berth.api.kueue;

import io.berth.api.KubeObject;
import io.berth.api.core.LabelSelector;
import io.berth.api.core.ObjectMeta;
import java.util.List;

/**
 * kueue.x-k8s.io ClusterQueue. cohort is null without a cohort; namespaceSelector null selects no
 * namespace (Kueue's default), {@link LabelSelector#EVERYTHING} selects all; fairSharingWeight is
 * in milli-units (1000 = weight 1); admissionMode null when admissionScope is absent.
 */
public record ClusterQueue(ObjectMeta metadata, String cohort, List<ResourceGroup> resourceGroups,
                           LabelSelector namespaceSelector, QueueingStrategy queueingStrategy,
                           FlavorFungibility flavorFungibility, ClusterQueuePreemption preemption,
                           StopPolicy stopPolicy, long fairSharingWeight, AdmissionMode admissionMode)
        implements KubeObject {
    public ClusterQueue {
        resourceGroups = List.copyOf(resourceGroups);
    }

    @Override
    public String kind() {
        return "ClusterQueue";
    }
}
