package io.berth.core.queue;

import io.berth.core.workload.WorkloadInfo;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Priority, then queue timestamp, then namespace/name. */
final class OrderedActiveSet implements ActiveSet {
    private final TreeSet<WorkloadInfo> set = new TreeSet<>(WorkloadInfo.QUEUE_ORDER);

    @Override
    public void add(WorkloadInfo w) {
        set.add(w);
    }

    @Override
    public boolean remove(WorkloadInfo w) {
        return set.remove(w);
    }

    @Override
    public boolean contains(WorkloadInfo w) {
        return set.contains(w);
    }

    @Override
    public WorkloadInfo first() {
        return set.isEmpty() ? null : set.first();
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
