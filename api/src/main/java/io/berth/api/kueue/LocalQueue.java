package io.berth.api.kueue;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;

/** kueue.x-k8s.io LocalQueue: a namespace's door into a ClusterQueue. */
public record LocalQueue(ObjectMeta metadata, String clusterQueue, StopPolicy stopPolicy, long fairSharingWeight)
        implements KubeObject {
    @Override
    public String kind() {
        return "LocalQueue";
    }
}
