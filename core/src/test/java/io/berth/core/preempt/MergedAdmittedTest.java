package io.berth.core.preempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MergedAdmittedTest {
    private TeamCohort cohort;
    private MergedAdmitted merged;

    @BeforeEach
    void setUp() {
        cohort = new TeamCohort();
        merged = new MergedAdmitted(cohort.tree, cohort.admitted);
    }

    private List<String> read(Iterator<MergedAdmitted.Entry> entries) {
        List<String> out = new ArrayList<>();
        entries.forEachRemaining(e -> out.add(e.workload().key() + "@" + e.cq().name()));
        return out;
    }

    @Test
    void mergesEveryChildQueuesWorkloadsInCandidateOrder() {
        // a-low and d-low: same priority and admission time, so by name; d is listed though it does not borrow.
        assertThat(read(merged.of(cohort.team)))
                .containsExactly("ns/a-low@a", "ns/d-low@d", "ns/b-mid@b", "ns/a-high@a");
    }

    @Test
    void workloadsSetAsideAtTheFrontArePassedAndTheMergeLeavesOutThoseBeingEvicted() {
        assertThat(read(merged.of(cohort.team))).hasSize(4);
        cohort.admitted.setAside(cohort.workloadNamed("d-low"));
        assertThat(read(merged.of(cohort.team))).as("replayed: d-low is left to the reader to skip")
                .containsExactly("ns/a-low@a", "ns/d-low@d", "ns/b-mid@b", "ns/a-high@a");
        cohort.admitted.setAside(cohort.workloadNamed("a-low"));
        assertThat(read(merged.of(cohort.team))).as("a-low and d-low set aside at the front: passed")
                .containsExactly("ns/b-mid@b", "ns/a-high@a");
        cohort.admitted.putBack(cohort.workloadNamed("a-low"));
        merged.clear();
        cohort.admitted.markEvicted(cohort.workloadNamed("b-mid"));
        assertThat(read(merged.of(cohort.team))).as("merged again: b-mid is being evicted, d-low set aside")
                .containsExactly("ns/a-low@a", "ns/a-high@a");
    }

    @Test
    void aQueueThatAdmitsMakesItsCohortsMergeStartOver() {
        assertThat(read(merged.of(cohort.team))).hasSize(4);
        cohort.engine.apply(TeamCohort.running("b-late", "b", 0, 1));
        cohort.admitted.add(cohort.workloadNamed("b-late"));
        assertThat(read(merged.of(cohort.team))).as("replayed: the merge was made before").hasSize(4);
        merged.admitted(cohort.q("b"));
        assertThat(read(merged.of(cohort.team))).as("b-late: priority 0, admitted at the same time, so by name")
                .containsExactly("ns/a-low@a", "ns/b-late@b", "ns/d-low@d", "ns/b-mid@b", "ns/a-high@a");
    }
}
