package io.berth.core.queue;

import io.berth.api.kueue.QueueingStrategy;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The pending workloads of one ClusterQueue: an ordered active set whose first element is the
 * head, and (BestEffortFIFO) an inadmissible set of workloads waiting for quota to change.
 * Workloads of known shape are kept in {@link ShapeGroups}; the active set ranks only each
 * group's front, so setting a shape aside or bringing it back costs one step per group.
 */
public final class PendingQueue {
    private final ActiveSet active;
    private final ShapeGroups activeGroups;
    private final ShapeGroups parkedGroups = new ShapeGroups(null);
    /** Inadmissible workloads without a shape; those with one are in parkedGroups. */
    private final Map<String, WorkloadInfo> inadmissible = new LinkedHashMap<>();
    /** Shapes set aside since the last flush (Kueue's bulk-moved equivalence classes). */
    private final Set<Integer> setAsideShapes = new HashSet<>();
    private final QueueingStrategy strategy;
    private final Runnable changed;
    private boolean hadActive;
    private boolean hadInadmissible;
    private int groupFronts;
    private WorkloadInfo stickyPreemptor;
    /** The head given to the current cycle by {@link #head}, still in the active set. */
    private WorkloadInfo handedOut;
    private long popCycle;
    private long flushedAtPopCycle = -1;

    public PendingQueue(QueueingStrategy strategy) {
        this(strategy, null, () -> { });
    }

    /**
     * localQueueUsage non-null: admission fair sharing orders LocalQueues by their usage first.
     * changed: told when the queue gains its first or loses its last active or inadmissible workload.
     */
    public PendingQueue(QueueingStrategy strategy, ToDoubleFunction<String> localQueueUsage, Runnable changed) {
        this.strategy = strategy;
        this.changed = changed;
        this.active = localQueueUsage == null ? new OrderedActiveSet() : new FairActiveSet(localQueueUsage);
        this.activeGroups = new ShapeGroups(this::frontChanged);
    }

    private void changed() {
        boolean hasActive = activeCount() > 0;
        boolean hasInadmissible = inadmissibleCount() > 0;
        if (hasActive != hadActive || hasInadmissible != hadInadmissible) {
            hadActive = hasActive;
            hadInadmissible = hasInadmissible;
            changed.run();
        }
    }

    private void frontChanged(WorkloadInfo oldFront, WorkloadInfo newFront) {
        if (oldFront != null) {
            active.remove(oldFront);
            groupFronts--;
        }
        if (newFront != null) {
            active.add(newFront);
            groupFronts++;
        }
    }

    private static boolean grouped(WorkloadInfo wl) {
        return wl.shape() != WorkloadInfo.UNKNOWN_SHAPE;
    }

    /** Queues a workload that came back or changed, in the active set. */
    public void push(WorkloadInfo wl) {
        if (inadmissible.remove(wl.key()) == null && grouped(wl)) {
            parkedGroups.remove(wl);
        }
        addActive(wl);
        changed();
    }

    /**
     * Queues a workload new to the queue. One of a shape set aside since the last flush waits with
     * the others of its shape (Kueue's bulk-moved equivalence classes, BestEffortFIFO) instead of
     * becoming a head only to fail the same way.
     */
    public void arrive(WorkloadInfo wl) {
        if (grouped(wl) && setAsideShapes.contains(wl.shape())) {
            parkedGroups.add(wl);
            changed();
        } else {
            push(wl);
        }
    }

    private void addActive(WorkloadInfo wl) {
        if (grouped(wl)) {
            activeGroups.add(wl);
        } else {
            active.add(wl);
        }
    }

    private boolean removeActive(WorkloadInfo wl) {
        return grouped(wl) ? activeGroups.remove(wl) : active.remove(wl);
    }

    private boolean isActive(WorkloadInfo wl) {
        return grouped(wl) ? activeGroups.contains(wl) : active.contains(wl);
    }

    /**
     * The head, left in place for the cycle to say what became of it ({@link #requeue} or
     * {@link #admitted}): a head that goes straight back costs nothing. Under BestEffortFIFO the
     * last workload that issued preemptions comes first until it is admitted, so the quota it freed
     * is not taken by others (as Kueue's sticky preemptor). Null when no workload is active.
     */
    public WorkloadInfo head() {
        popCycle++;
        WorkloadInfo first = active.first();
        boolean sticky = stickyPreemptor != null && stickyPreemptor != first && isActive(stickyPreemptor);
        handedOut = sticky ? stickyPreemptor : first;
        return handedOut;
    }

