package io.berth.core.preempt;

import static io.berth.core.Kueue.cohort;
import static io.berth.core.Kueue.cpuGroup;
import static io.berth.core.Kueue.cq;
import static io.berth.core.Kueue.flavor;
import static io.berth.core.Kueue.flavorQuotas;
import static io.berth.core.Kueue.localQueue;
import static io.berth.core.Kueue.quota;
import static io.berth.core.Kueue.units;
import static io.berth.core.Kueue.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.kueue.Workload;
import io.berth.core.Engine;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueuesByFirstAdmittedTest {
    private Engine engine;
    private QuotaTree tree;
    private AdmittedWorkloads admitted;
    private QueuesByFirstAdmitted queues;
    private CohortNode team;
    private int cpu;

    /**
     * Cohort team with ClusterQueues a, b and d of 2 CPU each. a runs a-low (priority 0, 1 CPU)
     * and a-high (priority 5, 2 CPU), b runs b-mid (priority 1, 3 CPU): both borrow. d runs d-low
     * (priority 0, 1 CPU) within its quota.
     */
    @BeforeEach
    void setUp() {
        List<KubeObject> objects = new ArrayList<>(List.of(flavor("default"), cohort("team", null)));
        for (String q : List.of("a", "b", "d")) {
            objects.add(cq(q).cohort("team").groups(cpuGroup(flavorQuotas("default", quota("cpu", 2)))).build());
            objects.add(localQueue("ns", q, q));
        }
        objects.add(running("a-low", "a", 0, 1));
        objects.add(running("a-high", "a", 5, 2));
        objects.add(running("b-mid", "b", 1, 3));
        objects.add(running("d-low", "d", 0, 1));
        engine = new Engine(Configuration.DEFAULT);
        engine.applyAll(objects);
        tree = engine.quotaTree();
        admitted = new AdmittedWorkloads();
        engine.workloads().stream().filter(WorkloadInfo::isAdmitted).forEach(admitted::add);
        queues = new QueuesByFirstAdmitted(tree, admitted);
        team = tree.cohort("team");
        cpu = tree.flavorResources().id("default", "cpu");
    }

    private static Workload running(String name, String queue, int priority, long cpus) {
        return workload("ns", name).queue(queue).priority(priority).pods(1, "cpu", cpus).admittedIn(queue, "default")
                .build();
    }

    private ClusterQueueNode q(String name) {
        return tree.clusterQueue(name);
    }

    @Test
    void listsTheBorrowingQueuesByTheirFirstWorkloadInCandidateOrder() {
        assertThat(queues.of(team)).as("d does not borrow").containsExactly(q("a"), q("b"));
        assertThat(queues.bound(q("a"))).isSameAs(engine.workload("ns/a-low"));
        assertThat(queues.bound(q("b"))).isSameAs(engine.workload("ns/b-mid"));
    }

    @Test
    void aQueueIsPlacedAgainAsItsFirstWorkloadIsSetAsideAndItsUsageChanges() {
        queues.of(team);
        admitted.setAside(engine.workload("ns/a-low"));
        queues.changed(q("a"));
        assertThat(queues.of(team)).as("a now starts at a-high, after b-mid").containsExactly(q("b"), q("a"));
        assertThat(queues.bound(q("a"))).isSameAs(engine.workload("ns/a-high"));

        q("a").removeUsage(cpu, units(2));
        queues.changed(q("a"));
        assertThat(queues.of(team)).as("a stopped borrowing").containsExactly(q("b"));

        q("d").addUsage(cpu, units(2));
        queues.changed(q("d"));
        assertThat(queues.of(team)).as("d borrows now, d-low first").containsExactly(q("d"), q("b"));
    }

    @Test
    void aQueueWhoseWorkloadsAreAllSetAsideHasNoBound() {
        queues.of(team);
        admitted.setAside(engine.workload("ns/b-mid"));
        queues.changed(q("b"));
        assertThat(queues.of(team)).containsExactly(q("a"));
        assertThat(queues.bound(q("b"))).isNull();
    }

    @Test
    void evictedWorkloadsAreNoBoundAndTheirQueuesAreListedApart() {
        assertThat(queues.withEvicted(team)).isEmpty();
        queues.clear();
        admitted.markEvicted(engine.workload("ns/a-low"));
        assertThat(queues.withEvicted(team)).containsExactly(q("a"));
        assertThat(queues.of(team)).as("a starts at a-high now").containsExactly(q("b"), q("a"));
        assertThat(queues.bound(q("a"))).isSameAs(engine.workload("ns/a-high"));
    }

    @Test
    void queuesWithEvictedWorkloadsAreOrderedByTheFirstOneNotSetAside() {
        admitted.markEvicted(engine.workload("ns/a-high"));
        admitted.markEvicted(engine.workload("ns/b-mid"));
        admitted.markEvicted(engine.workload("ns/d-low"));
        assertThat(queues.withEvicted(team)).as("d-low (0), b-mid (1), a-high (5); d is listed though it does not borrow")
                .containsExactly(q("d"), q("b"), q("a"));
        assertThat(queues.evictedBound(q("b"))).isSameAs(engine.workload("ns/b-mid"));

        admitted.setAside(engine.workload("ns/d-low"));
        queues.changed(q("d"));
        assertThat(queues.withEvicted(team)).as("d's only evicted workload is set aside").containsExactly(q("b"), q("a"));
        assertThat(queues.evictedBound(q("d"))).isNull();
    }

    @Test
    void clearingForgetsTheOrderUntilAskedAgain() {
        queues.of(team);
        q("d").addUsage(cpu, units(2));
        queues.clear();
        // a-low and d-low: same priority and admission time, so by name.
        assertThat(queues.of(team)).as("made again from the current state").containsExactly(q("a"), q("d"), q("b"));
    }
}
