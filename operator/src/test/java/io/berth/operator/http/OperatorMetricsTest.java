package io.berth.operator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.cycle.PreemptionStats;
import io.berth.core.cycle.PreemptionStats.Outcome;
import io.berth.core.cycle.PreemptionStats.Recomputation;
import io.berth.operator.status.QueueSnapshot;
import io.berth.operator.status.QueueSnapshot.ClusterQueueView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The preemption metrics of a cycle, in Prometheus's text exposition with Kueue's names and labels. */
class OperatorMetricsTest {
    private static QueueSnapshot with(String... clusterQueues) {
        Map<String, ClusterQueueView> views = new LinkedHashMap<>();
        for (String cq : clusterQueues) {
            views.put(cq, new ClusterQueueView(cq, null, null, 0, 0, 0, List.of(), List.of()));
        }
        return new QueueSnapshot(views, Map.of(), false);
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
