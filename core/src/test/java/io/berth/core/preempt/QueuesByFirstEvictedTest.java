package io.berth.core.preempt;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.quota.ClusterQueueNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueuesByFirstEvictedTest {
    private TeamCohort cohort;
    private QueuesByFirstEvicted queues;

    @BeforeEach
    void setUp() {
        cohort = new TeamCohort();
        queues = new QueuesByFirstEvicted(cohort.tree, cohort.admitted);
    }

    private ClusterQueueNode q(String name) {
        return cohort.q(name);
    }

    @Test
    void noQueueIsListedWhileNoWorkloadIsBeingEvicted() {
        assertThat(queues.of(cohort.team)).isEmpty();
        queues.clear();
        cohort.admitted.markEvicted(cohort.workloadNamed("a-low"));
        assertThat(queues.of(cohort.team)).containsExactly(q("a"));
        assertThat(queues.bound(q("a"))).isSameAs(cohort.workloadNamed("a-low"));
    }

    @Test
    void queuesWithEvictedWorkloadsAreOrderedByTheFirstOneNotSetAside() {
        cohort.admitted.markEvicted(cohort.workloadNamed("a-high"));
        cohort.admitted.markEvicted(cohort.workloadNamed("b-mid"));
        cohort.admitted.markEvicted(cohort.workloadNamed("d-low"));
        assertThat(queues.of(cohort.team)).as("d-low (0), b-mid (1), a-high (5); d is listed though it does not borrow")
                .containsExactly(q("d"), q("b"), q("a"));
        assertThat(queues.bound(q("b"))).isSameAs(cohort.workloadNamed("b-mid"));

        cohort.admitted.setAside(cohort.workloadNamed("d-low"));
        queues.changed(q("d"));
        assertThat(queues.of(cohort.team)).as("d's only evicted workload is set aside").containsExactly(q("b"), q("a"));
        assertThat(queues.bound(q("d"))).isNull();
    }

    @Test
    void clearingForgetsTheOrderUntilAskedAgain() {
        cohort.admitted.markEvicted(cohort.workloadNamed("b-mid"));
        assertThat(queues.of(cohort.team)).containsExactly(q("b"));
        cohort.admitted.markEvicted(cohort.workloadNamed("a-low"));
        assertThat(queues.of(cohort.team)).as("kept until cleared").containsExactly(q("b"));
        queues.clear();
        assertThat(queues.of(cohort.team)).as("made again from the current state").containsExactly(q("a"), q("b"));
    }
}
