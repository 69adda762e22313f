package io.berth.core.queue;

import io.berth.core.workload.WorkloadInfo;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Priority, then queue timestamp, then namespace/name. */
final class OrderedActiveSet implements ActiveSet {
    private final TreeSet<WorkloadInfo> set = new TreeSet<>(WorkloadInfo.QUEUE_ORDER);
    /**
     * The first workload while known, else null: every cycle asks every queue for its head, and
     * most heads go straight back, so it is kept rather than found down the tree each time.
     */
    private WorkloadInfo first;

    @Override
    public void add(WorkloadInfo w) {
        if (set.add(w) && first != null && WorkloadInfo.QUEUE_ORDER.compare(w, first) < 0) {
            first = w;
        }
    }

    @Override
    public boolean remove(WorkloadInfo w) {
        first = null;
        return set.remove(w);
    }

    @Override
    public boolean contains(WorkloadInfo w) {
        return set.contains(w);
    }

    @Override
    public WorkloadInfo first() {
        if (first == null && !set.isEmpty()) {
            first = set.first();
        }
        return first;
    }

    @Override
    public int size() {
        return set.size();
    }

    @Override
    public void forEach(Consumer<WorkloadInfo> action) {
        set.forEach(action);
    }

    @Override
    public Comparator<WorkloadInfo> order() {
        return WorkloadInfo.QUEUE_ORDER;
    }
}
