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
import static io.berth.core.lifecycle.Fixture.podsReady;
import static io.berth.core.lifecycle.Fixture.preempted;
import static io.berth.core.lifecycle.Fixture.wl;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.config.Configuration;
import io.berth.api.config.WaitForPodsReadyConfig;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.api.kueue.StopPolicy;
import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import io.berth.core.cycle.PendingStatus;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A workload's life after admission: waitForPodsReady (timeout, eviction, backoff, deactivation,
 * blockAdmission, requeuingTimestamp), stopPolicy on ClusterQueues and LocalQueues, deactivation
 * through spec.active and removal. Virtual time in seconds after T0; the pods-ready timeout is
 * 5 minutes throughout.
 */
class LifecycleTest {
    private static final long TIMEOUT_SECONDS = 300;

    private static Configuration podsReadyConfig(boolean blockAdmission, String requeuingTimestamp,
                                                 Integer backoffLimitCount, int baseSeconds, int maxSeconds) {
        return podsReady(new WaitForPodsReadyConfig(true, TIMEOUT_SECONDS * 1000, blockAdmission,
                requeuingTimestamp, backoffLimitCount, baseSeconds, maxSeconds));
    }

    private static Configuration podsReadyConfig() {
        return podsReadyConfig(false, WaitForPodsReadyConfig.EVICTION, null, 60, 3600);
    }

    /** ClusterQueue cq with the given cpus, LocalQueue ns/q, and 1-cpu workloads created in name order. */
    private static Engine oneQueue(Configuration config, int cpus, String... workloads) {
        Engine e = engine(config, List.of(flavor("default"), cq("cq").groups(cpu(cpus)).build(), lq("q", "cq")));
        for (int i = 0; i < workloads.length; i++) {
            e.apply(wl(workloads[i]).created(i + 1).build());
        }
        return e;
    }

    // ------------------------------------------------------------------ waitForPodsReady: timeout

    /** Admitted at 0 s, never ready: evicted by the first cycle at or after 300 s, not before. */
    static Stream<Arguments> evictedAtTheFirstCycleAfterTheTimeout() {
        return Stream.of(
                Arguments.of(List.of(299.999, 300.0), 300.0),
                Arguments.of(List.of(100.0, 299.0, 450.0), 450.0),
                Arguments.of(List.of(300.001), 300.001));
    }

    @ParameterizedTest(name = "cycles at {0} -> evicted at {1}")
    @MethodSource
    void evictedAtTheFirstCycleAfterTheTimeout(List<Double> cycles, double evictedAt) {
        Engine e = oneQueue(podsReadyConfig(), 1, "w");
        assertThat(admitted(e.schedule(at(0)))).containsExactly(key("w"));

        for (double t : cycles) {
            CycleResult r = e.schedule(at(t));
            if (t < evictedAt) {
                assertThat(r.evicted()).as("at %s s", t).isEmpty();
                assertThat(holdingQuota(e)).containsExactly(key("w"));
            } else {
                assertThat(r.evicted()).as("at %s s", t).isEqualTo(Map.of(key("w"), "PodsReadyTimeout"));
                assertThat(admitted(r)).as("it waits for its backoff").isEmpty();
                assertThat(holdingQuota(e)).isEmpty();
            }
        }
    }

    @Test
    void aWorkloadReportedReadyIsNeverEvicted() {
        Engine e = oneQueue(podsReadyConfig(), 1, "w");
        e.schedule(at(0));
        e.setPodsReady(key("w"), true);

        for (double t : List.of(299.0, 300.0, 10_000.0, 1_000_000.0)) {
            assertThat(e.schedule(at(t)).evicted()).isEmpty();
        }
        assertThat(holdingQuota(e)).containsExactly(key("w"));
    }

    @Test
    void withoutWaitForPodsReadyNothingIsEvicted() {
        Engine e = oneQueue(config(), 1, "w");
        e.schedule(at(0));

        assertThat(e.schedule(at(1_000_000)).evicted()).isEmpty();
        assertThat(holdingQuota(e)).containsExactly(key("w"));
    }

    /** The quota of an evicted workload goes to the next one in the same cycle. */
    @Test
    void theEvictedWorkloadsQuotaIsFreeInTheSameCycle() {
        Engine e = oneQueue(podsReadyConfig(), 1, "first", "second");
        e.schedule(at(0));

        CycleResult r = e.schedule(at(300));

        assertThat(r.evicted()).containsOnlyKeys(key("first"));
        assertThat(admitted(r)).containsExactly(key("second"));
    }

