package io.berth.operator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.kueue.ResourceQuota;
import io.berth.core.cycle.PreemptionStats;
import io.berth.core.cycle.PreemptionStats.Outcome;
import io.berth.core.cycle.PreemptionStats.Recomputation;
import io.berth.core.quota.DominantResourceShare;
import io.berth.core.quota.Inactivity;
import io.berth.operator.status.QueueSnapshot;
import io.berth.operator.status.QueueSnapshot.ClusterQueueView;
import io.berth.operator.status.QueueSnapshot.FlavorUsage;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The preemption metrics of a cycle, in Prometheus's text exposition with Kueue's names and labels. */
class OperatorMetricsTest {
    private static QueueSnapshot with(String... clusterQueues) {
        Map<String, ClusterQueueView> views = new LinkedHashMap<>();
        for (String cq : clusterQueues) {
            views.put(cq, new ClusterQueueView(cq, null, null, 0, 0, null, List.of(), List.of()));
        }
        return new QueueSnapshot(views, Map.of(), Map.of());
    }

    @Test
    void weightedSharesArePreciseAndCohortsHaveTheirsTooAsKueueReportsThem() {
        OperatorMetrics metrics = new OperatorMetrics("standalone");
        BitSet cpu = BitSet.valueOf(new long[] {1});
        Map<String, ClusterQueueView> views = new LinkedHashMap<>();
        views.put("a", new ClusterQueueView("a", "team", null, 0, 0, new DominantResourceShare(2, 125, "cpu", cpu),
                List.of(), List.of()));
        views.put("zero", new ClusterQueueView("zero", "team", new Inactivity("Terminating", "going"), 0, 0,
                new DominantResourceShare(0, 125, "cpu", cpu), List.of(), List.of()));
        metrics.update(new QueueSnapshot(views, Map.of(),
                Map.of("team", new DominantResourceShare(1, 12.5, "cpu", cpu))));

        assertThat(metrics.scrape())
                .contains("kueue_cluster_queue_weighted_share{cluster_queue=\"a\",cohort=\"team\",replica_role=\"standalone\"} 62.5")
                .contains("kueue_cluster_queue_weighted_share{cluster_queue=\"zero\",cohort=\"team\",replica_role=\"standalone\"} NaN")
                .contains("kueue_cohort_weighted_share{cohort=\"team\",replica_role=\"standalone\"} 12.5")
                .contains("kueue_cluster_queue_status{cluster_queue=\"zero\",replica_role=\"standalone\",status=\"terminating\"} 1.0");

        metrics.update(with("a"));
        assertThat(metrics.scrape()).as("gone with fair sharing off").doesNotContain("weighted_share");
    }

    @Test
    void quotaIsInStandardUnitsAndAnUnlimitedOneIsInfinite() {
        OperatorMetrics metrics = new OperatorMetrics("standalone");
        List<FlavorUsage> usage = List.of(new FlavorUsage("default", "cpu", 4_500, 1_500, 0),
                new FlavorUsage("default", "memory", ResourceQuota.UNLIMITED, (1L << 30) * 1000, 0));
        metrics.update(new QueueSnapshot(Map.of("cq", new ClusterQueueView("cq", null, null, 0, 0, null, usage,
                List.of())), Map.of(), Map.of()));

        assertThat(metrics.scrape())
                .contains("kueue_cluster_queue_nominal_quota{cluster_queue=\"cq\",cohort=\"\",flavor=\"default\","
                        + "replica_role=\"standalone\",resource=\"cpu\"} 4.5")
                .contains("kueue_cluster_queue_nominal_quota{cluster_queue=\"cq\",cohort=\"\",flavor=\"default\","
                        + "replica_role=\"standalone\",resource=\"memory\"} +Inf")
                .contains("kueue_cluster_queue_resource_usage{cluster_queue=\"cq\",cohort=\"\",flavor=\"default\","
                        + "replica_role=\"standalone\",resource=\"memory\"} 1.073741824E9");
    }

    @Test
    void recomputationsAreCountedByOutcomeAndSkipsSetPerClusterQueue() {
        OperatorMetrics metrics = new OperatorMetrics("standalone");
        metrics.preemptionStats(new PreemptionStats(Map.of("a", 2), List.of(new Recomputation("b", Outcome.NEW_TARGETS),
                new Recomputation("b", Outcome.NEW_TARGETS), new Recomputation("c", Outcome.DEFERRED_FIT))));
        metrics.preemptionStats(new PreemptionStats(Map.of("b", 1), List.of(new Recomputation("b", Outcome.SKIPPED))));

        assertThat(metrics.scrape())
                .contains("kueue_preemption_target_recomputations_total{cluster_queue=\"b\",replica_role=\"standalone\","
                        + "result=\"new_targets\"} 2.0")
                .contains("kueue_preemption_target_recomputations_total{cluster_queue=\"b\",replica_role=\"standalone\","
                        + "result=\"skipped\"} 1.0")
                .contains("kueue_preemption_target_recomputations_total{cluster_queue=\"c\",replica_role=\"standalone\","
                        + "result=\"deferred_fit\"} 1.0")
                // As Kueue: a queue's skips stay until a cycle with skips there sets them again.
                .contains("kueue_admission_cycle_preemption_skips{cluster_queue=\"a\",replica_role=\"standalone\"} 2.0")
                .contains("kueue_admission_cycle_preemption_skips{cluster_queue=\"b\",replica_role=\"standalone\"} 1.0");
    }

    @Test
    void skipsOfAClusterQueueThatIsGoneAreRemoved() {
        OperatorMetrics metrics = new OperatorMetrics("standalone");
        metrics.preemptionStats(new PreemptionStats(Map.of("a", 1, "b", 3), List.of()));
        metrics.update(with("b"));

        assertThat(metrics.scrape()).doesNotContain("kueue_admission_cycle_preemption_skips{cluster_queue=\"a\"")
                .contains("kueue_admission_cycle_preemption_skips{cluster_queue=\"b\",replica_role=\"standalone\"} 3.0");
    }

    @Test
    void skipsAreReportedUnderTheRoleHeldWhenTheyHappened() {
        OperatorMetrics metrics = new OperatorMetrics("follower");
        metrics.preemptionStats(new PreemptionStats(Map.of("a", 1), List.of()));
        metrics.setRole("leader");
        metrics.update(with("a"));
        metrics.preemptionStats(new PreemptionStats(Map.of("a", 4), List.of()));

        assertThat(metrics.scrape()).doesNotContain("replica_role=\"follower\"")
                .contains("kueue_admission_cycle_preemption_skips{cluster_queue=\"a\",replica_role=\"leader\"} 4.0");
    }
}
