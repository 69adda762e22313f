package io.berth.core.queue;

import static io.berth.core.Kueue.cpuGroup;
import static io.berth.core.Kueue.cq;
import static io.berth.core.Kueue.flavorQuotas;
import static io.berth.core.Kueue.localQueue;
import static io.berth.core.Kueue.quota;
import static io.berth.core.Kueue.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.QueueingStrategy;
import io.berth.api.kueue.StopPolicy;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.FlavorResources;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.WorkloadInfo;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Routing of pending workloads: Workload → LocalQueue (same namespace, spec.queueName) →
 * ClusterQueue. A workload that cannot be routed is parked with the message Kueue's workload
 * controller sets (getQueueBlocker in pkg/controller/core/workload_controller.go).
 */
class QueueManagerTest {

    /** ClusterQueues "cq" (BestEffortFIFO) and "strict" (StrictFIFO), with these LocalQueues. */
    static QueueManager manager(LocalQueue... lqs) {
        QuotaTree tree = new QuotaTree(new FlavorResources(), List.of(
                cq("cq").groups(cpuGroup(flavorQuotas("default", quota("cpu", 10)))).build(),
                cq("strict").strategy(QueueingStrategy.StrictFIFO)
                        .groups(cpuGroup(flavorQuotas("default", quota("cpu", 10)))).build()),
                List.of(), Set.of("default"));
        QueueManager m = new QueueManager();
        m.reset(tree.clusterQueues(), List.of(lqs));
        return m;
    }

    /** A pending workload ns/w submitted to LocalQueue q. */
    static WorkloadInfo pending(String namespace, String name, String queue) {
        var spec = workload(namespace, name).queue(queue).build();
        return new WorkloadInfo(spec, 0, 0, List.of());
    }

    static Stream<Arguments> routing() {
        return Stream.of(
                Arguments.of("LocalQueue ns/q points at cq",
                        List.of(localQueue("ns", "q", "cq")), "q", "cq", null),
                Arguments.of("no LocalQueue q",
                        List.of(), "q", null, "LocalQueue q doesn't exist"),
                Arguments.of("a LocalQueue q in another namespace does not count",
                        List.of(localQueue("other", "q", "cq")), "q", null, "LocalQueue q doesn't exist"),
                Arguments.of("the LocalQueue points at a ClusterQueue that does not exist",
                        List.of(localQueue("ns", "q", "c")), "q", null, "ClusterQueue c doesn't exist"),
                Arguments.of("stopPolicy Hold stops the LocalQueue",
                        List.of(localQueue("ns", "q", "cq", StopPolicy.Hold)), "q", null, "LocalQueue q is inactive"),
                Arguments.of("stopPolicy HoldAndDrain stops the LocalQueue",
                        List.of(localQueue("ns", "q", "cq", StopPolicy.HoldAndDrain)), "q", null,
                        "LocalQueue q is inactive"),
                Arguments.of("stopPolicy None is active",
                        List.of(localQueue("ns", "q", "cq", StopPolicy.None)), "q", "cq", null),
                Arguments.of("a stopped LocalQueue is reported before a missing ClusterQueue",
                        List.of(localQueue("ns", "q", "c", StopPolicy.Hold)), "q", null, "LocalQueue q is inactive"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void routing(String description, List<LocalQueue> lqs, String queueName, String clusterQueue, String parked) {
        QueueManager m = manager(lqs.toArray(LocalQueue[]::new));
        WorkloadInfo w = pending("ns", "w", queueName);

        m.add(w);

        assertThat(m.clusterQueueOf(w)).as("ClusterQueue").isEqualTo(clusterQueue);
        assertThat(m.parkedReason("ns/w")).as("parked reason").isEqualTo(parked);
        assertThat(m.parked()).as("parked workloads").hasSize(parked == null ? 0 : 1);
        int queued = m.queues().values().stream().mapToInt(q -> q.inOrder().size()).sum();
        assertThat(queued).as("workloads in ClusterQueues").isEqualTo(clusterQueue == null ? 0 : 1);
        if (clusterQueue != null) {
            assertThat(m.queue(clusterQueue).inOrder()).containsExactly(w);
        }
    }

    @Test
    void removeForgetsQueuedAndParkedWorkloads() {
        QueueManager m = manager(localQueue("ns", "q", "cq"));
        WorkloadInfo queued = pending("ns", "queued", "q");
        WorkloadInfo parked = pending("ns", "parked", "missing");
        m.add(queued);
        m.add(parked);

        m.remove(queued);
        m.remove(parked);

        assertThat(m.queue("cq").inOrder()).isEmpty();
        assertThat(m.parked()).isEmpty();
        assertThat(m.parkedReason("ns/parked")).isNull();
        assertThat(m.clusterQueueOf(queued)).isNull();
    }

    @Test
    void resetForgetsEverythingQueued() {
        QueueManager m = manager(localQueue("ns", "q", "cq"));
        m.add(pending("ns", "a", "q"));
        m.add(pending("ns", "b", "missing"));

        m.reset(List.of(), List.of());

        assertThat(m.queues()).isEmpty();
        assertThat(m.parked()).isEmpty();
    }

    @Test
    void eachClusterQueueKeepsItsQueueingStrategy() {
        QueueManager m = manager(localQueue("ns", "best", "cq"), localQueue("ns", "strict", "strict"));
        WorkloadInfo a = pending("ns", "a", "best");
        WorkloadInfo b = pending("ns", "b", "strict");
        m.add(a);
        m.add(b);

        m.queue("cq").requeue(m.queue("cq").pop(), RequeueReason.NO_FIT);
        m.queue("strict").requeue(m.queue("strict").pop(), RequeueReason.NO_FIT);

        assertThat(m.queue("cq").inadmissibleCount()).as("BestEffortFIFO").isEqualTo(1);
        assertThat(m.queue("strict").activeCount()).as("StrictFIFO").isEqualTo(1);
    }

    @Test
    void flushInadmissibleOnlyTouchesTheNamedClusterQueues() {
        QueueManager m = manager(localQueue("ns", "q", "cq"));
        m.add(pending("ns", "a", "q"));
        m.queue("cq").requeue(m.queue("cq").pop(), RequeueReason.NO_FIT);

        m.flushInadmissible(List.of("strict", "unknown")::contains);
        assertThat(m.queue("cq").inadmissibleCount()).isEqualTo(1);

        m.flushInadmissible(List.of("cq")::contains);
        assertThat(m.queue("cq").inadmissibleCount()).isZero();
        assertThat(m.queue("cq").activeCount()).isEqualTo(1);
    }

    @Test
    void onlyQueuesWithActiveWorkloadsAreListedForTheNextCycle() {
        QueueManager m = manager(localQueue("ns", "q", "cq"));
        assertThat(m.withActiveWorkloads()).isEmpty();
        m.add(pending("ns", "a", "q"));
        assertThat(names(m.withActiveWorkloads())).containsExactly("cq");

        m.queue("cq").requeue(m.queue("cq").pop(), RequeueReason.NO_FIT);
        assertThat(m.withActiveWorkloads()).as("its only workload is inadmissible").isEmpty();

        m.flushInadmissible(cq -> true);
        assertThat(names(m.withActiveWorkloads())).containsExactly("cq");
        assertThat(m.queue(m.withActiveWorkloads().get(0))).as("found by its node").isSameAs(m.queue("cq"));
        m.remove(m.queue("cq").pop());
        assertThat(m.withActiveWorkloads()).isEmpty();
    }

    private static List<String> names(List<ClusterQueueNode> queues) {
        return queues.stream().map(ClusterQueueNode::name).toList();
    }
}
