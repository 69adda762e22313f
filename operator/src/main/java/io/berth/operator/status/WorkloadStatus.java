package io.berth.operator.status;

import io.berth.api.Quantity;
import io.berth.api.kueue.Admission;
import io.berth.api.kueue.PodSetAssignment;
import io.berth.core.cycle.PendingStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Workload's status as Kueue writes it: QuotaReserved, Admitted, Evicted, Preempted, Requeued
 * and Finished conditions with Kueue's reasons and messages, status.admission and
 * status.requeueState. Each method changes a status map in place and returns whether anything
 * changed.
 */
public final class WorkloadStatus {
    public static final String QUOTA_RESERVED = "QuotaReserved";
    public static final String ADMITTED = "Admitted";
    public static final String EVICTED = "Evicted";
    public static final String PREEMPTED = "Preempted";
    public static final String FINISHED = "Finished";
    public static final String REQUEUED = "Requeued";
    private static final String DEACTIVATED = "Deactivated";
    /** Kueue's Requeued=True reason and message once the cause of a Requeued=False ends, by that cause. */
    private static final Map<String, Requeue> REQUEUED_AFTER = Map.of(
            "PodsReadyTimeout", new Requeue("BackoffFinished", "The workload backoff was finished"),
            DEACTIVATED, new Requeue("Reactivated", "The workload was reactivated"),
            "ClusterQueueStopped",
            new Requeue("ClusterQueueRestarted", "The ClusterQueue was restarted after being stopped"),
            "LocalQueueStopped",
            new Requeue("LocalQueueRestarted", "The LocalQueue was restarted after being stopped"));
    private static final Requeue REQUEUED_OTHERWISE = new Requeue("Requeued", "The workload was requeued");

    private record Requeue(String reason, String message) {
    }

    private WorkloadStatus() {
    }

    /** Quota reserved and (no admission checks in Berth) admitted. */
    public static boolean reserve(Map<String, Object> status, Admission admission, Instant now) {
        Map<String, Object> wanted = admissionMap(admission);
        boolean changed = !Json.same(wanted, status.get("admission"));
        status.put("admission", wanted);
        changed |= Conditions.set(status, QUOTA_RESERVED, true, "QuotaReserved",
                "Quota reserved in ClusterQueue " + admission.clusterQueue(), now);
        changed |= Conditions.reset(status, EVICTED, "QuotaReserved", now);
        changed |= Conditions.reset(status, PREEMPTED, "QuotaReserved", now);
        changed |= Conditions.set(status, ADMITTED, true, "Admitted", "The workload is admitted", now);
        changed |= requeued(status, now);
        return changed;
    }

    /**
     * Waiting for quota: QuotaReserved=False with the engine's reason and message; when that says
     * it is queued ({@link #queuedWhile}), Requeued=False turns True.
     */
    public static boolean pending(Map<String, Object> status, String reason, String message, Instant now) {
        boolean changed = Conditions.set(status, QUOTA_RESERVED, false, reason, message, now);
        return queuedWhile(reason) ? changed | requeued(status, now) : changed;
    }

    /** Whether a workload pending for this reason is in a queue: all but a deactivated or gated one are. */
    public static boolean queuedWhile(String pendingReason) {
        return !PendingStatus.DEACTIVATED.equals(pendingReason) && !PendingStatus.ADMISSION_GATED.equals(pendingReason);
    }

    /** Whether the workload waits with Requeued=False (evicted, and not queued again yet). */
    public static boolean awaitsRequeue(Map<String, Object> status) {
        Map<String, Object> c = Conditions.find(status, REQUEUED);
        return c != null && "False".equals(c.get("status"));
    }

