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
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MergedAdmittedTest {
    private Engine engine;
    private QuotaTree tree;
    private AdmittedWorkloads admitted;
    private MergedAdmitted merged;
    private CohortNode team;

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
        merged = new MergedAdmitted(tree, admitted);
        team = tree.cohort("team");
    }

    private static Workload running(String name, String queue, int priority, long cpus) {
        return workload("ns", name).queue(queue).priority(priority).pods(1, "cpu", cpus).admittedIn(queue, "default")
                .build();
    }

    private ClusterQueueNode q(String name) {
        return tree.clusterQueue(name);
    }

    private List<String> read(Iterator<MergedAdmitted.Entry> entries) {
        List<String> out = new ArrayList<>();
        entries.forEachRemaining(e -> out.add(e.workload().key() + "@" + e.cq().name()));
        return out;
    }

    @Test
    void mergesEveryChildQueuesWorkloadsInCandidateOrder() {
        // a-low and d-low: same priority and admission time, so by name; d is listed though it does not borrow.
        assertThat(read(merged.of(team))).containsExactly("ns/a-low@a", "ns/d-low@d", "ns/b-mid@b", "ns/a-high@a");
    }

    @Test
    void readersSkipWorkloadsSetAsideAndTheMergeLeavesOutThoseBeingEvicted() {
        assertThat(read(merged.of(team))).hasSize(4);
        admitted.setAside(engine.workload("ns/d-low"));
        assertThat(read(merged.of(team))).as("replayed without d-low")
                .containsExactly("ns/a-low@a", "ns/b-mid@b", "ns/a-high@a");
        merged.clear();
        admitted.markEvicted(engine.workload("ns/b-mid"));
        assertThat(read(merged.of(team))).as("merged again: b-mid is being evicted, d-low set aside")
                .containsExactly("ns/a-low@a", "ns/a-high@a");
    }

    @Test
    void aQueueThatAdmitsMakesItsCohortsMergeStartOver() {
        assertThat(read(merged.of(team))).hasSize(4);
        Workload late = running("b-late", "b", 0, 1);
        engine.apply(late);
        admitted.add(engine.workload("ns/b-late"));
        assertThat(read(merged.of(team))).as("replayed: the merge was made before").hasSize(4);
        merged.admitted(q("b"));
        assertThat(read(merged.of(team))).as("b-late: priority 0, admitted at the same time, so by name")
                .containsExactly("ns/a-low@a", "ns/b-late@b", "ns/d-low@d", "ns/b-mid@b", "ns/a-high@a");
    }
}
