package io.berth.core.queue;

import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final Map<Integer, Map<String, TreeSet<WorkloadInfo>>> byShape = new HashMap<>();
    private final FrontListener listener;
    private int size;

    ShapeGroups(FrontListener listener) {
        this.listener = listener;
    }

    private static String lq(WorkloadInfo w) {
        return String.valueOf(w.localQueueKey());
    }

    boolean add(WorkloadInfo w) {
        TreeSet<WorkloadInfo> group = byShape.computeIfAbsent(w.shape(), k -> new HashMap<>())
                .computeIfAbsent(lq(w), k -> new TreeSet<>(WorkloadInfo.QUEUE_ORDER));
        WorkloadInfo front = group.isEmpty() ? null : group.first();
        if (!group.add(w)) {
            return false;
        }
        size++;
        if (front == null || group.first() == w) {
            listener.frontChanged(front, w);
        }
        return true;
    }

    boolean remove(WorkloadInfo w) {
        Map<String, TreeSet<WorkloadInfo>> groups = byShape.get(w.shape());
        TreeSet<WorkloadInfo> group = groups == null ? null : groups.get(lq(w));
        if (group == null) {
            return false;
        }
        WorkloadInfo front = group.first();
        if (!group.remove(w)) {
            return false;
        }
        size--;
        if (front == w) {
            listener.frontChanged(w, group.isEmpty() ? null : group.first());
        }
        if (group.isEmpty()) {
            groups.remove(lq(w));
            if (groups.isEmpty()) {
                byShape.remove(w.shape());
            }
        }
        return true;
    }

    boolean contains(WorkloadInfo w) {
        Map<String, TreeSet<WorkloadInfo>> groups = byShape.get(w.shape());
        TreeSet<WorkloadInfo> group = groups == null ? null : groups.get(lq(w));
        return group != null && group.contains(w);
    }

    /** Removes every group of the shape, returning them (each non-empty, in queue order). */
    List<TreeSet<WorkloadInfo>> removeShape(int shape) {
        Map<String, TreeSet<WorkloadInfo>> groups = byShape.remove(shape);
        if (groups == null) {
            return List.of();
        }
        for (TreeSet<WorkloadInfo> g : groups.values()) {
            size -= g.size();
            listener.frontChanged(g.first(), null);
        }
        return new ArrayList<>(groups.values());
    }

    /** Removes every group. */
    List<TreeSet<WorkloadInfo>> removeAll() {
        List<TreeSet<WorkloadInfo>> all = new ArrayList<>();
        for (Integer shape : new ArrayList<>(byShape.keySet())) {
            all.addAll(removeShape(shape));
        }
        return all;
    }

    /** Adds a whole group (of one shape and LocalQueue), merging the smaller set into the larger. */
    void addGroup(TreeSet<WorkloadInfo> group) {
        WorkloadInfo first = group.first();
        Map<String, TreeSet<WorkloadInfo>> groups = byShape.computeIfAbsent(first.shape(), k -> new HashMap<>());
        TreeSet<WorkloadInfo> existing = groups.get(lq(first));
        size += group.size();
        if (existing == null) {
            groups.put(lq(first), group);
            listener.frontChanged(null, first);
            return;
        }
        WorkloadInfo oldFront = existing.first();
        TreeSet<WorkloadInfo> merged = existing.size() >= group.size() ? existing : group;
        merged.addAll(merged == existing ? group : existing);
        groups.put(lq(first), merged);
        if (merged.first() != oldFront) {
            listener.frontChanged(oldFront, merged.first());
        }
    }

    int size() {
        return size;
    }

    void forEach(Consumer<WorkloadInfo> action) {
        byShape.values().forEach(groups -> groups.values().forEach(g -> g.forEach(action)));
    }
}
