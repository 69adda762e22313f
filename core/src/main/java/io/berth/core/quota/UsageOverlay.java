package io.berth.core.quota;

import java.util.ArrayList;
import java.util.List;

/**
 * The quota tree's usage with extra changes applied on the side, the tree itself untouched: a
 * node the overlay never changed reads through to the tree. A change to the tree made while the
 * overlay lives must be made to the overlay as well, and first, so that the nodes it reaches
 * are copied before the tree moves under them.
 */
public final class UsageOverlay implements UsageView {
    /** Per node id, the node's usage in the overlay; null while the overlay has not changed the node. */
    private final long[][] changed;
    /** The nodes changed, in the order first changed. */
    private final List<QuotaNode> changedNodes = new ArrayList<>();

    public UsageOverlay(QuotaTree tree) {
        changed = new long[tree.nodeCount()][];
    }

    @Override
    public long usage(QuotaNode node, int fr) {
        long[] own = changed[node.id()];
        return own == null ? node.usage(fr) : own[fr];
    }

    /** Whether no node has been changed yet, so every read goes to the tree and tree changes need no mirroring. */
    public boolean readsThrough() {
        return changedNodes.isEmpty();
    }

    /** Copies the usage of the node and its ancestors, so the overlay keeps it while the tree changes under it. */
    public void keep(QuotaNode node) {
        for (QuotaNode n = node; n != null; n = n.parent()) {
            own(n);
        }
    }

    public void add(QuotaNode node, int fr, long val) {
        keep(node); // the tree's own change may reach further up than the overlay's: copy the whole path now
        for (QuotaNode n = node; n != null && val > 0; n = n.parent()) {
            long[] own = own(n);
            long before = own[fr];
            own[fr] += val;
            val = n.addedToParent(fr, before, val);
        }
    }

    public void remove(QuotaNode node, int fr, long val) {
        for (QuotaNode n = node; n != null && val > 0; n = n.parent()) {
            long[] own = own(n);
            long before = own[fr];
            own[fr] -= val;
            val = n.removedFromParent(fr, before, val);
        }
    }

    /**
     * Gives the tree the overlay's usage wherever the overlay changed it: one write per node
     * instead of replaying, one by one, the changes that make the difference.
     */
    public void writeBack() {
        for (QuotaNode node : changedNodes) {
            node.setUsage(changed[node.id()]);
        }
    }

    /** The node's usage array in the overlay, copied from the tree on first change. */
    private long[] own(QuotaNode node) {
        long[] own = changed[node.id()];
        if (own == null) {
            own = node.usage.clone();
            changed[node.id()] = own;
            changedNodes.add(node);
        }
        return own;
    }
}
