package io.berth.core.preempt;

import static io.berth.core.Kueue.cohort;
import static io.berth.core.Kueue.cpuGroup;
import static io.berth.core.Kueue.cq;
import static io.berth.core.Kueue.flavor;
import static io.berth.core.Kueue.flavorQuotas;
import static io.berth.core.Kueue.localQueue;
import static io.berth.core.Kueue.quota;
import static io.berth.core.Kueue.workload;

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

/**
 * Cohort team with ClusterQueues a, b and d of 2 CPU each. a runs a-low (priority 0, 1 CPU) and
 * a-high (priority 5, 2 CPU), b runs b-mid (priority 1, 3 CPU): both borrow. d runs d-low
 * (priority 0, 1 CPU) within its quota. All were admitted at the same time; the admitted ones are
 * kept in an AdmittedWorkloads of their own, which the tests change.
 */
final class TeamCohort {
    final Engine engine = new Engine(Configuration.DEFAULT);
    final QuotaTree tree;
    final AdmittedWorkloads admitted = new AdmittedWorkloads();
    final CohortNode team;

    TeamCohort() {
        List<KubeObject> objects = new ArrayList<>(List.of(flavor("default"), cohort("team", null)));
        for (String q : List.of("a", "b", "d")) {
            objects.add(cq(q).cohort("team").groups(cpuGroup(flavorQuotas("default", quota("cpu", 2)))).build());
            objects.add(localQueue("ns", q, q));
        }
        objects.add(running("a-low", "a", 0, 1));
        objects.add(running("a-high", "a", 5, 2));
        objects.add(running("b-mid", "b", 1, 3));
        objects.add(running("d-low", "d", 0, 1));
        engine.applyAll(objects);
        tree = engine.quotaTree();
        engine.workloads().stream().filter(WorkloadInfo::isAdmitted).forEach(admitted::add);
        team = tree.cohort("team");
    }

    /** A workload of namespace ns admitted in queue, of one pod. */
    static Workload running(String name, String queue, int priority, long cpus) {
        return workload("ns", name).queue(queue).priority(priority).pods(1, "cpu", cpus).admittedIn(queue, "default")
                .build();
    }

    ClusterQueueNode q(String name) {
        return tree.clusterQueue(name);
    }

    WorkloadInfo workloadNamed(String name) {
        return engine.workload("ns/" + name);
    }
}
