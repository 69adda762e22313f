package io.berth.core.preempt;

import static io.berth.core.Kueue.cohort;
import static io.berth.core.Kueue.cpuGroup;
import static io.berth.core.Kueue.cq;
import static io.berth.core.Kueue.flavor;
import static io.berth.core.Kueue.flavorQuotas;
import static io.berth.core.Kueue.localQueue;
import static io.berth.core.Kueue.quota;
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

class QueuesByFirstEvictedTest {
    private Engine engine;
    private QuotaTree tree;
    private AdmittedWorkloads admitted;
    private QueuesByFirstEvicted queues;
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
        queues = new QueuesByFirstEvicted(tree, admitted);
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
    void noQueueIsListedWhileNoWorkloadIsBeingEvicted() {
        assertThat(queues.of(team)).isEmpty();
        queues.clear();
        admitted.markEvicted(engine.workload("ns/a-low"));
        assertThat(queues.of(team)).containsExactly(q("a"));
        assertThat(queues.bound(q("a"))).isSameAs(engine.workload("ns/a-low"));
    }

    @Test
    void queuesWithEvictedWorkloadsAreOrderedByTheFirstOneNotSetAside() {
        admitted.markEvicted(engine.workload("ns/a-high"));
        admitted.markEvicted(engine.workload("ns/b-mid"));
        admitted.markEvicted(engine.workload("ns/d-low"));
        assertThat(queues.of(team)).as("d-low (0), b-mid (1), a-high (5); d is listed though it does not borrow")
                .containsExactly(q("d"), q("b"), q("a"));
        assertThat(queues.bound(q("b"))).isSameAs(engine.workload("ns/b-mid"));

        admitted.setAside(engine.workload("ns/d-low"));
        queues.changed(q("d"));
        assertThat(queues.of(team)).as("d's only evicted workload is set aside").containsExactly(q("b"), q("a"));
        assertThat(queues.bound(q("d"))).isNull();
    }

    @Test
    void clearingForgetsTheOrderUntilAskedAgain() {
        admitted.markEvicted(engine.workload("ns/b-mid"));
        assertThat(queues.of(team)).containsExactly(q("b"));
        admitted.markEvicted(engine.workload("ns/a-low"));
        assertThat(queues.of(team)).as("kept until cleared").containsExactly(q("b"));
        queues.clear();
        assertThat(queues.of(team)).as("made again from the current state").containsExactly(q("a"), q("b"));
    }
}
