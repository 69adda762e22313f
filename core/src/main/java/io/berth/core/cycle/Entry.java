package io.berth.core.cycle;

import io.berth.core.assign.Assignment;
import io.berth.core.preempt.Target;
import io.berth.core.queue.RequeueReason;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.workload.WorkloadInfo;
import java.util.List;
import java.util.function.Supplier;

/** A head of a ClusterQueue during one cycle: its assignment, preemption targets and outcome. */
final class Entry {
    final WorkloadInfo wl;
    final ClusterQueueNode cq;
    Assignment assignment;
    List<Target> targets = List.of();
    boolean nominated;
    boolean admitted;
    String reason = PendingStatus.PENDING;
    /** Why it waits, built only when read (see {@link PendingStatus}). */
    Supplier<String> message = () -> "";
    RequeueReason requeueReason = RequeueReason.GENERIC;

    Entry(WorkloadInfo wl, ClusterQueueNode cq) {
        this.wl = wl;
        this.cq = cq;
    }

    void skip(String why) {
        message = () -> why;
        reason = PendingStatus.WAITING_FOR_QUOTA;
        requeueReason = RequeueReason.FAILED_AFTER_NOMINATION;
    }
}
