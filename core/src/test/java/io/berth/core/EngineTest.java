package io.berth.core;

import static io.berth.core.Kueue.T0;
import static io.berth.core.Kueue.cohort;
import static io.berth.core.Kueue.cpuGroup;
import static io.berth.core.Kueue.cq;
import static io.berth.core.Kueue.flavor;
import static io.berth.core.Kueue.flavorQuotas;
import static io.berth.core.Kueue.localQueue;
import static io.berth.core.Kueue.namespace;
import static io.berth.core.Kueue.quota;
import static io.berth.core.Kueue.units;
import static io.berth.core.Kueue.workload;
import static io.berth.core.Kueue.workloadPriorityClass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.core.LabelSelector;
import io.berth.api.core.ObjectMeta;
import io.berth.api.kueue.PriorityClass;
import io.berth.api.kueue.PriorityClassRef;
import io.berth.api.kueue.QueueingStrategy;
import io.berth.api.kueue.StopPolicy;
import io.berth.core.cycle.CycleResult;
import io.berth.core.cycle.PendingStatus;
import io.berth.core.quota.Inactivity;
import io.berth.core.workload.PodSetAdmission;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine end to end: objects in through {@link Engine#applyAll}, scheduling cycles, and the
 * admissions and pending reasons that come out, compared with Kueue's scheduler
 * (pkg/scheduler/scheduler.go). Amounts are whole cpus; every workload lives in namespace ns.
 */
class EngineTest {
    private static final String NO_LONGER_FITS = "Workload no longer fits after processing another workload";

    private static Engine engine(List<? extends KubeObject> objects) {
        Engine e = new Engine(Configuration.DEFAULT);
        e.applyAll(objects);
        return e;
    }

    private static long cycle(int n) {
        return T0.plusSeconds(100 + n).toEpochMilli();
    }

    private static List<String> admitted(CycleResult r) {
        return r.admitted().stream().map(WorkloadInfo::key).toList();
    }

    /** Runs cycles until one admits nothing (at most 10); the keys admitted in each. */
    private static List<List<String>> runUntilIdle(Engine e) {
        List<List<String>> cycles = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<String> keys = admitted(e.schedule(cycle(i)));
            if (keys.isEmpty()) {
                break;
            }
            cycles.add(keys);
        }
        return cycles;
    }

    /** A standalone ClusterQueue "cq" with cpu in flavor default, and LocalQueue ns/q pointing at it. */
    private static List<KubeObject> singleQueue(long cpu) {
        return new ArrayList<>(List.of(flavor("default"),
                cq("cq").groups(cpuGroup(flavorQuotas("default", quota("cpu", cpu)))).build(),
                localQueue("ns", "q", "cq")));
    }

    private static List<KubeObject> plus(List<KubeObject> objects, KubeObject... more) {
        List<KubeObject> all = new ArrayList<>(objects);
        all.addAll(List.of(more));
        return all;
    }

    // ------------------------------------------------------------------ one head per ClusterQueue

    @Test
    void admitsAtMostOneWorkloadPerClusterQueuePerCycle() {
        Engine e = engine(plus(singleQueue(10),
                workload("ns", "a").created(1).pods(1, "cpu", 1).build(),
                workload("ns", "b").created(2).pods(1, "cpu", 1).build(),
                workload("ns", "c").created(3).pods(1, "cpu", 1).build()));

        assertThat(runUntilIdle(e)).containsExactly(List.of("ns/a"), List.of("ns/b"), List.of("ns/c"));
    }

    @Test
    void clusterQueuesAdmitTheirHeadsInTheSameCycle() {
        Engine e = engine(List.of(flavor("default"),
                cq("cq-1").groups(cpuGroup(flavorQuotas("default", quota("cpu", 10)))).build(),
                cq("cq-2").groups(cpuGroup(flavorQuotas("default", quota("cpu", 10)))).build(),
                localQueue("ns", "q1", "cq-1"), localQueue("ns", "q2", "cq-2"),
                workload("ns", "a").queue("q1").created(1).pods(1, "cpu", 1).build(),
                workload("ns", "b").queue("q1").created(2).pods(1, "cpu", 1).build(),
                workload("ns", "c").queue("q2").created(3).pods(1, "cpu", 1).build()));

        assertThat(runUntilIdle(e)).containsExactly(List.of("ns/a", "ns/c"), List.of("ns/b"));
    }

    // ------------------------------------------------------------------ processing order of heads

    /**
     * Two heads, "a" in ClusterQueue cq-a and "b" in cq-b of cohort c, that both fit the
     * cohort's starting state but not together. Kueue's classicalIterator: not borrowing first,
     * then higher priority, then older. The loser stays pending.
     */
    static Stream<Arguments> processingOrder() {
        return Stream.of(
                Arguments.of("the head that does not borrow goes first, even with lower priority and younger:"
                                + " cq-a 2 + cq-b 4 = 6 in the cohort; a wants 4 (borrows 2), b wants 4 (its nominal)",
                        2, 4, 0, 10, 1, 0, 2, "ns/b", "ns/a"),
                Arguments.of("both borrow from the cohort's own 4: higher priority first (a: 10, younger)",
                        0, 0, 4, 10, 2, 0, 1, "ns/a", "ns/b"),
                Arguments.of("both borrow, same priority: older first (b created at 1, a at 2)",
                        0, 0, 4, 0, 2, 0, 1, "ns/b", "ns/a"),
                Arguments.of("neither borrows, so neither stands in the other's way: both admitted",
                        4, 4, 0, 0, 1, 0, 2, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void processingOrder(String description, long nominalA, long nominalB, long cohortOwn,
                         int priorityA, long createdA, int priorityB, long createdB, String winner, String loser) {
        Engine e = engine(List.of(flavor("default"),
                cohort("c", null, cpuGroup(flavorQuotas("default", quota("cpu", cohortOwn)))),
                cq("cq-a").cohort("c").groups(cpuGroup(flavorQuotas("default", quota("cpu", nominalA)))).build(),
                cq("cq-b").cohort("c").groups(cpuGroup(flavorQuotas("default", quota("cpu", nominalB)))).build(),
                localQueue("ns", "qa", "cq-a"), localQueue("ns", "qb", "cq-b"),
                workload("ns", "a").queue("qa").priority(priorityA).created(createdA).pods(1, "cpu", 4).build(),
                workload("ns", "b").queue("qb").priority(priorityB).created(createdB).pods(1, "cpu", 4).build()));

        CycleResult r = e.schedule(cycle(0));

        if (winner == null) {
            assertThat(admitted(r)).containsExactlyInAnyOrder("ns/a", "ns/b");
            return;
        }
        assertThat(admitted(r)).containsExactly(winner);
        assertThat(r.pending()).containsEntry(loser,
                new PendingStatus(PendingStatus.WAITING_FOR_QUOTA, NO_LONGER_FITS));
        assertThat(e.pendingStatus(loser)).isEqualTo(new PendingStatus(PendingStatus.WAITING_FOR_QUOTA, NO_LONGER_FITS));
    }

    /**
     * Borrowing height, not just borrowing, orders heads. org ← team ← {x (nominal 0), y (3)}, and
     * org ← z (nominal 0); y lends its 3 through team to org. x borrowing 3 fits in team (height 1),
     * z borrowing 3 only in org (height 2): x goes first although z has higher priority and is older.
     */
    @Test
    void borrowingFromANearerCohortGoesFirst() {
        Engine e = engine(List.of(flavor("default"), cohort("org", null), cohort("team", "org"),
                cq("x").cohort("team").groups(cpuGroup(flavorQuotas("default", quota("cpu", 0)))).build(),
                cq("y").cohort("team").groups(cpuGroup(flavorQuotas("default", quota("cpu", 3)))).build(),
                cq("z").cohort("org").groups(cpuGroup(flavorQuotas("default", quota("cpu", 0)))).build(),
                localQueue("ns", "qx", "x"), localQueue("ns", "qz", "z"),
                workload("ns", "from-team").queue("qx").priority(0).created(2).pods(1, "cpu", 3).build(),
                workload("ns", "from-org").queue("qz").priority(10).created(1).pods(1, "cpu", 3).build()));

        CycleResult r = e.schedule(cycle(0));

        assertThat(admitted(r)).containsExactly("ns/from-team");
        assertThat(r.pending()).containsEntry("ns/from-org",
                new PendingStatus(PendingStatus.WAITING_FOR_QUOTA, NO_LONGER_FITS));
    }

    // ------------------------------------------------------------------ queueing strategy

    /**
     * "running" holds 6 of 10; the head "big" (5) cannot get in without preemption, "small" (4)
     * could. StrictFIFO: big keeps blocking. BestEffortFIFO: big steps aside, small goes next cycle.
     */
    static Stream<Arguments> queueingStrategy() {
        return Stream.of(
                Arguments.of(QueueingStrategy.StrictFIFO, List.of()),
                Arguments.of(QueueingStrategy.BestEffortFIFO, List.of(List.of("ns/small"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void queueingStrategy(QueueingStrategy strategy, List<List<String>> admittedPerCycle) {
        Engine e = engine(List.of(flavor("default"),
                cq("cq").strategy(strategy).groups(cpuGroup(flavorQuotas("default", quota("cpu", 10)))).build(),
                localQueue("ns", "q", "cq"),
                workload("ns", "running").pods(1, "cpu", 6).admittedIn("cq", "default").build(),
                workload("ns", "big").created(1).pods(1, "cpu", 5).build(),
                workload("ns", "small").created(2).pods(1, "cpu", 4).build()));

        assertThat(admitted(e.schedule(cycle(0)))).as("the first cycle only tries big").isEmpty();
        List<List<String>> later = new ArrayList<>();
        for (int i = 1; i < 4; i++) {
            List<String> keys = admitted(e.schedule(cycle(i)));
            if (!keys.isEmpty()) {
                later.add(keys);
            }
        }
        assertThat(later).isEqualTo(admittedPerCycle);
        assertThat(e.pendingStatus("ns/big").message()).isEqualTo("couldn't assign flavors to pod set main: "
                + "insufficient unused quota for cpu in flavor default, 1 more needed");
    }

    // ------------------------------------------------------------------ namespaceSelector

    static Stream<Arguments> namespaceSelector() {
        LabelSelector teamA = new LabelSelector(Map.of("team", "a"), null);
        return Stream.of(
                Arguments.of("namespaceSelector null selects no namespace", null, Map.of("team", "a"), false),
                Arguments.of("the empty selector selects every namespace", LabelSelector.EVERYTHING, Map.of(), true),
                Arguments.of("team=a selects a namespace labelled team=a", teamA, Map.of("team", "a"), true),
                Arguments.of("team=a does not select team=b", teamA, Map.of("team", "b"), false),
                Arguments.of("team=a does not select a namespace without labels", teamA, Map.of(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void namespaceSelector(String description, LabelSelector selector, Map<String, String> nsLabels,
                           boolean admitted) {
        Engine e = engine(List.of(flavor("default"), namespace("ns", nsLabels),
                cq("cq").namespaceSelector(selector).groups(cpuGroup(flavorQuotas("default", quota("cpu", 10)))).build(),
                localQueue("ns", "q", "cq"),
                workload("ns", "w").pods(1, "cpu", 1).build()));

        CycleResult r = e.schedule(cycle(0));

        if (admitted) {
            assertThat(admitted(r)).containsExactly("ns/w");
        } else {
            assertThat(admitted(r)).isEmpty();
            assertThat(e.pendingStatus("ns/w")).isEqualTo(new PendingStatus(PendingStatus.MISCONFIGURED,
                    "workload namespace doesn't match ClusterQueue selector"));
        }
    }

    // ------------------------------------------------------------------ priority

    static Stream<Arguments> priority() {
        PriorityClass globalDefault = new PriorityClass(ObjectMeta.named("default-pc"), 7, true);
        return Stream.of(
                Arguments.of("no priority, no class: 0", List.of(),
                        workload("ns", "w").pods(1, "cpu", 1), 0),
                Arguments.of("WorkloadPriorityClass high (100) through priorityClassRef",
                        List.of(workloadPriorityClass("high", 100)),
                        workload("ns", "w").workloadPriorityClass("high").pods(1, "cpu", 1), 100),
                Arguments.of("an explicit spec.priority wins over the class",
                        List.of(workloadPriorityClass("high", 100)),
                        workload("ns", "w").workloadPriorityClass("high").priority(5).pods(1, "cpu", 1), 5),
                Arguments.of("without a class, the globalDefault PriorityClass",
                        List.of(globalDefault), workload("ns", "w").pods(1, "cpu", 1), 7),
                Arguments.of("priorityClassRef to a scheduling.k8s.io PriorityClass",
                        List.of(new PriorityClass(ObjectMeta.named("batch"), 42, false)),
                        workload("ns", "w").priorityClass(
                                new PriorityClassRef(PriorityClassRef.SCHEDULING_GROUP, "batch")).pods(1, "cpu", 1),
                        42));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void priority(String description, List<KubeObject> classes, Kueue.WL w, int expected) {
        List<KubeObject> objects = new ArrayList<>(singleQueue(10));
        objects.add(w.build());
        objects.addAll(classes); // after the workload: classes are still resolved first
        Engine e = engine(objects);

        assertThat(e.workload("ns/w").priority()).isEqualTo(expected);
    }

    @Test
    void resolvedPriorityOrdersTheQueue() {
        Engine e = engine(plus(singleQueue(10), workloadPriorityClass("high", 100),
                workload("ns", "old").created(1).pods(1, "cpu", 1).build(),
                workload("ns", "new-high").created(2).workloadPriorityClass("high").pods(1, "cpu", 1).build()));

        assertThat(runUntilIdle(e)).containsExactly(List.of("ns/new-high"), List.of("ns/old"));
    }

    @Test
    void missingWorkloadPriorityClassIsAPendingReasonNotAnError() {
        List<KubeObject> objects = plus(singleQueue(10),
                workload("ns", "orphan").created(1).workloadPriorityClass("ghost").pods(1, "cpu", 1).build(),
                workload("ns", "fine").created(2).pods(1, "cpu", 1).build());

        Engine e = new Engine(Configuration.DEFAULT);
        assertThatCode(() -> e.applyAll(objects)).doesNotThrowAnyException();

        assertThat(runUntilIdle(e)).containsExactly(List.of("ns/fine"));
        assertThat(e.pendingStatuses()).containsOnlyKeys("ns/orphan");
        assertThat(e.pendingStatus("ns/orphan")).isEqualTo(new PendingStatus(PendingStatus.MISCONFIGURED,
                "WorkloadPriorityClass ghost doesn't exist"));
    }

    @Test
    void aWorkloadWaitingForItsPriorityClassIsQueuedWhenTheClassComes() {
        Engine e = engine(plus(singleQueue(10),
                workload("ns", "orphan").created(1).workloadPriorityClass("ghost").pods(1, "cpu", 1).build()));
        assertThat(runUntilIdle(e)).isEmpty();

        e.apply(workloadPriorityClass("ghost", 50));
        assertThat(runUntilIdle(e)).containsExactly(List.of("ns/orphan"));
        assertThat(e.workloads()).filteredOn(w -> w.key().equals("ns/orphan")).extracting(WorkloadInfo::priority)
                .containsExactly(50);
    }

    @Test
    void aPodSetAskingMoreThanQuotaCanCountIsClampedNotAdmittedByOverflow() {
        long huge = Long.MAX_VALUE / 8000; // whole cpus per pod: 4 pods add up to half a long of milli-cpus
        List<KubeObject> objects = plus(singleQueue(10),
                workload("ns", "huge").created(1).pods(4, "cpu", huge).build(),
                workload("ns", "fine").created(2).pods(1, "cpu", 1).build());

        Engine e = new Engine(Configuration.DEFAULT);
        e.applyAll(objects);

        assertThat(admitted(e.schedule(cycle(0)))).as("the huge head does not fit").isEmpty();
        assertThat(admitted(e.schedule(cycle(1)))).containsExactly("ns/fine");
        assertThat(e.pendingStatus("ns/huge").message()).startsWith("couldn't assign flavors to pod set main: "
                + "insufficient quota for cpu in flavor default, previously considered podsets requests (0) + current "
                + "podset request (");
    }

    // ------------------------------------------------------------------ inactive ClusterQueues

    static Stream<Arguments> inactiveClusterQueue() {
        return Stream.of(
                Arguments.of("stopPolicy Hold",
                        cq("cq").stopPolicy(StopPolicy.Hold)
                                .groups(cpuGroup(flavorQuotas("default", quota("cpu", 10)))).build()),
                Arguments.of("stopPolicy HoldAndDrain",
                        cq("cq").stopPolicy(StopPolicy.HoldAndDrain)
                                .groups(cpuGroup(flavorQuotas("default", quota("cpu", 10)))).build()),
                Arguments.of("being deleted",
                        cq("cq").deleting().groups(cpuGroup(flavorQuotas("default", quota("cpu", 10)))).build()),
                Arguments.of("a flavor without ResourceFlavor object",
                        cq("cq").groups(cpuGroup(flavorQuotas("ghost", quota("cpu", 10)),
                                flavorQuotas("default", quota("cpu", 10)))).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void inactiveClusterQueue(String description, io.berth.api.kueue.ClusterQueue clusterQueue) {
        Engine e = engine(List.of(flavor("default"), clusterQueue, localQueue("ns", "q", "cq"),
                workload("ns", "w").pods(1, "cpu", 1).build()));

        for (int i = 0; i < 3; i++) {
            assertThat(admitted(e.schedule(cycle(i)))).as("cycle " + i).isEmpty();
        }
        PendingStatus status = e.pendingStatus("ns/w");
        assertThat(status.reason()).isEqualTo(PendingStatus.SUSPENDED);
        assertThat(status.message()).startsWith("ClusterQueue cq is inactive");
    }

    @Test
    void aMissingFlavorMakesTheQueueInactive() {
        Engine e = engine(List.of(cq("cq").groups(cpuGroup(flavorQuotas("ghost", quota("cpu", 10)))).build(),
                localQueue("ns", "q", "cq"), workload("ns", "w").pods(1, "cpu", 1).build()));

        assertThat(e.quotaTree().clusterQueue("cq").isActive()).isFalse();
        assertThat(e.pendingStatus("ns/w").message()).isEqualTo("ClusterQueue cq is inactive");
        assertThat(e.quotaTree().clusterQueue("cq").inactivity().message()).contains("ghost");
    }

    static Stream<Arguments> inactivity() {
        return Stream.of(
                Arguments.of(cq("cq").deleting().stopPolicy(StopPolicy.Hold)
                                .groups(cpuGroup(flavorQuotas("ghost", quota("cpu", 10)))).build(),
                        "Terminating", "Can't admit new workloads; clusterQueue is terminating"),
                Arguments.of(cq("cq").stopPolicy(StopPolicy.HoldAndDrain)
                                .groups(cpuGroup(flavorQuotas("ghost", quota("cpu", 10)),
                                        flavorQuotas("spirit", quota("cpu", 10)))).build(),
                        "Stopped", "Can't admit new workloads: is stopped, references missing ResourceFlavor(s): ghost,spirit."),
                Arguments.of(cq("cq").groups(cpuGroup(flavorQuotas("ghost", quota("cpu", 10)))).build(),
                        "FlavorNotFound", "Can't admit new workloads: references missing ResourceFlavor(s): ghost."));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void inactivity(io.berth.api.kueue.ClusterQueue clusterQueue, String reason, String message) {
        Engine e = engine(List.of(flavor("default"), clusterQueue));

        assertThat(e.quotaTree().clusterQueue("cq").inactivity()).isEqualTo(new Inactivity(reason, message));
    }

    @Test
    void parkedWorkloadsReportWhyTheyAreNotQueued() {
        Engine e = engine(List.of(flavor("default"),
                cq("cq").groups(cpuGroup(flavorQuotas("default", quota("cpu", 10)))).build(),
                localQueue("ns", "stopped", "cq", StopPolicy.Hold), localQueue("ns", "dangling", "c"),
                workload("ns", "no-lq").queue("q").pods(1, "cpu", 1).build(),
                workload("ns", "stopped").queue("stopped").pods(1, "cpu", 1).build(),
                workload("ns", "dangling").queue("dangling").pods(1, "cpu", 1).build()));

        assertThat(admitted(e.schedule(cycle(0)))).isEmpty();
        assertThat(e.pendingStatus("ns/no-lq"))
                .isEqualTo(new PendingStatus(PendingStatus.MISCONFIGURED, "LocalQueue q doesn't exist"));
        assertThat(e.pendingStatus("ns/stopped"))
                .isEqualTo(new PendingStatus(PendingStatus.SUSPENDED, "LocalQueue stopped is inactive"));
        assertThat(e.pendingStatus("ns/dangling"))
                .isEqualTo(new PendingStatus(PendingStatus.MISCONFIGURED, "ClusterQueue c doesn't exist"));
    }

    // ------------------------------------------------------------------ quota held by admitted workloads

    @Test
    void admittedWorkloadsHoldTheirQuotaFromTheStart() {
        Engine e = engine(plus(singleQueue(10),
                workload("ns", "running").created(0).pods(1, "cpu", 8).admittedIn("cq", "default").build(),
                workload("ns", "big").created(1).pods(1, "cpu", 4).build(),
                workload("ns", "small").created(2).pods(1, "cpu", 2).build()));
        int fr = e.flavorResources().id("default", "cpu");

        // 8 of 10 used before any cycle runs.
        assertThat(e.quotaTree().clusterQueue("cq").usage(fr)).isEqualTo(units(8));
        assertThat(e.workload("ns/running").isAdmitted()).isTrue();

        CycleResult first = e.schedule(cycle(0));
        assertThat(admitted(first)).as("big (4 > 10 - 8) is the head and does not fit").isEmpty();
        assertThat(first.pending().get("ns/big")).isEqualTo(new PendingStatus(PendingStatus.WAITING_FOR_QUOTA,
                "couldn't assign flavors to pod set main: insufficient unused quota for cpu in flavor default, "
                        + "2 more needed"));

        // BestEffortFIFO: big steps aside and small (2 ≤ 2) gets in.
        assertThat(admitted(e.schedule(cycle(1)))).containsExactly("ns/small");
        assertThat(e.quotaTree().clusterQueue("cq").usage(fr)).isEqualTo(units(10));
    }

    // ------------------------------------------------------------------ heads that cannot preempt

    /**
     * Kueue's reserveCapacityForUnreclaimablePreempt. Cohort c: cq-a (nominal 4), cq-b (nominal 0)
     * where "borrower" already uses 3 of cq-a's lent quota. "owner" (3, within cq-a's nominal) needs
     * preemption but reclaimWithinCohort is Never: no candidates. It still holds min(3, 4 - 0) = 3
     * for the rest of the cycle, so "small" (1, borrowing: cohort 4 - 3 = 1 at nomination) no longer
     * fits: 3 + 3 > 4.
     */
    @Test
    void aHeadThatCannotPreemptHoldsItsNominalQuotaForTheRestOfTheCycle() {
        Engine e = engine(List.of(flavor("default"),
                cq("cq-a").cohort("c").groups(cpuGroup(flavorQuotas("default", quota("cpu", 4)))).build(),
                cq("cq-b").cohort("c").groups(cpuGroup(flavorQuotas("default", quota("cpu", 0)))).build(),
                localQueue("ns", "qa", "cq-a"), localQueue("ns", "qb", "cq-b"),
                workload("ns", "borrower").queue("qb").pods(1, "cpu", 3).admittedIn("cq-b", "default").build(),
                workload("ns", "owner").queue("qa").created(1).pods(1, "cpu", 3).build(),
                workload("ns", "small").queue("qb").created(2).pods(1, "cpu", 1).build()));
        int fr = e.flavorResources().id("default", "cpu");

        CycleResult r = e.schedule(cycle(0));

        assertThat(admitted(r)).isEmpty();
        assertThat(r.pending()).containsEntry("ns/owner", new PendingStatus(PendingStatus.WAITING_FOR_QUOTA,
                "couldn't assign flavors to pod set main: insufficient unused quota for cpu in flavor default, "
                        + "2 more needed"));
        assertThat(r.pending()).containsEntry("ns/small",
                new PendingStatus(PendingStatus.WAITING_FOR_QUOTA, NO_LONGER_FITS));
        assertThat(e.quotaTree().cohort("c").usage(fr)).as("the hold ends with the cycle").isEqualTo(units(3));
    }

    // ------------------------------------------------------------------ partial admission

    /** 8 pods of 2 cpu (minCount 2) in 10 cpu: steps of 1 pod, the largest that fits is 5. */
    @Test
    void partialAdmissionAdmitsTheLargestCountThatFits() {
        Engine e = engine(plus(singleQueue(10),
                workload("ns", "w").podSets(Kueue.podSet("main", 8, 2, Kueue.pod("cpu", 2))).build()));

        assertThat(admitted(e.schedule(cycle(0)))).containsExactly("ns/w");
        assertThat(e.workload("ns/w").admission().podSets()).singleElement()
                .extracting(PodSetAdmission::count).isEqualTo(5);
        assertThat(e.quotaTree().clusterQueue("cq").usage(e.flavorResources().id("default", "cpu")))
                .isEqualTo(units(10));
    }

    // ------------------------------------------------------------------ releasing quota

    /**
     * Cohort c: cq-a (nominal 10) runs "running" on all of it; cq-b (nominal 0, BestEffortFIFO)
     * can only borrow. "waiting" (5) does not fit, goes inadmissible and is not retried while
     * nothing changes; removing "running" frees the cohort and retries it.
     */
    @Test
    void removingAnAdmittedWorkloadReleasesQuotaAndRetriesInadmissibleWorkloadsOfTheCohort() {
        Engine e = engine(List.of(flavor("default"),
                cq("cq-a").cohort("c").groups(cpuGroup(flavorQuotas("default", quota("cpu", 10)))).build(),
                cq("cq-b").cohort("c").strategy(QueueingStrategy.BestEffortFIFO)
                        .groups(cpuGroup(flavorQuotas("default", quota("cpu", 0)))).build(),
                localQueue("ns", "qa", "cq-a"), localQueue("ns", "qb", "cq-b"),
                workload("ns", "running").queue("qa").pods(1, "cpu", 10).admittedIn("cq-a", "default").build(),
                workload("ns", "waiting").queue("qb").created(1).pods(1, "cpu", 5).build()));
        int fr = e.flavorResources().id("default", "cpu");

        CycleResult first = e.schedule(cycle(0));
        assertThat(admitted(first)).isEmpty();
        assertThat(first.pending().get("ns/waiting")).isEqualTo(new PendingStatus("WaitingForQuota",
                "couldn't assign flavors to pod set main: insufficient unused quota for cpu in flavor default, "
                        + "5 more needed"));

        CycleResult second = e.schedule(cycle(1));
        assertThat(admitted(second)).isEmpty();
        assertThat(second.pending()).as("inadmissible: not even a head").doesNotContainKey("ns/waiting");

        e.remove("ns/running");
        assertThat(e.quotaTree().cohort("c").usage(fr)).isZero();

        CycleResult third = e.schedule(cycle(2));
        assertThat(admitted(third)).containsExactly("ns/waiting");
        assertThat(e.workload("ns/waiting").admission().clusterQueue()).isEqualTo("cq-b");
        assertThat(e.pendingStatus("ns/waiting")).isNull();
    }

    @Test
    void removingAWorkloadAdmittedByTheEngineReleasesItsQuota() {
        Engine e = engine(plus(singleQueue(10),
                workload("ns", "first").created(1).pods(1, "cpu", 10).build(),
                workload("ns", "second").created(2).pods(1, "cpu", 10).build()));
        int fr = e.flavorResources().id("default", "cpu");

        assertThat(admitted(e.schedule(cycle(0)))).containsExactly("ns/first");
        assertThat(admitted(e.schedule(cycle(1)))).isEmpty();
        assertThat(e.quotaTree().clusterQueue("cq").usage(fr)).isEqualTo(units(10));

        e.remove("ns/first");

        assertThat(e.quotaTree().clusterQueue("cq").usage(fr)).isZero();
        assertThat(admitted(e.schedule(cycle(2)))).containsExactly("ns/second");
    }

    @Test
    void anEvictedWorkloadReleasesItsQuotaAndQueuesAgain() {
        Engine e = engine(plus(singleQueue(10),
                workload("ns", "first").created(1).pods(1, "cpu", 10).build(),
                workload("ns", "second").created(2).pods(1, "cpu", 10).build()));
        int fr = e.flavorResources().id("default", "cpu");
        assertThat(admitted(e.schedule(cycle(0)))).containsExactly("ns/first");

        e.evict("ns/first", "NodeFailed");

        assertThat(e.quotaTree().clusterQueue("cq").usage(fr)).isZero();
        CycleResult next = e.schedule(cycle(1));
        assertThat(next.evicted()).containsExactly(Map.entry("ns/first", "NodeFailed"));
        assertThat(admitted(next)).as("the older workload goes first again").containsExactly("ns/first");
        assertThat(e.pendingStatus("ns/second")).isNotNull();
    }

    // ------------------------------------------------------------------ determinism

    /** A mixed input: two cohorts, flavors in order, borrowing, a WorkloadPriorityClass. */
    private static List<KubeObject> mixedInput() {
        List<KubeObject> objects = new ArrayList<>(List.of(flavor("on-demand"), flavor("spot"),
                workloadPriorityClass("high", 100),
                cq("a").cohort("c1").groups(cpuGroup(flavorQuotas("on-demand", quota("cpu", 6)),
                        flavorQuotas("spot", quota("cpu", 4)))).build(),
                cq("b").cohort("c1").groups(cpuGroup(flavorQuotas("on-demand", quota("cpu", 2)))).build(),
                cq("c").strategy(QueueingStrategy.StrictFIFO)
                        .groups(cpuGroup(flavorQuotas("spot", quota("cpu", 5)))).build(),
                localQueue("ns", "qa", "a"), localQueue("ns", "qb", "b"), localQueue("ns", "qc", "c")));
        String[] queues = {"qa", "qb", "qc"};
        for (int i = 0; i < 15; i++) {
            Kueue.WL w = workload("ns", "w" + i).queue(queues[i % 3]).created(i % 4).pods(1 + i % 2, "cpu", 1 + i % 3);
            if (i % 5 == 0) {
                w.workloadPriorityClass("high");
            }
            objects.add(w.build());
        }
        return objects;
    }

    /** Admitted keys per cycle, then each workload's admission (queue, flavors, counts) or pending status. */
    private static List<String> transcript(Engine e) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            CycleResult r = e.schedule(cycle(i));
            lines.add("cycle " + i + ": " + admitted(r) + " pending " + new TreeMap<>(r.pending()));
        }
        for (WorkloadInfo w : e.workloads()) {
            if (w.isAdmitted()) {
                StringBuilder sb = new StringBuilder(w.key() + " in " + w.admission().clusterQueue());
                for (PodSetAdmission ps : w.admission().podSets()) {
                    sb.append(' ').append(ps.name()).append('x').append(ps.count());
                    for (int r = 0; r < ps.resources().length; r++) {
                        sb.append(' ').append(e.flavorResources().resources().name(ps.resources()[r]))
                                .append('=').append(ps.flavors()[r]);
                    }
                }
                lines.add(sb.toString());
            } else {
                lines.add(w.key() + " pending " + e.pendingStatus(w.key()));
            }
        }
        return lines;
    }

    @Test
    void theSameInputGivesTheSameResults() {
        List<String> first = transcript(engine(mixedInput()));
        List<String> second = transcript(engine(mixedInput()));
        List<KubeObject> reversed = new ArrayList<>(mixedInput());
        java.util.Collections.reverse(reversed);
        List<String> third = transcript(engine(reversed));

        assertThat(second).isEqualTo(first);
        assertThat(third).as("objects applied in the opposite order").isEqualTo(first);
        assertThat(first).as("the scenario admits something and leaves something pending")
                .anyMatch(l -> l.contains(" in ")).anyMatch(l -> l.contains(" pending PendingStatus"));
    }
}
