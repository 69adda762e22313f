package io.berth.api.kueue;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;
import java.util.Map;

/**
 * kueue.x-k8s.io LocalQueue: a namespace's door into a ClusterQueue. clusterQueue is "" when the
 * LocalQueue names none (Kueue allows it; its workloads wait outside the queues). consumedResources
 * (milli-units by resource name) is the admission fair sharing usage its status persisted.
 */
public record LocalQueue(ObjectMeta metadata, String clusterQueue, StopPolicy stopPolicy, long fairSharingWeight,
                         Map<String, Long> consumedResources)
        implements KubeObject {
    public LocalQueue {
        clusterQueue = clusterQueue == null ? "" : clusterQueue;
        consumedResources = consumedResources == null ? Map.of() : Map.copyOf(consumedResources);
    }

    public LocalQueue(ObjectMeta metadata, String clusterQueue, StopPolicy stopPolicy, long fairSharingWeight) {
        this(metadata, clusterQueue, stopPolicy, fairSharingWeight, null);
    }

    @Override
    public String kind() {
        return "LocalQueue";
    }
}