    /** Removes and returns the head, or null when no workload is active. */
    public WorkloadInfo pop() {
        WorkloadInfo head = head();
        if (head != null) {
            handedOut = null;
            removeActive(head);
            changed();
        }
        return head;
    }

    /** Whether wl is the head handed out by {@link #head} and still in place; forgets it. */
    private boolean takeHandedOut(WorkloadInfo wl) {
        if (wl != handedOut) {
            return false;
        }
        handedOut = null;
        return true;
    }

    /** Puts a head that was not admitted back, into the active or inadmissible set. */
    public void requeue(WorkloadInfo wl, RequeueReason reason) {
        boolean inPlace = takeHandedOut(wl);
        boolean immediate = strategy == QueueingStrategy.StrictFIFO
                ? reason != RequeueReason.NAMESPACE_MISMATCH
                : reason.immediateForBestEffort();
        if (reason == RequeueReason.PENDING_PREEMPTION && strategy == QueueingStrategy.BestEffortFIFO) {
            stickyPreemptor = wl;
        }
        if (immediate || flushedAtPopCycle >= popCycle || flavorsLeft(wl)) {
            if (!inPlace) {
                push(wl);
            }
        } else if (inPlace || !isActive(wl)) { // a head handed out is active until it is requeued or admitted
            if (reason == RequeueReason.NO_FIT || reason == RequeueReason.PREEMPTION_NO_CANDIDATES) {
                setAsideWithItsShape(wl, inPlace);
            } else {
                park(wl, inPlace);
            }
            changed();
        }
    }

    /**
     * Moves wl (still active when inPlace) to the inadmissible set: into its shape group when it
     * has a shape, so that bringing the set back moves whole groups, however many heads were set
     * aside one cycle after another.
     */
    private void park(WorkloadInfo wl, boolean inPlace) {
        if (inPlace) {
            removeActive(wl);
        }
        if (grouped(wl)) {
            parkedGroups.add(wl);
        } else {
            inadmissible.put(wl.key(), wl);
        }
    }

    /**
     * Kueue's scheduling equivalence: active workloads with the same shape (priority, pod sets,
     * requests, constraints) as a head that could not be admitted would fail the same way, so
     * they wait in the inadmissible set too instead of each costing a cycle. A head still in its
     * group goes with the group, whole.
     */
    private void setAsideWithItsShape(WorkloadInfo wl, boolean inPlace) {
        if (!grouped(wl)) {
            park(wl, inPlace);
            return;
        }
        if (!inPlace) {
            parkedGroups.add(wl); // no longer in its group
        }
        activeGroups.moveShapeTo(wl.shape(), parkedGroups);
        setAsideShapes.add(wl.shape());
    }

    /** Whether the workload's last flavor search stopped before trying every flavor. */
    private static boolean flavorsLeft(WorkloadInfo wl) {
        return wl.scanProgress() != null && wl.scanProgress().pendingFlavors();
    }

    /** The workload got quota and left the queue for good. */
    public void admitted(WorkloadInfo wl) {
        if (stickyPreemptor == wl) {
            stickyPreemptor = null;
        }
        if (takeHandedOut(wl)) {
            removeActive(wl);
            changed();
        }
    }

    public boolean remove(WorkloadInfo wl) {
        if (stickyPreemptor == wl) {
            stickyPreemptor = null;
        }
        takeHandedOut(wl);
        boolean removed = removeActive(wl);
        removed |= inadmissible.remove(wl.key()) != null;
        removed |= grouped(wl) && parkedGroups.remove(wl);
        changed();
        return removed;
    }

    /** Moves every inadmissible workload back to the active set (quota or queues changed). */
    public void flushInadmissible() {
        setAsideShapes.clear();
        inadmissible.values().forEach(this::addActive);
        inadmissible.clear();
        parkedGroups.moveAllTo(activeGroups);
        flushedAtPopCycle = popCycle;
        changed();
    }

    public int activeCount() {
        return active.size() - groupFronts + activeGroups.size();
    }

    public int inadmissibleCount() {
        return inadmissible.size() + parkedGroups.size();
    }

    /**
     * Every workload waiting in the queue, active or inadmissible, in the order Kueue's visibility
     * API lists them: the sticky preemptor first, then the queue's order.
     */
    public List<WorkloadInfo> inOrder() {
        List<WorkloadInfo> all = new ArrayList<>(inadmissible.values());
        active.forEach(w -> {
            if (!grouped(w)) {
                all.add(w);
            }
        });
        activeGroups.forEach(all::add);
        parkedGroups.forEach(all::add);
        all.sort(active.order());
        if (stickyPreemptor != null && all.remove(stickyPreemptor)) {
            all.add(0, stickyPreemptor);
        }
        return all;
    }
}