    // ------------------------------------------------------------------ waitForPodsReady: backoff

    /**
     * Base 60 s, doubling, capped at 150 s: the n-th requeue waits 60, 120, 150, 150 s. Each
     * time the workload is admitted exactly when its backoff expires, not a second earlier, and
     * evicted again 300 s later.
     */
    @Test
    void backoffDoublesUpToTheCap() {
        Engine e = oneQueue(podsReadyConfig(false, WaitForPodsReadyConfig.EVICTION, null, 60, 150), 1, "w");
        assertThat(admitted(e.schedule(at(0)))).containsExactly(key("w"));
        long admittedAt = 0;

        for (long backoff : List.of(60L, 120L, 150L, 150L)) {
            long evictedAt = admittedAt + TIMEOUT_SECONDS;
            assertThat(e.schedule(at(evictedAt)).evicted()).containsOnlyKeys(key("w"));
            assertThat(e.workload(key("w")).requeueCount()).isPositive();

            CycleResult early = e.schedule(at(evictedAt + backoff - 1));
            assertThat(admitted(early)).as("backoff %s s not over", backoff).isEmpty();
            CycleResult onTime = e.schedule(at(evictedAt + backoff));
            assertThat(admitted(onTime)).as("backoff %s s over", backoff).containsExactly(key("w"));
            admittedAt = evictedAt + backoff;
        }
        assertThat(e.workload(key("w")).requeueCount()).isEqualTo(4);
    }

    /**
     * backoffLimitCount 2: requeued after the first and the second timeout, deactivated at the
     * third (Kueue: requeue count + 1 > limit), with pending reason Deactivated, and never admitted again.
     */
    @Test
    void deactivatedAfterBackoffLimitCountRequeues() {
        Engine e = oneQueue(podsReadyConfig(false, WaitForPodsReadyConfig.EVICTION, 2, 60, 3600), 1, "w");
        e.schedule(at(0));
        // admitted 0, evicted 300, back 360; evicted 660, back 780; evicted 1080 for good
        List<double[]> timeline = List.of(new double[] {300, 360}, new double[] {660, 780});
        for (double[] evictAndReturn : timeline) {
            assertThat(e.schedule(at(evictAndReturn[0])).evicted()).containsOnlyKeys(key("w"));
            assertThat(admitted(e.schedule(at(evictAndReturn[1])))).containsExactly(key("w"));
        }

        CycleResult third = e.schedule(at(1080));

        assertThat(third.evicted()).isEqualTo(Map.of(key("w"), "DeactivatedDueToRequeuingLimitExceeded"));
        PendingStatus status = e.pendingStatus(key("w"));
        assertThat(status.reason()).isEqualTo("Deactivated");
        assertThat(status.message()).contains("deactivated");
        assertThat(admitted(e.schedule(at(100_000)))).isEmpty();
        assertThat(holdingQuota(e)).isEmpty();
    }

    @Test
    void aDeactivatedWorkloadLeavesItsQuotaToOthers() {
        Engine e = oneQueue(podsReadyConfig(false, WaitForPodsReadyConfig.EVICTION, 0, 60, 3600), 1, "w");
        e.schedule(at(0));
        e.apply(wl("later").created(10).build());

        CycleResult r = e.schedule(at(300));

        assertThat(r.evicted()).containsOnlyKeys(key("w"));
        assertThat(admitted(r)).containsExactly(key("later"));
        assertThat(e.pendingStatus(key("w")).reason()).isEqualTo("Deactivated");
    }

    // ------------------------------------------------------------------ blockAdmission

    /** 4 cpus, two 1-cpu workloads: with blockAdmission the second waits until the first is ready. */
    @ParameterizedTest(name = "blockAdmission {0}")
    @ValueSource(booleans = {true, false})
    void blockAdmission(boolean block) {
        Engine e = oneQueue(podsReadyConfig(block, WaitForPodsReadyConfig.EVICTION, null, 60, 3600), 4, "a", "b");
        assertThat(admitted(e.schedule(at(0)))).containsExactly(key("a"));

        CycleResult whileNotReady = e.schedule(at(10));

        if (block) {
            assertThat(admitted(whileNotReady)).isEmpty();
            assertThat(admitted(e.schedule(at(20)))).isEmpty();
            e.setPodsReady(key("a"), true);
            assertThat(admitted(e.schedule(at(30)))).containsExactly(key("b"));
        } else {
            assertThat(admitted(whileNotReady)).containsExactly(key("b"));
        }
    }

