package io.berth.core.queue;

import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

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
    public WorkloadInfo pollFirst() {
        return set.pollFirst();
    }

    @Override
    public int size() {
        return set.size();
    }

    @Override
    public List<WorkloadInfo> inOrder() {
        return new ArrayList<>(set);
    }
}