    /**
     * The workload is queued again: Requeued=False turns True with Kueue's reason for what ended
     * (BackoffFinished, Reactivated, ClusterQueueRestarted, LocalQueueRestarted), and a finished
     * backoff's requeueAt is cleared (the count stays).
     */
    private static boolean requeued(Map<String, Object> status, Instant now) {
        if (!awaitsRequeue(status)) {
            return false;
        }
        String cause = String.valueOf(Conditions.find(status, REQUEUED).get("reason"));
        // Kueue appends the underlying cause to Deactivated (DeactivatedDueToRequeuingLimitExceeded).
        Requeue after = REQUEUED_AFTER.getOrDefault(cause.startsWith(DEACTIVATED) ? DEACTIVATED : cause,
                REQUEUED_OTHERWISE);
        boolean changed = Conditions.set(status, REQUEUED, true, after.reason(), after.message(), now);
        if (status.get("requeueState") instanceof Map<?, ?> state && state.containsKey("requeueAt")) {
            Map<String, Object> kept = new LinkedHashMap<>();
            state.forEach((k, v) -> kept.put(String.valueOf(k), v));
            kept.remove("requeueAt");
            status.put("requeueState", kept);
            changed = true;
        }
        return changed;
    }

    /**
     * status.requeueState after a PodsReady timeout: the requeues counted and, while the backoff
     * runs, when it ends; a restart reads them back, so neither the count nor the backoff is lost.
     */
    public static boolean requeueState(Map<String, Object> status, int count, Instant requeueAt) {
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("count", count);
        if (requeueAt != null) {
            wanted.put("requeueAt", requeueAt.toString());
        }
        boolean changed = !Json.same(wanted, status.get("requeueState"));
        status.put("requeueState", wanted);
        return changed;
    }

    /**
     * Evicted (reason such as Preempted, PodsReadyTimeout, Deactivated, ClusterQueueStopped), with
     * the Preempted condition when preemptionReason is given; the quota is released and the
     * workload goes back to pending, as Kueue does once the job has stopped. As in Kueue, only a
     * preempted workload is requeued at once (Requeued=True); for the other reasons Requeued is
     * False until what caused it ends.
     */
    public static boolean evict(Map<String, Object> status, String reason, String message, String preemptionReason,
                                Instant now) {
        boolean changed = Conditions.set(status, EVICTED, true, reason, message, now);
        if (preemptionReason != null) {
            changed |= Conditions.set(status, PREEMPTED, true, preemptionReason, message, now);
        }
        changed |= Conditions.set(status, QUOTA_RESERVED, false, "Pending", message, now);
        changed |= Conditions.set(status, ADMITTED, false, "NoReservation", "The workload has no reservation", now);
        changed |= Conditions.set(status, REQUEUED, "Preempted".equals(reason), reason, message, now);
        changed |= status.remove("admission") != null;
        return changed;
    }

    /** A deactivated workload starts over when reactivated: Kueue drops its requeueState. */
    public static boolean dropRequeueState(Map<String, Object> status) {
        return status.remove("requeueState") != null;
    }

    /** The job finished: Finished=True (Succeeded or Failed). */
    public static boolean finish(Map<String, Object> status, boolean succeeded, String message, Instant now) {
        return Conditions.set(status, FINISHED, true, succeeded ? "Succeeded" : "Failed", message, now);
    }

    public static boolean isFinished(Map<String, Object> status) {
        return Conditions.isTrue(status, FINISHED);
    }

    /** status.admission in Kueue's shape; resourceUsage as Kubernetes quantities. */
    public static Map<String, Object> admissionMap(Admission admission) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clusterQueue", admission.clusterQueue());
        List<Object> assignments = new ArrayList<>();
        for (PodSetAssignment psa : admission.podSetAssignments()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", psa.name());
            a.put("flavors", new TreeMap<>(psa.flavors()));
            Map<String, Object> usage = new TreeMap<>();
            psa.resourceUsage().forEach((r, milli) -> usage.put(r, Quantity.format(milli, r)));
            a.put("resourceUsage", usage);
            if (psa.count() != null) {
                a.put("count", psa.count());
            }
            assignments.add(a);
        }
        out.put("podSetAssignments", assignments);
        return out;
    }
}
