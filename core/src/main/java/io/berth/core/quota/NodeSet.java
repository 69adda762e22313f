package io.berth.core.quota;

import java.util.Arrays;

/**
 * A set of nodes of one quota tree, kept by node id. Emptying it costs nothing, so a search that
 * runs once per head keeps one and reuses it instead of allocating and hashing into a new set.
 */
public final class NodeSet {
    private final int[] marks;
    /** A node is in the set when its mark equals this; clearing moves on to the next value. */
    private int generation = 1;

    public NodeSet(QuotaTree tree) {
        marks = new int[tree.nodeCount()];
    }

    /** Adds the node; false when it was in the set already. */
    public boolean add(QuotaNode node) {
        if (marks[node.id()] == generation) {
            return false;
        }
        marks[node.id()] = generation;
        return true;
    }

    public void remove(QuotaNode node) {
        marks[node.id()] = generation - 1;
    }

    public boolean contains(QuotaNode node) {
        return marks[node.id()] == generation;
    }

    public void clear() {
        if (generation == Integer.MAX_VALUE) {
            Arrays.fill(marks, 0);
            generation = 0;
        }
        generation++;
    }
}
