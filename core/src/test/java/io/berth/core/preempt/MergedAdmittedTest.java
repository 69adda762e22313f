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

    /** Makes d borrow, 1 CPU above its quota, as a head's hold in a cycle would. */
    private void dBorrows() {
        cohort.q("d").addUsage(cohort.tree.flavorResources().id("default", "cpu"), 2000);
    }

    @Test
    void mergesTheWorkloadsOfTheChildQueuesThatBorrowInCandidateOrder() {
        // d does not borrow: none of its workloads can be a candidate of another queue.
        assertThat(read(merged.of(cohort.team))).containsExactly("ns/a-low@a", "ns/b-mid@b", "ns/a-high@a");
    }

    @Test
    void workloadsSetAsideAtTheFrontArePassedAndTheMergeLeavesOutThoseBeingEvicted() {
        assertThat(read(merged.of(cohort.team))).hasSize(3);
        cohort.admitted.setAside(cohort.workloadNamed("b-mid"));
        assertThat(read(merged.of(cohort.team))).as("replayed: b-mid is left to the reader to skip")
                .containsExactly("ns/a-low@a", "ns/b-mid@b", "ns/a-high@a");
        cohort.admitted.setAside(cohort.workloadNamed("a-low"));
        assertThat(read(merged.of(cohort.team))).as("a-low and b-mid set aside at the front: passed")
                .containsExactly("ns/a-high@a");
        cohort.admitted.putBack(cohort.workloadNamed("a-low"));
        cohort.admitted.putBack(cohort.workloadNamed("b-mid"));
        merged.clear();
        cohort.admitted.markEvicted(cohort.workloadNamed("b-mid"));
        assertThat(read(merged.of(cohort.team))).as("merged again: b-mid is being evicted")
                .containsExactly("ns/a-low@a", "ns/a-high@a");
    }

    @Test
    void aQueueThatAdmitsMakesItsCohortsMergeStartOver() {
        assertThat(read(merged.of(cohort.team))).hasSize(3);
        cohort.engine.apply(TeamCohort.running("b-late", "b", 0, 1));
        cohort.admitted.add(cohort.workloadNamed("b-late"));
        assertThat(read(merged.of(cohort.team))).as("replayed: the merge was made before").hasSize(3);
        merged.admitted(cohort.q("b"));
        assertThat(read(merged.of(cohort.team))).as("b-late: priority 0, admitted at the same time, so by name")
                .containsExactly("ns/a-low@a", "ns/b-late@b", "ns/b-mid@b", "ns/a-high@a");
    }

    @Test
    void aQueueLeftOutThatStartsToBorrowMakesItsCohortsMergeStartOver() {
        assertThat(read(merged.of(cohort.team))).hasSize(3);
        merged.usageChanged(cohort.q("a"));
        assertThat(read(merged.of(cohort.team))).as("a was merged already: replayed").hasSize(3);
        dBorrows();
        merged.usageChanged(cohort.q("d"));
        assertThat(read(merged.of(cohort.team))).as("d borrows now: merged again with it")
                .containsExactly("ns/a-low@a", "ns/d-low@d", "ns/b-mid@b", "ns/a-high@a");
    }

    @Test
    void aQueueThatStopsBorrowingStaysInItsCohortsMerge() {
        assertThat(read(merged.of(cohort.team))).hasSize(3);
        cohort.q("b").removeUsage(cohort.tree.flavorResources().id("default", "cpu"), 3000);
        merged.usageChanged(cohort.q("b"));
        assertThat(read(merged.of(cohort.team))).as("each search judges b itself")
                .containsExactly("ns/a-low@a", "ns/b-mid@b", "ns/a-high@a");
    }
}
