package io.berth.core.lifecycle;

import static io.berth.core.lifecycle.Fixture.admitted;
import static io.berth.core.lifecycle.Fixture.at;
import static io.berth.core.lifecycle.Fixture.config;
import static io.berth.core.lifecycle.Fixture.cpu;
import static io.berth.core.lifecycle.Fixture.cq;
import static io.berth.core.lifecycle.Fixture.engine;
import static io.berth.core.lifecycle.Fixture.flavor;
import static io.berth.core.lifecycle.Fixture.holdingQuota;
import static io.berth.core.lifecycle.Fixture.key;
import static io.berth.core.lifecycle.Fixture.lq;
import static io.berth.core.lifecycle.Fixture.preempted;
import static io.berth.core.lifecycle.Fixture.wl;
import static io.berth.api.kueue.PreemptionPolicy.Any;
import static io.berth.api.kueue.PreemptionPolicy.LowerOrNewerEqualPriority;
import static io.berth.api.kueue.PreemptionPolicy.LowerPriority;
import static io.berth.api.kueue.PreemptionPolicy.Never;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.KubeObject;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import io.berth.core.cycle.PendingStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Classical preemption (Kueue's pkg/scheduler/preemption) through the engine: which policies
 * allow which victims, the reasons recorded, the two-cycle hand-over (the preemptor waits for
 * its victims, then is admitted while they are queued again), the minimal target set, and the
 * quota a queue keeps when it needs preemption but may not preempt anyone.
 * Amounts are cpus in flavor "default"; workloads live in namespace ns.
 */
class PreemptionTest {
    private static final String NO_LONGER_FITS = "Workload no longer fits after processing another workload";

    private static void assertWaitsForVictims(Engine e, CycleResult r, String preemptor, int victims) {
        PendingStatus inResult = r.pending().get(key(preemptor));
        assertThat(inResult).isNotNull();
        assertThat(inResult.reason()).isEqualTo(PendingStatus.WAITING_FOR_PREEMPTED);
        assertThat(inResult.message()).endsWith("Pending the preemption of " + victims + " workload(s)");
        assertThat(e.pendingStatus(key(preemptor))).isEqualTo(inResult);
    }

    // ------------------------------------------------------------------ withinClusterQueue

    /**
     * ClusterQueue cq with 4 cpus, fully used by "running" (admitted at 0 s). "incoming" wants
     * all 4 cpus. Kueue's withinClusterQueue: LowerPriority needs a strictly lower victim;
     * LowerOrNewerEqualPriority also takes an equal-priority victim that is newer than the
     * preemptor; Never takes nothing.
     */
    static Stream<Arguments> withinClusterQueue() {
        return Stream.of(
                //           policy                     running prio, created  incoming prio, created  preempts
                Arguments.of(LowerPriority,             0, 2,              1, 3,                true),
                Arguments.of(LowerPriority,             0, 2,              0, 1,                false),
                Arguments.of(LowerPriority,             1, 2,              0, 3,                false),
                Arguments.of(LowerOrNewerEqualPriority, 0, 2,              1, 3,                true),
                Arguments.of(LowerOrNewerEqualPriority, 0, 2,              0, 1,                true),
                Arguments.of(LowerOrNewerEqualPriority, 0, 2,              0, 3,                false),
                Arguments.of(LowerOrNewerEqualPriority, 1, 2,              0, 1,                false),
                Arguments.of(Never,                     0, 2,              10, 3,               false));
    }

    @ParameterizedTest(name = "{0}: running p{1} created {2}s, incoming p{3} created {4}s -> preempts: {5}")
    @MethodSource
    void withinClusterQueue(PreemptionPolicy policy, int runningPriority, int runningCreated,
                            int incomingPriority, int incomingCreated, boolean preempts) {
        Engine e = engine(config(), List.of(flavor("default"),
                cq("cq").withinClusterQueue(policy).groups(cpu(4)).build(), lq("q", "cq"),
                wl("running").priority(runningPriority).created(runningCreated).pods(1, "cpu", 4).admitted("cq", 0).build(),
                wl("incoming").priority(incomingPriority).created(incomingCreated).pods(1, "cpu", 4).build()));

        CycleResult first = e.schedule(at(60));

        assertThat(admitted(first)).isEmpty();
        if (!preempts) {
            assertThat(first.preempted()).isEmpty();
            assertThat(e.pendingStatus(key("incoming")).reason()).isEqualTo(PendingStatus.WAITING_FOR_QUOTA);
            CycleResult second = e.schedule(at(61));
            assertThat(admitted(second)).isEmpty();
            assertThat(second.preempted()).isEmpty();
            assertThat(holdingQuota(e)).containsExactly(key("running"));
            return;
        }
        assertThat(preempted(first)).containsExactly(Map.entry(key("running"), "InClusterQueue"));
        assertWaitsForVictims(e, first, "incoming", 1);
        assertThat(holdingQuota(e)).as("the victim holds its quota until it is gone").containsExactly(key("running"));

        CycleResult second = e.schedule(at(61));

        assertThat(admitted(second)).containsExactly(key("incoming"));
        assertThat(second.preempted()).isEmpty();
        assertThat(holdingQuota(e)).containsExactly(key("incoming"));
        assertThat(e.pendingStatus(key("running"))).as("the victim is queued again").isNotNull();
        assertThat(e.pendingStatus(key("incoming"))).isNull();
    }

    @Test
    void aRequeuedVictimIsAdmittedAgainOnceThePreemptorFinishes() {
        Engine e = engine(config(), List.of(flavor("default"),
                cq("cq").withinClusterQueue(LowerPriority).groups(cpu(4)).build(), lq("q", "cq"),
                wl("low").priority(0).pods(1, "cpu", 4).admitted("cq", 0).build(),
                wl("high").priority(1).created(1).pods(1, "cpu", 4).build()));
        e.schedule(at(10));
        assertThat(admitted(e.schedule(at(11)))).containsExactly(key("high"));

        e.remove(key("high"));

        assertThat(admitted(e.schedule(at(12)))).containsExactly(key("low"));
    }

    // ------------------------------------------------------------------ minimal target set

    /**
     * cq has 6 cpus, all used: r1 (2 cpus, p0, admitted at 10 s), r2 (2, p0, at 20 s),
     * r3 (2, p1, at 30 s). A p5 preemptor takes only as many as it needs, lowest priority first,
     * among equals the most recently admitted.
     */
    static Stream<Arguments> minimalTargets() {
        return Stream.of(
                Arguments.of(2, List.of("ns/r2")),
                Arguments.of(4, List.of("ns/r1", "ns/r2")),
                Arguments.of(6, List.of("ns/r1", "ns/r2", "ns/r3")));
    }

    @ParameterizedTest(name = "preemptor wants {0} cpus -> victims {1}")
    @MethodSource
    void minimalTargets(int wanted, List<String> victims) {
        Engine e = engine(config(), List.of(flavor("default"),
                cq("cq").withinClusterQueue(LowerPriority).groups(cpu(6)).build(), lq("q", "cq"),
                wl("r1").priority(0).pods(1, "cpu", 2).admitted("cq", 10).build(),
                wl("r2").priority(0).pods(1, "cpu", 2).admitted("cq", 20).build(),
                wl("r3").priority(1).pods(1, "cpu", 2).admitted("cq", 30).build(),
                wl("p").priority(5).created(40).pods(1, "cpu", wanted).build()));

        CycleResult first = e.schedule(at(60));

        assertThat(preempted(first).keySet()).containsExactlyInAnyOrderElementsOf(victims);
        assertThat(preempted(first).values()).containsOnly("InClusterQueue");
        assertWaitsForVictims(e, first, "p", victims.size());
        assertThat(admitted(e.schedule(at(61)))).containsExactly(key("p"));
    }

    /**
     * cq has 4 cpus: "small" (1 cpu, p0) and "big" (3 cpus, p1). A p5 preemptor wanting 3 cpus
     * tries small first (lowest priority), still does not fit, takes big, and then puts small back
     * because big alone is enough.
     */
    @Test
    void targetsThatTurnOutUnneededAreGivenBack() {
        Engine e = engine(config(), List.of(flavor("default"),
                cq("cq").withinClusterQueue(LowerPriority).groups(cpu(4)).build(), lq("q", "cq"),
                wl("small").priority(0).pods(1, "cpu", 1).admitted("cq", 20).build(),
                wl("big").priority(1).pods(1, "cpu", 3).admitted("cq", 10).build(),
                wl("p").priority(5).created(40).pods(1, "cpu", 3).build()));

        CycleResult first = e.schedule(at(60));

        assertThat(preempted(first)).containsExactly(Map.entry(key("big"), "InClusterQueue"));
        assertThat(admitted(e.schedule(at(61)))).containsExactly(key("p"));
        assertThat(holdingQuota(e)).containsExactly(key("p"), key("small"));
    }

    // ------------------------------------------------------------------ reclaimWithinCohort

    /**
     * Cohort co of cq-a, cq-b and cq-c, 4 cpus each (12 in all, all used). cq-b runs b1 (admitted
     * at 10 s) and b2 (at 20 s), 4 cpus each, so it borrows cq-a's 4; cq-c runs c1 (p-10) within
     * its nominal quota. a1 (p0, 4 cpus) in cq-a reclaims from the borrowing queue only — never
     * c1, although it has the lowest priority — and takes the most recently admitted b2.
     */
    static Stream<Arguments> reclaimWithinCohort() {
        return Stream.of(
                //           cq-a reclaim    b priority  victims
                Arguments.of(LowerPriority,  -1,         Map.of("ns/b2", "InCohortReclamation")),
                Arguments.of(LowerPriority,  0,          Map.of()),
                Arguments.of(Any,            100,        Map.of("ns/b2", "InCohortReclamation")),
                Arguments.of(Never,          -1,         Map.of()));
    }

    @ParameterizedTest(name = "{0}, borrowers at p{1} -> {2}")
    @MethodSource
    void reclaimWithinCohort(PreemptionPolicy reclaim, int bPriority, Map<String, String> victims) {
        Engine e = engine(config(), List.of(flavor("default"),
                cq("cq-a").cohort("co").reclaimWithinCohort(reclaim).groups(cpu(4)).build(),
                cq("cq-b").cohort("co").groups(cpu(4)).build(),
                cq("cq-c").cohort("co").groups(cpu(4)).build(),
                lq("qa", "cq-a"), lq("qb", "cq-b"), lq("qc", "cq-c"),
                wl("b1").queue("qb").priority(bPriority).pods(1, "cpu", 4).admitted("cq-b", 10).build(),
                wl("b2").queue("qb").priority(bPriority).pods(1, "cpu", 4).admitted("cq-b", 20).build(),
                wl("c1").queue("qc").priority(-10).pods(1, "cpu", 4).admitted("cq-c", 5).build(),
                wl("a1").queue("qa").priority(0).created(30).pods(1, "cpu", 4).build()));

        CycleResult first = e.schedule(at(60));

        assertThat(preempted(first)).isEqualTo(victims);
        assertThat(admitted(first)).isEmpty();
        if (!victims.isEmpty()) {
            assertWaitsForVictims(e, first, "a1", 1);
        }
        CycleResult second = e.schedule(at(61));
        if (victims.isEmpty()) {
            assertThat(admitted(second)).isEmpty();
            assertThat(holdingQuota(e)).containsExactly(key("b1"), key("b2"), key("c1"));
        } else {
            assertThat(admitted(second)).containsExactly(key("a1"));
            assertThat(holdingQuota(e)).containsExactly(key("a1"), key("b1"), key("c1"));
            assertThat(e.pendingStatus(key("b2"))).isNotNull();
        }
    }

    // ------------------------------------------------------------------ borrowWithinCohort

    /**
     * Cohort co: cq-a 2 cpus, cq-b 2, cq-c 4 (8 in all, all used). cq-b runs b1 (4 cpus, borrowing
     * 2); cq-c runs c1 (4, p-10) within nominal. a1 (p10) in cq-a wants 4 cpus, so it must borrow 2
     * itself: only borrowWithinCohort lets it preempt, and only victims below it and at or below
     * maxPriorityThreshold.
     */
    static Stream<Arguments> borrowWithinCohort() {
        return Stream.of(
                //           policy          threshold  b1 priority  victims
                Arguments.of(LowerPriority,  5,         5,           Map.of("ns/b1", "InCohortReclaimWhileBorrowing")),
                Arguments.of(LowerPriority,  5,         6,           Map.of()),
                Arguments.of(LowerPriority,  null,      9,           Map.of("ns/b1", "InCohortReclaimWhileBorrowing")),
                Arguments.of(LowerPriority,  null,      10,          Map.of()),
                Arguments.of(Never,          null,      0,           Map.of()));
    }

    @ParameterizedTest(name = "borrowWithinCohort {0} threshold {1}, b1 at p{2} -> {3}")
    @MethodSource
    void borrowWithinCohort(PreemptionPolicy policy, Integer threshold, int b1Priority, Map<String, String> victims) {
        Engine e = engine(config(), List.of(flavor("default"),
                cq("cq-a").cohort("co").reclaimWithinCohort(Any).borrowWithinCohort(policy, threshold)
                        .groups(cpu(2)).build(),
                cq("cq-b").cohort("co").groups(cpu(2)).build(),
                cq("cq-c").cohort("co").groups(cpu(4)).build(),
                lq("qa", "cq-a"), lq("qb", "cq-b"), lq("qc", "cq-c"),
                wl("b1").queue("qb").priority(b1Priority).pods(1, "cpu", 4).admitted("cq-b", 10).build(),
                wl("c1").queue("qc").priority(-10).pods(1, "cpu", 4).admitted("cq-c", 5).build(),
                wl("a1").queue("qa").priority(10).created(30).pods(1, "cpu", 4).build()));

        CycleResult first = e.schedule(at(60));

        assertThat(preempted(first)).isEqualTo(victims);
        CycleResult second = e.schedule(at(61));
        assertThat(admitted(second)).containsExactlyElementsOf(victims.isEmpty() ? List.of() : List.of(key("a1")));
    }

    // ------------------------------------------------------------------ no candidates: keep the quota

    /**
     * Cohort co: cq-a 4 cpus, cq-b 0. cq-a runs a-run (2 cpus, p10); its head a-head (p5) wants 4,
     * which needs preemption, but withinClusterQueue LowerPriority finds no candidate and no other
     * queue runs anything. b-head (p0, 2 cpus) in cq-b would fit by borrowing cq-a's unused 2, and
     * is processed after a-head (same borrowing height, lower priority). Kueue reserves cq-a's
     * quota for a-head for the rest of the cycle unless cq-a can always reclaim it
     * (reclaimWithinCohort Any).
     */
    static Stream<Arguments> queueWithoutCandidatesKeepsItsQuota() {
        return Stream.of(
                Arguments.of(Never, false),
                Arguments.of(LowerPriority, false),
                Arguments.of(Any, true));
    }

    @ParameterizedTest(name = "cq-a reclaimWithinCohort {0} -> borrowing head admitted: {1}")
    @MethodSource
    void queueWithoutCandidatesKeepsItsQuota(PreemptionPolicy reclaim, boolean borrowerAdmitted) {
        List<KubeObject> objects = new ArrayList<>(List.of(flavor("default"),
                cq("cq-a").cohort("co").withinClusterQueue(LowerPriority).reclaimWithinCohort(reclaim)
                        .groups(cpu(4)).build(),
                cq("cq-b").cohort("co").groups(cpu(0)).build(),
                lq("qa", "cq-a"), lq("qb", "cq-b"),
                wl("a-run").queue("qa").priority(10).pods(1, "cpu", 2).admitted("cq-a", 0).build(),
                wl("a-head").queue("qa").priority(5).created(1).pods(1, "cpu", 4).build(),
                wl("b-head").queue("qb").priority(0).created(2).pods(1, "cpu", 2).build()));
        Engine e = engine(config(), objects);

        CycleResult r = e.schedule(at(60));

        assertThat(r.preempted()).isEmpty();
        assertThat(r.pending().get(key("a-head")).reason()).isEqualTo(PendingStatus.WAITING_FOR_QUOTA);
        if (borrowerAdmitted) {
            assertThat(admitted(r)).containsExactly(key("b-head"));
        } else {
            assertThat(admitted(r)).isEmpty();
            assertThat(r.pending()).containsEntry(key("b-head"),
                    new PendingStatus(PendingStatus.WAITING_FOR_QUOTA, NO_LONGER_FITS));
        }
    }

    /** The reservation lasts one cycle only: without a-head (removed), b-head borrows cq-a's quota. */
    @Test
    void theReservationEndsWithTheHeadThatNeededIt() {
        Engine e = engine(config(), List.of(flavor("default"),
                cq("cq-a").cohort("co").withinClusterQueue(LowerPriority).groups(cpu(4)).build(),
                cq("cq-b").cohort("co").groups(cpu(0)).build(),
                lq("qa", "cq-a"), lq("qb", "cq-b"),
                wl("a-run").queue("qa").priority(10).pods(1, "cpu", 2).admitted("cq-a", 0).build(),
                wl("a-head").queue("qa").priority(5).created(1).pods(1, "cpu", 4).build(),
                wl("b-head").queue("qb").priority(0).created(2).pods(1, "cpu", 2).build()));
        assertThat(admitted(e.schedule(at(60)))).isEmpty();

        e.remove(key("a-head"));

        assertThat(admitted(e.schedule(at(61)))).containsExactly(key("b-head"));
    }
}
