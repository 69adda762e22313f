package io.berth.sim.place;

import io.berth.api.core.Taint;
import io.berth.sim.model.SimNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Nodes grouped into classes of identical static properties (labels, taints, GPU model), so a
 * {@link NodeFilter} is evaluated once per class, not once per node. O(nodes) to build and to
 * list the nodes of a set of classes; {@link #eligible} is O(classes x filter size). Nodes with a
 * label of their own (kubernetes.io/hostname) are classes of one.
 */
final class NodeClasses {
    private record Key(Map<String, String> labels, List<Taint> taints, String gpuModel) {
    }

    private final List<SimNode> representatives = new ArrayList<>();
    private final int[] classOf;

    NodeClasses(List<SimNode> nodes) {
        Map<Key, Integer> ids = new HashMap<>();
        classOf = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            SimNode node = nodes.get(i);
            Key key = new Key(node.labels(), node.taints(), node.gpuModel());
            Integer id = ids.get(key);
            if (id == null) {
                id = representatives.size();
                ids.put(key, id);
                representatives.add(node);
            }
            classOf[i] = id;
        }
    }

    int size() {
        return representatives.size();
    }

    /** The classes whose nodes the filter admits. */
    BitSet eligible(NodeFilter filter) {
        BitSet classes = new BitSet(representatives.size());
        for (int c = 0; c < representatives.size(); c++) {
            if (filter.admits(representatives.get(c))) {
                classes.set(c);
            }
        }
        return classes;
    }

    /** The nodes of the given classes, in index order. */
    int[] nodesOf(BitSet classes) {
        int count = 0;
        for (int c : classOf) {
            if (classes.get(c)) {
                count++;
            }
        }
        int[] nodes = new int[count];
        int k = 0;
        for (int i = 0; i < classOf.length; i++) {
            if (classes.get(classOf[i])) {
                nodes[k++] = i;
            }
        }
        return nodes;
    }
}