    /** Evictions still happen while admission is blocked, and then the blocker is gone. */
    @Test
    void blockAdmissionEndsWhenTheNotReadyWorkloadIsEvicted() {
        Engine e = oneQueue(podsReadyConfig(true, WaitForPodsReadyConfig.EVICTION, null, 60, 3600), 4, "a", "b");
        e.schedule(at(0));
        assertThat(admitted(e.schedule(at(100)))).isEmpty();

        CycleResult r = e.schedule(at(300));

        assertThat(r.evicted()).containsOnlyKeys(key("a"));
        assertThat(admitted(r)).containsExactly(key("b"));
    }

    /**
     * Two cpus in cq, preemption within it: while low's pods are not ready, a cycle admits nothing,
     * not even a workload that fits in another queue, but it still preempts low for high (Kueue
     * issues preemptions before it waits for pods); high is admitted once low is gone.
     */
    @Test
    void blockAdmissionHoldsAdmissionsButNotPreemptions() {
        Engine e = engine(podsReadyConfig(true, WaitForPodsReadyConfig.EVICTION, null, 60, 3600),
                List.of(flavor("default"), cq("cq").withinClusterQueue(PreemptionPolicy.LowerPriority).groups(cpu(2)).build(),
                        cq("other").groups(cpu(1)).build(), lq("q", "cq"), lq("q2", "other"),
                        wl("low").priority(0).created(1).pods(1, "cpu", 2).build()));
        assertThat(admitted(e.schedule(at(0)))).containsExactly(key("low"));
        e.apply(wl("fits").created(2).queue("q2").build());
        e.apply(wl("high").priority(10).created(3).pods(1, "cpu", 2).build());

        CycleResult blocked = e.schedule(at(10));

        assertThat(preempted(blocked)).containsOnlyKeys(key("low"));
        assertThat(admitted(blocked)).isEmpty();
        assertThat(e.pendingStatus(key("fits"))).isEqualTo(new PendingStatus(PendingStatus.WAITING_FOR_PODS_READY,
                "waiting for all admitted workloads to be in PodsReady condition"));
        assertThat(admitted(e.schedule(at(11)))).as("low is gone: the higher priority first, then the block again")
                .containsExactly(key("high"));
    }

    // ------------------------------------------------------------------ requeuingTimestamp

