package io.berth.sim.model;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import java.util.List;

/**
 * Everything a simulation needs: the Kueue objects (flavors, queues, namespaces, priority
 * classes), the Configuration, the nodes (empty: quota only, pods start as soon as admitted)
 * and the workloads in submission order.
 */
public record SimInput(List<KubeObject> queueObjects, Configuration configuration, List<SimNode> nodes,
                       List<SimWorkload> workloads) {
    public SimInput {
        queueObjects = List.copyOf(queueObjects);
        nodes = List.copyOf(nodes);
        workloads = List.copyOf(workloads);
    }
}
