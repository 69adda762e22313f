package io.berth.operator.status;

import io.berth.api.Quantity;
import io.berth.core.quota.DominantResourceShare;
import io.berth.operator.status.QueueSnapshot.ClusterQueueView;
import io.berth.operator.status.QueueSnapshot.FlavorUsage;
import io.berth.operator.status.QueueSnapshot.LocalQueueView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ClusterQueue and LocalQueue status as Kueue writes it (v1beta2 field names): flavorsReservation,
 * flavorsUsage, pendingWorkloads, reservingWorkloads, admittedWorkloads, the Active condition and,
 * with fair sharing, fairSharing.weightedShare (of Cohorts too). Berth reserves and admits in one step, so
 * reservation and usage are equal.
 */
public final class QueueStatus {
    private QueueStatus() {
    }

    /** Sets the ClusterQueue's status fields in place; returns whether anything changed. */
    public static boolean clusterQueue(Map<String, Object> status, ClusterQueueView cq, Instant now) {
        Map<String, Object> before = new LinkedHashMap<>(status);
        List<Object> flavors = flavorUsage(cq.usage());
        status.put("flavorsReservation", flavors);
        status.put("flavorsUsage", flavors);
        status.put("pendingWorkloads", cq.pending().size());
        status.put("reservingWorkloads", cq.reserving());
        status.put("admittedWorkloads", cq.admitted());
        if (cq.share() != null) {
            status.put("fairSharing", Map.of("weightedShare", cq.share().weightedShare()));
        }
        boolean changed = !Json.same(before, status);
        if (cq.active()) {
            changed |= Conditions.set(status, "Active", true, "Ready", "Can admit new workloads", now);
        } else {
            changed |= Conditions.set(status, "Active", false, cq.inactivity().reason(), cq.inactivity().message(), now);
        }
        return changed;
    }

    /** Sets a Cohort's fairSharing.weightedShare in place, as Kueue's cohort controller does; returns whether it changed. */
    public static boolean cohort(Map<String, Object> status, DominantResourceShare share) {
        Object before = status.put("fairSharing", Map.of("weightedShare", share.weightedShare()));
        return !Json.same(before, status.get("fairSharing"));
    }

    /** Sets the LocalQueue's status fields in place; returns whether anything changed. */
    public static boolean localQueue(Map<String, Object> status, LocalQueueView lq, Instant now) {
        Map<String, Object> before = new LinkedHashMap<>(status);
        List<Object> flavors = new ArrayList<>();
        lq.usage().forEach((flavor, resources) -> {
            List<Object> rs = new ArrayList<>();
            resources.forEach((r, amount) -> rs.add(entry("name", r, "total", Quantity.format(amount, r))));
            flavors.add(entry("name", flavor, "resources", rs));
        });
        status.put("flavorsReservation", flavors);
        status.put("flavorsUsage", flavors);
        status.put("pendingWorkloads", lq.pending().size());
        status.put("reservingWorkloads", lq.reserving());
        status.put("admittedWorkloads", lq.admitted());
        boolean changed = !Json.same(before, status);
        if (!lq.clusterQueueExists()) {
            changed |= Conditions.set(status, "Active", false, "ClusterQueueDoesNotExist",
                    "Can't submit new workloads to clusterQueue", now);
        } else if (!lq.clusterQueueActive()) {
            changed |= Conditions.set(status, "Active", false, "ClusterQueueIsInactive",
                    "Can't submit new workloads to clusterQueue", now);
        } else {
            changed |= Conditions.set(status, "Active", true, "Ready", "Can submit new workloads to localQueue", now);
        }
        return changed;
    }

    /** A two-key map in this key order, so the stored status is byte-for-byte stable. */
    private static Map<String, Object> entry(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static List<Object> flavorUsage(List<FlavorUsage> usage) {
        Map<String, List<Object>> byFlavor = new LinkedHashMap<>();
        for (FlavorUsage u : usage) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", u.resource());
            r.put("total", Quantity.format(u.usage(), u.resource()));
            r.put("borrowed", Quantity.format(u.borrowed(), u.resource()));
            byFlavor.computeIfAbsent(u.flavor(), f -> new ArrayList<>()).add(r);
        }
        List<Object> out = new ArrayList<>();
        byFlavor.forEach((f, rs) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f);
            m.put("resources", rs);
            out.add(m);
        });
        return out;
    }
}