    /**
     * One cpu; first (created 1 s), second (2 s), third (3 s). first is admitted at 0 s and evicted
     * at 300 s; second takes the quota and becomes ready; first's backoff ends at 360 s. When
     * second finishes at 400 s, first competes with third: with Eviction first queues as of 300 s,
     * behind third; with Creation it keeps its place at 1 s, ahead of third.
     */
    static Stream<Arguments> requeuingTimestamp() {
        return Stream.of(
                Arguments.of(WaitForPodsReadyConfig.EVICTION, "third"),
                Arguments.of(WaitForPodsReadyConfig.CREATION, "first"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void requeuingTimestamp(String requeuingTimestamp, String next) {
        Engine e = oneQueue(podsReadyConfig(false, requeuingTimestamp, null, 60, 3600), 1, "first", "second", "third");
        assertThat(admitted(e.schedule(at(0)))).containsExactly(key("first"));
        assertThat(admitted(e.schedule(at(300)))).containsExactly(key("second"));
        e.setPodsReady(key("second"), true);
        assertThat(admitted(e.schedule(at(370)))).isEmpty();

        e.remove(key("second"));

        assertThat(admitted(e.schedule(at(400)))).containsExactly(key(next));
    }

    // ------------------------------------------------------------------ stopPolicy

    /**
     * cq (4 cpus) runs "running"; "waiting" is queued. Stopping the ClusterQueue (or the
     * LocalQueue) with HoldAndDrain evicts what runs and admits nothing; Hold keeps what runs and
     * admits nothing; None admits as usual. Starting it again admits in queue order.
     */
    static Stream<Arguments> stopPolicy() {
        return Stream.of(
                //           stop the        policy                    evicted reason         keeps running
                Arguments.of("ClusterQueue", StopPolicy.HoldAndDrain, "ClusterQueueStopped", false),
                Arguments.of("ClusterQueue", StopPolicy.Hold,         null,                  true),
                Arguments.of("LocalQueue",   StopPolicy.HoldAndDrain, "LocalQueueStopped",   false),
                Arguments.of("LocalQueue",   StopPolicy.Hold,         null,                  true));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource
    void stopPolicy(String stopped, StopPolicy policy, String evictedReason, boolean keepsRunning) {
        Engine e = engine(config(), List.of(flavor("default"), cq("cq").groups(cpu(4)).build(), lq("q", "cq"),
                wl("running").created(1).pods(1, "cpu", 3).build()));
        assertThat(admitted(e.schedule(at(0)))).containsExactly(key("running"));
        e.apply(wl("waiting").created(2).pods(1, "cpu", 1).build());

        e.apply(stopped.equals("ClusterQueue") ? cq("cq").stopPolicy(policy).groups(cpu(4)).build()
                : lq("q", "cq", 1, policy));
        CycleResult r = e.schedule(at(10));

        assertThat(admitted(r)).isEmpty();
        assertThat(admitted(e.schedule(at(11)))).isEmpty();
        if (keepsRunning) {
            assertThat(r.evicted()).isEmpty();
            assertThat(holdingQuota(e)).containsExactly(key("running"));
        } else {
            assertThat(r.evicted()).isEqualTo(Map.of(key("running"), evictedReason));
            assertThat(holdingQuota(e)).isEmpty();
            assertThat(e.pendingStatus(key("running"))).isNotNull();
        }
        assertThat(e.pendingStatus(key("waiting")).message()).contains("is inactive");

        e.apply(cq("cq").groups(cpu(4)).build());
        e.apply(lq("q", "cq"));
        List<String> next = admitted(e.schedule(at(20)));
        assertThat(next).containsExactly(keepsRunning ? key("waiting") : key("running"));
    }

    @Test
    void withoutStopPolicyTheWaitingWorkloadIsAdmitted() {
        Engine e = engine(config(), List.of(flavor("default"), cq("cq").groups(cpu(4)).build(), lq("q", "cq"),
                wl("running").created(1).pods(1, "cpu", 3).build()));
        e.schedule(at(0));
        e.apply(wl("waiting").created(2).pods(1, "cpu", 1).build());

        CycleResult r = e.schedule(at(10));

        assertThat(r.evicted()).isEmpty();
        assertThat(admitted(r)).containsExactly(key("waiting"));
    }

    // ------------------------------------------------------------------ spec.active and removal

    @Test
    void deactivatingAnAdmittedWorkloadReleasesItsQuota() {
        Engine e = oneQueue(config(), 1, "a", "b");
        assertThat(admitted(e.schedule(at(0)))).containsExactly(key("a"));
        assertThat(admitted(e.schedule(at(1)))).isEmpty();

        e.apply(wl("a").created(1).inactive().build());

        assertThat(holdingQuota(e)).isEmpty();
        assertThat(e.pendingStatus(key("a"))).as("a deactivated workload is not pending").isNull();
        assertThat(e.pendingStatuses()).doesNotContainKey(key("a"));
        assertThat(admitted(e.schedule(at(2)))).containsExactly(key("b"));
        e.remove(key("b"));
        assertThat(admitted(e.schedule(at(3)))).isEmpty();
    }

    @Test
    void anInactiveWorkloadIsNeverAdmitted() {
        Engine e = engine(config(), List.of(flavor("default"), cq("cq").groups(cpu(4)).build(), lq("q", "cq"),
                wl("off").inactive().build()));

        assertThat(admitted(e.schedule(at(0)))).isEmpty();
        assertThat(e.pendingStatus(key("off"))).isNull();
        assertThat(e.workload(key("off")).isAdmitted()).isFalse();
    }

    // ------------------------------------------------------------------ maximumExecutionTimeSeconds

    /**
     * One cpu; a, with 60 s to run, admitted at 0 s; b waits. The first cycle at or after 60 s
     * deactivates a (quota released, out of the queues) and admits b; a never comes back.
     */
    @Test
    void aWorkloadPastItsMaximumExecutionTimeIsDeactivated() {
        Engine e = oneQueue(config(), 1);
        e.apply(wl("a").created(1).maximumExecutionTime(60, null).build());
        e.apply(wl("b").created(2).build());
        assertThat(admitted(e.schedule(at(0)))).containsExactly(key("a"));
        assertThat(e.nextWakeUp()).isEqualTo(at(60));

        CycleResult before = e.schedule(at(59.999));
        assertThat(before.evicted()).isEmpty();
        assertThat(admitted(before)).isEmpty();

        CycleResult r = e.schedule(at(60));
        assertThat(r.evicted()).isEqualTo(Map.of(key("a"), Engine.MAXIMUM_EXECUTION_TIME_EXCEEDED));
        assertThat(admitted(r)).containsExactly(key("b"));
        assertThat(e.pendingStatus(key("a"))).isEqualTo(new PendingStatus(PendingStatus.DEACTIVATED,
                Engine.MAXIMUM_EXECUTION_TIME_EXCEEDED_MESSAGE));
        e.remove(key("b"));
        assertThat(admitted(e.schedule(at(61)))).isEmpty();
    }

    /** Time run in earlier admissions counts: read holding quota since 100 s with 30 of its 60 s used up. */
    @Test
    void earlierExecutionTimeCountsTowardTheMaximum() {
        Engine e = engine(config(), List.of(flavor("default"), cq("cq").groups(cpu(1)).build(), lq("q", "cq"),
                wl("a").admitted("cq", 100).maximumExecutionTime(60, 30).build()));

        assertThat(e.schedule(at(129)).evicted()).isEmpty();
        assertThat(e.schedule(at(130)).evicted()).containsOnlyKeys(key("a"));
        assertThat(holdingQuota(e)).isEmpty();
    }

    // ------------------------------------------------------------------ admission gates

    @Test
    void aGatedWorkloadWaitsOutsideTheQueuesUntilItsGatesAreCleared() {
        Engine e = oneQueue(config(), 1);
        e.apply(wl("gated").created(1).gatedBy("example.com/a, example.com/b").build());
        e.apply(wl("next").created(2).build());

        assertThat(admitted(e.schedule(at(0)))).as("the gated workload does not block the queue").containsExactly(key("next"));
        assertThat(e.pendingStatus(key("gated"))).isEqualTo(new PendingStatus(PendingStatus.ADMISSION_GATED,
                "Admission is gated by: example.com/a, example.com/b"));
        assertThat(e.notQueuedReason(key("gated"))).isEqualTo("Admission is gated by: example.com/a, example.com/b");

        e.remove(key("next"));
        e.apply(wl("gated").created(1).gatedBy("example.com/b").build());
        assertThat(admitted(e.schedule(at(1)))).as("one gate left").isEmpty();
        e.apply(wl("gated").created(1).build());
        assertThat(e.notQueuedReason(key("gated"))).isNull();
        assertThat(admitted(e.schedule(at(2)))).containsExactly(key("gated"));
    }

    @Test
    void aGateOnAWorkloadHoldingQuotaKeepsItAdmitted() {
        Engine e = engine(config(), List.of(flavor("default"), cq("cq").groups(cpu(1)).build(), lq("q", "cq"),
                wl("running").admitted("cq", 0).gatedBy("example.com/a").build(), wl("waiting").created(1).build()));

        assertThat(admitted(e.schedule(at(1)))).isEmpty();
        assertThat(holdingQuota(e)).containsExactly(key("running"));
    }

    @Test
    void removingAnAdmittedWorkloadFreesItsQuotaForTheNextCycle() {
        Engine e = oneQueue(config(), 1, "a", "b");
        e.schedule(at(0));
        assertThat(admitted(e.schedule(at(1)))).isEmpty();

        e.remove(key("a"));

        assertThat(holdingQuota(e)).isEmpty();
        assertThat(e.workload(key("a"))).isNull();
        assertThat(admitted(e.schedule(at(2)))).containsExactly(key("b"));
    }

    @Test
    void finishIsRemove() {
        Engine e = oneQueue(config(), 1, "a", "b");
        e.schedule(at(0));

        e.finish(key("a"));

        assertThat(admitted(e.schedule(at(1)))).containsExactly(key("b"));
    }

    @Test
    void removingAPendingWorkloadTakesItOutOfItsQueue() {
        Engine e = oneQueue(config(), 1, "a", "b", "c");
        e.schedule(at(0));

        e.remove(key("b"));
        e.remove(key("a"));

        assertThat(admitted(e.schedule(at(1)))).containsExactly(key("c"));
        assertThat(e.pendingStatuses()).isEmpty();
    }
}
