package io.berth.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.quota.DominantResourceShare;
import io.berth.core.quota.Inactivity;
import io.berth.operator.status.QueueSnapshot.ClusterQueueView;
import io.berth.operator.status.QueueSnapshot.FlavorUsage;
import io.berth.operator.status.QueueSnapshot.LocalQueueView;
import io.berth.operator.status.QueueSnapshot.PendingEntry;
import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueStatusTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final PendingEntry WAITING = new PendingEntry("a", "w", "lq", 0, null, 0, 0, "Pending");

    @Test
    void clusterQueueStatusHasKueuesFields() {
        var cq = new ClusterQueueView("cq", "all", null, 1, 1, share(1, 249.5),
                List.of(new FlavorUsage("default", "cpu", 4000, 5500, 1500),
                        new FlavorUsage("default", "memory", 8L << 30 << 10, 0, 0)), List.of(WAITING));
        Map<String, Object> status = new LinkedHashMap<>();
        assertThat(QueueStatus.clusterQueue(status, cq, NOW)).isTrue();
        assertThat(status.get("flavorsReservation").toString()).isEqualTo("[{name=default, resources=[{name=cpu, "
                + "total=5500m, borrowed=1500m}, {name=memory, total=0, borrowed=0}]}]");
        assertThat(status.get("flavorsUsage")).isEqualTo(status.get("flavorsReservation"));
        assertThat(status).containsEntry("pendingWorkloads", 1).containsEntry("reservingWorkloads", 1)
                .containsEntry("admittedWorkloads", 1).containsEntry("fairSharing", Map.of("weightedShare", 250L));
        assertThat(Conditions.find(status, "Active")).containsEntry("status", "True").containsEntry("reason", "Ready")
                .containsEntry("message", "Can admit new workloads");
        assertThat(QueueStatus.clusterQueue(status, cq, NOW.plusSeconds(5))).as("unchanged").isFalse();
    }

    private static DominantResourceShare share(double weight, double ratio) {
        return new DominantResourceShare(weight, ratio, "cpu", BitSet.valueOf(new long[] {1}));
    }

    @Test
    void cohortStatusHasTheWeightedShare() {
        Map<String, Object> status = new LinkedHashMap<>();
        assertThat(QueueStatus.cohort(status, share(0.5, 100))).isTrue();
        assertThat(status).containsEntry("fairSharing", Map.of("weightedShare", 200L));
        assertThat(QueueStatus.cohort(status, share(0.5, 100))).as("unchanged").isFalse();
        assertThat(QueueStatus.cohort(status, share(0, 100))).isTrue();
        assertThat(status).as("a weight of 0 while borrowing: the largest share")
                .containsEntry("fairSharing", Map.of("weightedShare", Long.MAX_VALUE));
    }

    @Test
    void inactiveClusterQueueSaysWhy() {
        var cq = new ClusterQueueView("cq", null, new Inactivity("FlavorNotFound",
                "Can't admit new workloads: references missing ResourceFlavor(s): gpu."), 0, 0, null, List.of(), List.of());
        Map<String, Object> status = new LinkedHashMap<>();
        QueueStatus.clusterQueue(status, cq, NOW);
        assertThat(status).doesNotContainKey("fairSharing");
        assertThat(Conditions.find(status, "Active")).containsEntry("status", "False")
                .containsEntry("reason", "FlavorNotFound")
                .containsEntry("message", "Can't admit new workloads: references missing ResourceFlavor(s): gpu.");
    }

    @Test
    void localQueueStatusAndItsActiveCondition() {
        var lq = new LocalQueueView("a", "lq", "cq", true, true, 2, 2, Map.of("default", Map.of("cpu", 2000L)),
                List.of(WAITING));
        Map<String, Object> status = new LinkedHashMap<>();
        QueueStatus.localQueue(status, lq, NOW);
        assertThat(status.get("flavorsUsage").toString()).isEqualTo("[{name=default, resources=[{name=cpu, total=2}]}]");
        assertThat(status).containsEntry("pendingWorkloads", 1).containsEntry("admittedWorkloads", 2);
        assertThat(Conditions.find(status, "Active")).containsEntry("reason", "Ready");

        var orphan = new LocalQueueView("a", "lq", "gone", false, false, 0, 0, Map.of(), List.of());
        QueueStatus.localQueue(status, orphan, NOW);
        assertThat(Conditions.find(status, "Active")).containsEntry("status", "False")
                .containsEntry("reason", "ClusterQueueDoesNotExist");
    }
}
