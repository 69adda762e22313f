package io.berth.devices.allocator;

import io.berth.api.resource.NodeSelectorSpec;
import io.berth.api.resource.Node;

/** Kubernetes' node matching for slices and devices: nodeName, then allNodes, then nodeSelector. */
final class NodeMatch {
    private NodeMatch() {
    }

    static boolean matches(Node node, String nodeName, boolean allNodes, NodeSelectorSpec selector) {
        if (nodeName != null && !nodeName.isEmpty()) {
            return node != null && node.metadata().name().equals(nodeName);
        }
        if (allNodes) {
            return true;
        }
        return selector != null && selector.matches(node);
    }
}
