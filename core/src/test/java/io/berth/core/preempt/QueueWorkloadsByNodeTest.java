package io.berth.core.preempt;

import static io.berth.core.Kueue.cohort;
import static io.berth.core.Kueue.cpuGroup;
import static io.berth.core.Kueue.cq;
import static io.berth.core.Kueue.flavor;
import static io.berth.core.Kueue.flavorQuotas;
import static io.berth.core.Kueue.quota;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.config.Configuration;
import io.berth.core.Engine;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A ClusterQueue's admitted workloads found by its quota tree node, as by its name. */
class QueueWorkloadsByNodeTest {
    private final TeamCohort cohort = new TeamCohort();

    @Test
    void aNodeFindsTheWorkloadsOfItsQueue() {
        assertThat(cohort.admitted.queue(cohort.q("a"))).isSameAs(cohort.admitted.queue("a"));
        assertThat(cohort.admitted.queue(cohort.q("a")).inOrder())
                .containsExactly(cohort.workloadNamed("a-low"), cohort.workloadNamed("a-high"));
    }

    @Test
    void markingAVictimByItsNodeMarksItInItsQueue() {
        cohort.admitted.markEvicted(cohort.workloadNamed("b-mid"), cohort.q("b"));
        assertThat(cohort.workloadNamed("b-mid").isEvicted()).isTrue();
        assertThat(cohort.admitted.queue("b").hasEvicted()).isTrue();
        assertThat(cohort.admitted.queue("b").firstEvicted()).isSameAs(cohort.workloadNamed("b-mid"));
        assertThat(cohort.admitted.queue("a").hasEvicted()).isFalse();
        assertThat(cohort.admitted.anyEvicted()).isTrue();
    }

    @Test
    void aNodeOfAnotherTreeWithTheSameIdFindsItsOwnQueue() {
        cohort.admitted.queue(cohort.q("a")); // remembered under a's id
        Engine other = new Engine(Configuration.DEFAULT);
        other.applyAll(List.of(flavor("default"), cohort("team", null),
                cq("b").cohort("team").groups(cpuGroup(flavorQuotas("default", quota("cpu", 2)))).build()));
        QuotaTree tree = other.quotaTree();
        ClusterQueueNode b = tree.clusterQueue("b");
        assertThat(b.id()).as("the test needs b to have a's id").isEqualTo(cohort.q("a").id());
        assertThat(cohort.admitted.queue(b).inOrder()).containsExactly(cohort.workloadNamed("b-mid"));
    }

    @Test
    void clearingForgetsTheQueuesFoundByNode() {
        AdmittedWorkloads.QueueWorkloads before = cohort.admitted.queue(cohort.q("d"));
        cohort.admitted.clear();
        assertThat(cohort.admitted.queue(cohort.q("d"))).isNotSameAs(before);
        assertThat(cohort.admitted.queue(cohort.q("d")).inOrder()).isEmpty();
    }
}
