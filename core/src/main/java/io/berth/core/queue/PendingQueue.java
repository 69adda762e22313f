package io.berth.core.queue;

import io.berth.api.kueue.QueueingStrategy;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The pending workloads of one ClusterQueue: an ordered active set whose first element is the
 * head, and (BestEffortFIFO) an inadmissible set of workloads waiting for quota to change.
 */
public final class PendingQueue {
    private final ActiveSet active;
    private final Map<String, WorkloadInfo> inadmissible = new LinkedHashMap<>();
    private final Map<Integer, Set<WorkloadInfo>> activeByShape = new HashMap<>();
    private final QueueingStrategy strategy;
    private WorkloadInfo stickyPreemptor;
    private long popCycle;
    private long flushedAtPopCycle = -1;

    public PendingQueue(QueueingStrategy strategy) {
        this(strategy, null);
    }

    /** localQueueUsage non-null: admission fair sharing orders LocalQueues by their usage first. */
    public PendingQueue(QueueingStrategy strategy, ToDoubleFunction<String> localQueueUsage) {
        this.strategy = strategy;
        this.active = localQueueUsage == null ? new OrderedActiveSet() : new FairActiveSet(localQueueUsage);
    }

    public void push(WorkloadInfo wl) {
        inadmissible.remove(wl.key());
        active.add(wl);
        if (wl.shape() != WorkloadInfo.UNKNOWN_SHAPE) {
            activeByShape.computeIfAbsent(wl.shape(), k -> new LinkedHashSet<>()).add(wl);
        }
    }

    /**
     * Removes and returns the head, or null when no workload is active. Under BestEffortFIFO the
     * last workload that issued preemptions comes first until it is admitted, so the quota it freed
     * is not taken by others (as Kueue's sticky preemptor).
     */
    public WorkloadInfo pop() {
        popCycle++;
        WorkloadInfo head = stickyPreemptor != null && active.remove(stickyPreemptor) ? stickyPreemptor : active.pollFirst();
        if (head != null) {
            forgetShape(head);
        }
        return head;
    }

    private void forgetShape(WorkloadInfo wl) {
        Set<WorkloadInfo> same = activeByShape.get(wl.shape());
        if (same != null && same.remove(wl) && same.isEmpty()) {
            activeByShape.remove(wl.shape());
        }
    }

    /** Puts a head that was not admitted back, into the active or inadmissible set. */
    public void requeue(WorkloadInfo wl, RequeueReason reason) {
        boolean immediate = strategy == QueueingStrategy.StrictFIFO
                ? reason != RequeueReason.NAMESPACE_MISMATCH
                : reason.immediateForBestEffort();
        if (reason == RequeueReason.PENDING_PREEMPTION && strategy == QueueingStrategy.BestEffortFIFO) {
            stickyPreemptor = wl;
        }
        boolean flavorsLeft = wl.scanProgress() != null && wl.scanProgress().pendingFlavors();
        if (immediate || flushedAtPopCycle >= popCycle || flavorsLeft) {
            push(wl);
        } else if (!active.contains(wl)) {
            inadmissible.put(wl.key(), wl);
            if (reason == RequeueReason.NO_FIT || reason == RequeueReason.PREEMPTION_NO_CANDIDATES) {
                setAsideSameShape(wl);
            }
        }
    }

    /**
     * Kueue's scheduling equivalence: active workloads with the same shape (priority, pod sets,
     * requests, constraints) as a head that could not be admitted would fail the same way, so
     * they wait in the inadmissible set too instead of each costing a cycle.
     */
    private void setAsideSameShape(WorkloadInfo wl) {
        Set<WorkloadInfo> same = activeByShape.remove(wl.shape());
        if (same == null) {
            return;
        }
        for (WorkloadInfo w : same) {
            active.remove(w);
            inadmissible.put(w.key(), w);
        }
    }

    /** The workload got quota and left the queue for good. */
    public void admitted(WorkloadInfo wl) {
        if (stickyPreemptor == wl) {
            stickyPreemptor = null;
        }
    }

    public boolean remove(WorkloadInfo wl) {
        admitted(wl);
        forgetShape(wl);
        return active.remove(wl) | inadmissible.remove(wl.key()) != null;
    }

    /** Moves every inadmissible workload back to the active set (quota or queues changed). */
    public void flushInadmissible() {
        List<WorkloadInfo> waiting = new ArrayList<>(inadmissible.values());
        inadmissible.clear();
        waiting.forEach(this::push);
        flushedAtPopCycle = popCycle;
    }

    public int activeCount() {
        return active.size();
    }

    public int inadmissibleCount() {
        return inadmissible.size();
    }

    /** Active workloads in queue order, then inadmissible ones in the same order. */
    public List<WorkloadInfo> inOrder() {
        List<WorkloadInfo> all = active.inOrder();
        if (stickyPreemptor != null && all.remove(stickyPreemptor)) {
            all.add(0, stickyPreemptor);
        }
        List<WorkloadInfo> rest = new ArrayList<>(inadmissible.values());
        rest.sort(WorkloadInfo.QUEUE_ORDER);
        all.addAll(rest);
        return all;
    }
}
