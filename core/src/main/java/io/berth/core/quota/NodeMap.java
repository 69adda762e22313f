package io.berth.core.quota;

/**
 * Values per node of one quota tree, kept by node id. Emptying it costs nothing, so a search that
 * runs once per head keeps one and reuses it instead of allocating and hashing into a new map.
 */
public final class NodeMap<V> {
    private final Object[] values;
    private final NodeSet present;

    public NodeMap(QuotaTree tree) {
        values = new Object[tree.nodeCount()];
        present = new NodeSet(tree);
    }

    /** The node's value, or null. */
    @SuppressWarnings("unchecked")
    public V get(QuotaNode node) {
        return present.contains(node) ? (V) values[node.id()] : null;
    }

    public boolean containsKey(QuotaNode node) {
        return present.contains(node);
    }

    public void put(QuotaNode node, V value) {
        present.add(node);
        values[node.id()] = value;
    }

    /** Sets the value unless the node has one already. */
    public void putIfAbsent(QuotaNode node, V value) {
        if (present.add(node)) {
            values[node.id()] = value;
        }
    }

    /** Removes the node's value (released when the node gets a new one). */
    public void remove(QuotaNode node) {
        present.remove(node);
    }

    /** Empties the map; the values are released as their nodes get new ones. */
    public void clear() {
        present.clear();
    }
}
