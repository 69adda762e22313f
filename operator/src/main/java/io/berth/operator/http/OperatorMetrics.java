package io.berth.operator.http;

import io.berth.api.kueue.ResourceQuota;
import io.berth.core.cycle.PreemptionStats;
import io.berth.operator.status.QueueSnapshot;
import io.berth.operator.status.QueueSnapshot.ClusterQueueView;
import io.berth.operator.status.QueueSnapshot.FlavorUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prometheus metrics with Kueue's names and labels (pkg/metrics): admission attempts and their
 * duration, pending workloads, admitted/evicted/preempted totals, admission wait time, preempting
 * heads skipped in a cycle and recomputations of overlapping preemption targets, per ClusterQueue
 * status, nominal quota, resource usage and weighted share, and per Cohort weighted share.
 * replica_role is leader, follower or standalone, as in Kueue.
 */
public final class OperatorMetrics {
    private static final String SKIPS = "kueue_admission_cycle_preemption_skips";
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private volatile String role;
    private final Map<String, Map<Tags, AtomicReference<Double>>> gauges = new HashMap<>();
    /** kueue_admission_cycle_preemption_skips series: set by cycles, not by snapshots. */
    private final Map<QueueAndRole, AtomicReference<Double>> preemptionSkips = new HashMap<>();

    private record QueueAndRole(String clusterQueue, String role) {
        Tags tags() {
            return Tags.of("cluster_queue", clusterQueue, "replica_role", role);
        }
    }

    public OperatorMetrics(String role) {
        this.role = role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    /** One scheduling attempt: result "success" when it admitted something, else "inadmissible". */
    public void admissionAttempt(boolean success, Duration took) {
        Tags tags = Tags.of("result", success ? "success" : "inadmissible", "replica_role", role);
        registry.counter("kueue_admission_attempts", tags).increment();
        Timer.builder("kueue_admission_attempt_duration").tags(tags).publishPercentileHistogram()
                .register(registry).record(took);
    }

    public void admitted(String clusterQueue, String priorityClass, Duration waited) {
        Tags tags = Tags.of("cluster_queue", clusterQueue, "priority_class", priorityClass, "replica_role", role);
        registry.counter("kueue_admitted_workloads", tags).increment();
        Timer.builder("kueue_admission_wait_time").tags(tags).publishPercentileHistogram().register(registry)
                .record(waited);
    }

    public void evicted(String clusterQueue, String reason, String underlyingCause, String priorityClass) {
        Counter.builder("kueue_evicted_workloads").tags("cluster_queue", clusterQueue, "reason", reason,
                "underlying_cause", underlyingCause, "priority_class", priorityClass, "replica_role", role)
                .register(registry).increment();
    }

    public void preempted(String preemptingClusterQueue, String reason) {
        Counter.builder("kueue_preempted_workloads").tags("preempting_cluster_queue", preemptingClusterQueue,
                "reason", reason, "replica_role", role).register(registry).increment();
    }

    /**
     * What a cycle's preempting heads ran into. As Kueue, the skips gauge is set for the
     * ClusterQueues that had skips in the cycle, and keeps its value until the next such cycle.
     */
    public synchronized void preemptionStats(PreemptionStats stats) {
        stats.skips().forEach((cq, n) -> preemptionSkips.computeIfAbsent(new QueueAndRole(cq, role), series -> {
            AtomicReference<Double> ref = new AtomicReference<>(0.0);
            Gauge.builder(SKIPS, ref, AtomicReference::get).tags(series.tags()).register(registry);
            return ref;
        }).set((double) n));
        for (PreemptionStats.Recomputation r : stats.recomputations()) {
            registry.counter("kueue_preemption_target_recomputations", "cluster_queue", r.clusterQueue(),
                    "result", r.outcome().value, "replica_role", role).increment();
        }
    }

    /** Sets the queue gauges from a snapshot; series of queues that are gone are removed. */
    public synchronized void update(QueueSnapshot snapshot) {
        Map<String, Map<Tags, Double>> values = new HashMap<>();
        for (ClusterQueueView cq : snapshot.clusterQueues().values()) {
            String cohort = cq.cohort() == null ? "" : cq.cohort();
            long inadmissible = cq.pending().stream().filter(p -> !"Pending".equals(p.reason())).count();
            put(values, "kueue_pending_workloads", Tags.of("cluster_queue", cq.name(), "status", "active"),
                    cq.pending().size() - inadmissible);
            put(values, "kueue_pending_workloads", Tags.of("cluster_queue", cq.name(), "status", "inadmissible"),
                    inadmissible);
            String state = cq.active() ? "active" : cq.inactivity().isTerminating() ? "terminating" : "pending";
            for (String status : List.of("pending", "active", "terminating")) {
                boolean on = status.equals(state);
                put(values, "kueue_cluster_queue_status", Tags.of("cluster_queue", cq.name(), "status", status), on ? 1 : 0);
            }
            for (FlavorUsage u : cq.usage()) {
                Tags t = Tags.of("cohort", cohort, "cluster_queue", cq.name(), "flavor", u.flavor(), "resource", u.resource());
                // As Kueue: an unlimited quota is +Inf.
                put(values, "kueue_cluster_queue_nominal_quota", t,
                        u.nominal() == ResourceQuota.UNLIMITED ? Double.POSITIVE_INFINITY : u.nominal() / 1000.0);
                put(values, "kueue_cluster_queue_resource_usage", t, u.usage() / 1000.0);
            }
            if (cq.share() != null) {
                // As Kueue: the precise share, not the rounded status value; NaN for a weight of 0 while borrowing.
                double share = cq.share().preciseWeightedShare();
                put(values, "kueue_cluster_queue_weighted_share", Tags.of("cluster_queue", cq.name(), "cohort", cohort),
                        Double.isInfinite(share) ? Double.NaN : share);
            }
        }
        snapshot.cohortShares().forEach((cohort, share) -> put(values, "kueue_cohort_weighted_share",
                Tags.of("cohort", cohort), share.preciseWeightedShare()));
        values.forEach((name, series) -> series.forEach((tags, v) -> gauges.computeIfAbsent(name, n -> new HashMap<>())
                .computeIfAbsent(tags, t -> {
                    AtomicReference<Double> ref = new AtomicReference<>(0.0);
                    Gauge.builder(name, ref, AtomicReference::get).tags(t).register(registry);
                    return ref;
                }).set(v)));
        // Skips of queues that are gone, or reported under another role, go as the other gauges do.
        preemptionSkips.keySet().removeIf(series -> {
            boolean gone = !snapshot.clusterQueues().containsKey(series.clusterQueue()) || !series.role().equals(role);
            if (gone) {
                registry.remove(new Meter.Id(SKIPS, series.tags(), null, null, Meter.Type.GAUGE));
            }
            return gone;
        });
        for (Map.Entry<String, Map<Tags, AtomicReference<Double>>> e : gauges.entrySet()) {
            Map<Tags, Double> now = values.getOrDefault(e.getKey(), Map.of());
            for (Tags gone : new ArrayList<>(e.getValue().keySet())) {
                if (!now.containsKey(gone)) {
                    e.getValue().remove(gone);
                    registry.remove(new Meter.Id(e.getKey(), gone, null, null, Meter.Type.GAUGE));
                }
            }
        }
    }

    private void put(Map<String, Map<Tags, Double>> values, String name, Tags tags, double value) {
        values.computeIfAbsent(name, n -> new HashMap<>()).put(tags.and("replica_role", role), value);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
