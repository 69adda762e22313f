package io.berth.core.queue;

import io.berth.core.workload.WorkloadInfo;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Admission fair sharing: the LocalQueue with the lowest weighted usage goes first, then the
 * usual order inside it. Usage changes over time, so workloads are kept per LocalQueue (whose
 * inner order is fixed) and the LocalQueues are compared each time the head is asked for.
 */
final class FairActiveSet implements ActiveSet {
    private final Map<String, TreeSet<WorkloadInfo>> byLocalQueue = new TreeMap<>();
    private final ToDoubleFunction<String> usage;
    private int size;

    FairActiveSet(ToDoubleFunction<String> localQueueUsage) {
        this.usage = localQueueUsage;
    }

    private static String lq(WorkloadInfo w) {
        return String.valueOf(w.localQueueKey());
    }

    @Override
    public void add(WorkloadInfo w) {
        if (byLocalQueue.computeIfAbsent(lq(w), k -> new TreeSet<>(WorkloadInfo.QUEUE_ORDER)).add(w)) {
            size++;
        }
    }

    @Override
    public boolean remove(WorkloadInfo w) {
        TreeSet<WorkloadInfo> s = byLocalQueue.get(lq(w));
        if (s != null && s.remove(w)) {
            size--;
            return true;
        }
        return false;
    }

    @Override
    public boolean contains(WorkloadInfo w) {
        TreeSet<WorkloadInfo> s = byLocalQueue.get(lq(w));
        return s != null && s.contains(w);
    }

    @Override
    public WorkloadInfo first() {
        WorkloadInfo best = null;
        double bestUsage = 0;
        for (Map.Entry<String, TreeSet<WorkloadInfo>> e : byLocalQueue.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            WorkloadInfo head = e.getValue().first();
            double u = usage.applyAsDouble(e.getKey());
            if (best == null || u < bestUsage || (u == bestUsage && WorkloadInfo.QUEUE_ORDER.compare(head, best) < 0)) {
                best = head;
                bestUsage = u;
            }
        }
        return best;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void forEach(Consumer<WorkloadInfo> action) {
        byLocalQueue.values().forEach(s -> s.forEach(action));
    }

    @Override
    public Comparator<WorkloadInfo> order() {
        return Comparator.<WorkloadInfo>comparingDouble(w -> usage.applyAsDouble(lq(w))).thenComparing(WorkloadInfo.QUEUE_ORDER);
    }
}
