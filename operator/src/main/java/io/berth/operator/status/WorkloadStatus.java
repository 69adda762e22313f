package io.berth.operator.status;

import io.berth.api.Quantity;
import io.berth.api.kueue.Admission;
import io.berth.api.kueue.PodSetAssignment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Workload's status as Kueue writes it: QuotaReserved, Admitted, Evicted, Preempted and
 * Finished conditions with Kueue's reasons and messages, and status.admission. Each method
 * changes a status map in place and returns whether anything changed.
 */
public final class WorkloadStatus {
    public static final String QUOTA_RESERVED = "QuotaReserved";
    public static final String ADMITTED = "Admitted";
    public static final String EVICTED = "Evicted";
    public static final String PREEMPTED = "Preempted";
    public static final String FINISHED = "Finished";
    public static final String REQUEUED = "Requeued";

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
        return changed;
    }

    /** Waiting for quota: QuotaReserved=False with the engine's reason and message. */
    public static boolean pending(Map<String, Object> status, String reason, String message, Instant now) {
        return Conditions.set(status, QUOTA_RESERVED, false, reason, message, now);
    }

    /**
     * Evicted (reason such as Preempted, PodsReadyTimeout, Deactivated, ClusterQueueStopped), with
     * the Preempted condition when preemptionReason is given; the quota is released and the
     * workload goes back to pending, as Kueue does once the job has stopped.
     */
    public static boolean evict(Map<String, Object> status, String reason, String message, String preemptionReason,
                                Instant now) {
        boolean changed = Conditions.set(status, EVICTED, true, reason, message, now);
        if (preemptionReason != null) {
            changed |= Conditions.set(status, PREEMPTED, true, preemptionReason, message, now);
        }
        changed |= Conditions.set(status, QUOTA_RESERVED, false, "Pending", message, now);
        changed |= Conditions.set(status, ADMITTED, false, "NoReservation", "The workload has no reservation", now);
        changed |= Conditions.set(status, REQUEUED, true, reason, message, now);
        changed |= status.remove("admission") != null;
        return changed;
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
