package io.berth.operator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.operator.status.QueueSnapshot;
import io.berth.operator.status.QueueSnapshot.ClusterQueueView;
import io.berth.operator.status.QueueSnapshot.LocalQueueView;
import io.berth.operator.status.QueueSnapshot.PendingEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VisibilityTest {
    private static final List<PendingEntry> PENDING = List.of(
            new PendingEntry("a", "w1", "lq", 100, null, 0, 0, "Pending"),
            new PendingEntry("b", "w2", "other", 0, null, 1, 0, "Pending"),
            new PendingEntry("a", "w3", "lq", 0, null, 2, 1, "Pending"));
    private static final QueueSnapshot SNAPSHOT = new QueueSnapshot(
            Map.of("cq", new ClusterQueueView("cq", null, null, 0, 0, null, List.of(), PENDING)),
            Map.of("a/lq", new LocalQueueView("a", "lq", "cq", true, true, 0, 0, Map.of(),
                    List.of(PENDING.get(0), PENDING.get(2)))), Map.of());

    @Test
    void clusterQueueListsPendingWorkloadsWithPositions() {
        var out = Visibility.pendingWorkloads(SNAPSHOT,
                Visibility.PREFIX + "clusterqueues/cq/pendingworkloads", Map.of());
        assertThat(out).containsEntry("kind", "PendingWorkloadsSummary")
                .containsEntry("apiVersion", "visibility.kueue.x-k8s.io/v1beta2");
        assertThat(out.get("items").toString()).isEqualTo("[{metadata={name=w1, namespace=a, creationTimestamp=null}, "
                + "priority=100, localQueueName=lq, positionInClusterQueue=0, positionInLocalQueue=0}, "
                + "{metadata={name=w2, namespace=b, creationTimestamp=null}, priority=0, localQueueName=other, "
                + "positionInClusterQueue=1, positionInLocalQueue=0}, {metadata={name=w3, namespace=a, "
                + "creationTimestamp=null}, priority=0, localQueueName=lq, positionInClusterQueue=2, positionInLocalQueue=1}]");
    }

    @Test
    void limitAndOffsetPage() {
        var out = Visibility.pendingWorkloads(SNAPSHOT, Visibility.PREFIX + "clusterqueues/cq/pendingworkloads",
                Map.of("limit", "1", "offset", "1"));
        assertThat(out.get("items").toString()).contains("name=w2").doesNotContain("name=w1").doesNotContain("name=w3");
    }

    @Test
    void localQueueFormIsNamespaced() {
        var out = Visibility.pendingWorkloads(SNAPSHOT,
                Visibility.PREFIX + "namespaces/a/localqueues/lq/pendingworkloads", Map.of());
        assertThat(out.get("items").toString()).contains("name=w1").contains("name=w3").doesNotContain("name=w2");
    }

    @Test
    void unknownQueueIsNullAndBadLimitIsRefused() {
        assertThat(Visibility.pendingWorkloads(SNAPSHOT, Visibility.PREFIX + "clusterqueues/nope/pendingworkloads",
                Map.of())).isNull();
        assertThatThrownBy(() -> Visibility.pendingWorkloads(SNAPSHOT,
                Visibility.PREFIX + "clusterqueues/cq/pendingworkloads", Map.of("limit", "-1")))
                .hasMessage("limit: invalid value \"-1\": expected a non-negative integer");
    }
}
