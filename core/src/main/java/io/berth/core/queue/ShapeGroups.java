package io.berth.core.queue;

import io.berth.core.workload.WorkloadInfo;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Workloads of known shape grouped by shape and LocalQueue, each group in queue order. Within a
 * group only the first workload can be the next head, so a queue needs to rank just the group
 * fronts, and a whole shape moves between the active and inadmissible sets at once.
 */
final class ShapeGroups {
    /** Called with (old front or null, new front or null) when a group's first workload changes. */
    interface FrontListener {
        void frontChanged(WorkloadInfo oldFront, WorkloadInfo newFront);
    }

    /**
     * The workloads of one shape and LocalQueue, with the first at hand: moving groups between
     * sets then reads no member.
     */
    private static final class Group {
        final String localQueue;
        TreeSet<WorkloadInfo> members = new TreeSet<>(WorkloadInfo.QUEUE_ORDER);
        WorkloadInfo front;
        /** The group of the same shape for another LocalQueue, or null. */
        Group next;

        Group(String localQueue) {
            this.localQueue = localQueue;
        }
    }

    /** Per shape, its groups chained: a shape rarely has more than one LocalQueue in a ClusterQueue. */
    private final IntMap<Group> byShape = new IntMap<>();
    /** Null when nobody ranks the fronts. */
    private final FrontListener listener;
    private int size;

    ShapeGroups(FrontListener listener) {
        this.listener = listener;
    }

    private static String lq(WorkloadInfo w) {
        return String.valueOf(w.localQueueKey());
    }

    private Group find(WorkloadInfo w) {
        return find(w.shape(), lq(w));
    }

    private Group find(int shape, String localQueue) {
        for (Group g = byShape.get(shape); g != null; g = g.next) {
            if (g.localQueue.equals(localQueue)) {
                return g;
            }
        }
        return null;
    }

    /** Puts a group first in its shape's chain. */
    private void link(int shape, Group group) {
        group.next = byShape.get(shape);
        byShape.put(shape, group);
    }

    private void frontChanged(WorkloadInfo oldFront, WorkloadInfo newFront) {
        if (listener != null) {
            listener.frontChanged(oldFront, newFront);
        }
    }

    boolean add(WorkloadInfo w) {
        Group group = find(w);
        if (group == null) {
            group = new Group(lq(w));
            link(w.shape(), group);
        }
        if (!group.members.add(w)) {
            return false;
        }
        size++;
        WorkloadInfo front = group.front;
        if (front == null || WorkloadInfo.QUEUE_ORDER.compare(w, front) < 0) {
            group.front = w;
            frontChanged(front, w);
        }
        return true;
    }

    boolean remove(WorkloadInfo w) {
        Group group = find(w);
        if (group == null) {
            return false;
        }
        WorkloadInfo front = group.front;
        if (front == w || WorkloadInfo.QUEUE_ORDER.compare(front, w) == 0) {
            // Mostly an admitted head: taken from the front without searching the group for it.
            group.members.pollFirst();
            group.front = group.members.isEmpty() ? null : group.members.first();
            frontChanged(front, group.front);
        } else if (!group.members.remove(w)) {
            return false;
        }
        size--;
        if (group.front == null) {
            unlink(w.shape(), group);
        }
        return true;
    }

    private void unlink(int shape, Group group) {
        Group first = byShape.get(shape);
        if (first == group) {
            if (group.next == null) {
                byShape.remove(shape);
            } else {
                byShape.put(shape, group.next);
            }
            return;
        }
        Group before = first;
        while (before.next != group) {
            before = before.next;
        }
        before.next = group.next;
    }

    boolean contains(WorkloadInfo w) {
        Group group = find(w);
        return group != null && group.members.contains(w);
    }

    /** Moves every group of the shape to other. */
    void moveShapeTo(int shape, ShapeGroups other) {
        moveChainTo(byShape.remove(shape), other);
    }

    /** Moves every group to other. */
    void moveAllTo(ShapeGroups other) {
        byShape.forEachValue(chain -> moveChainTo(chain, other));
        byShape.clear();
    }

    private void moveChainTo(Group chain, ShapeGroups other) {
        for (Group g = chain; g != null; ) {
            Group next = g.next;
            size -= g.members.size();
            frontChanged(g.front, null);
            other.addGroup(g);
            g = next;
        }
    }

    /** Adds a whole group, merging the smaller member set into the larger. */
    private void addGroup(Group group) {
        size += group.members.size();
        int shape = group.front.shape();
        Group existing = find(shape, group.localQueue);
        if (existing == null) {
            link(shape, group);
            frontChanged(null, group.front);
            return;
        }
        if (existing.members.size() < group.members.size()) {
            TreeSet<WorkloadInfo> smaller = existing.members;
            existing.members = group.members;
            existing.members.addAll(smaller);
        } else {
            existing.members.addAll(group.members);
        }
        WorkloadInfo oldFront = existing.front;
        if (WorkloadInfo.QUEUE_ORDER.compare(group.front, oldFront) < 0) {
            existing.front = group.front;
            frontChanged(oldFront, existing.front);
        }
    }

    int size() {
        return size;
    }

    void forEach(Consumer<WorkloadInfo> action) {
        byShape.forEachValue(chain -> {
            for (Group g = chain; g != null; g = g.next) {
                g.members.forEach(action);
            }
        });
    }
}
