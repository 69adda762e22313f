package io.berth.api.kueue;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;
import io.berth.api.core.Taint;
import io.berth.api.core.Toleration;
import java.util.List;
import java.util.Map;

/** kueue.x-k8s.io ResourceFlavor: the node labels, taints and tolerations of a kind of capacity. */
public record ResourceFlavor(ObjectMeta metadata, Map<String, String> nodeLabels, List<Taint> nodeTaints,
                             List<Toleration> tolerations) implements KubeObject {
    public ResourceFlavor {
        nodeLabels = nodeLabels == null ? Map.of() : Map.copyOf(nodeLabels);
        nodeTaints = nodeTaints == null ? List.of() : List.copyOf(nodeTaints);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
    }

    @Override
    public String kind() {
        return "ResourceFlavor";
    }
}
