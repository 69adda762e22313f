package io.berth.core.lifecycle;

import static io.berth.api.kueue.PreemptionPolicy.LowerPriority;
import static io.berth.core.lifecycle.Fixture.admitted;
import static io.berth.core.lifecycle.Fixture.at;
import static io.berth.core.lifecycle.Fixture.config;
import static io.berth.core.lifecycle.Fixture.cpu;
import static io.berth.core.lifecycle.Fixture.cq;
import static io.berth.core.lifecycle.Fixture.engine;
import static io.berth.core.lifecycle.Fixture.flavor;
import static io.berth.core.lifecycle.Fixture.key;
import static io.berth.core.lifecycle.Fixture.lq;
import static io.berth.core.lifecycle.Fixture.podsReady;
import static io.berth.core.lifecycle.Fixture.preempted;
import static io.berth.core.lifecycle.Fixture.wl;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.config.AdmissionFairSharingConfig;
import io.berth.api.config.Configuration;
import io.berth.api.config.WaitForPodsReadyConfig;
import io.berth.api.kueue.AdmissionMode;
import io.berth.api.kueue.Condition;
import io.berth.api.kueue.Workload;
import io.berth.core.Engine;
import io.berth.core.quota.ClusterQueueNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Workloads changing state while waiting: backoffs, deactivation, protection ending, config changes. */
class LifecycleEdgesTest {
    private static final Configuration PODS_READY = podsReady(
            new WaitForPodsReadyConfig(true, 300_000, false, WaitForPodsReadyConfig.EVICTION, null, 60, 3600));

    private static Engine singleQueue(Configuration config, Object... workloads) {
        List<io.berth.api.KubeObject> objects = new java.util.ArrayList<>(List.of(flavor("default"),
                cq("cq").groups(cpu(4)).build(), lq("q", "cq")));
        for (Object w : workloads) {
            objects.add((io.berth.api.KubeObject) w);
        }
        return engine(config, objects);
    }

    @Test
    void aWorkloadInBackoffHasAPendingStatus() {
        Engine e = singleQueue(PODS_READY, wl("w").pods(1, "cpu", 1).build());
        assertThat(admitted(e.schedule(at(0)))).containsExactly(key("w"));

        assertThat(e.schedule(at(300)).evicted()).containsEntry(key("w"), "PodsReadyTimeout");

        assertThat(e.pendingStatus(key("w"))).isNotNull();
        assertThat(e.pendingStatus(key("w")).message()).contains("backoff (60s)");
    }

    /** The workload as given with Requeued=False (reason PodsReadyTimeout), and requeueAt when not null. */
    private static Workload requeuedFalse(Workload w, Long requeueAt) {
        Condition requeued = new Condition(Workload.REQUEUED, "False", "PodsReadyTimeout", "",
                Instant.ofEpochMilli(at(0)));
        Workload.RequeueState state = requeueAt == null ? null
                : new Workload.RequeueState(1, Instant.ofEpochMilli(requeueAt));
        return new Workload(w.metadata(), w.queueName(), w.priorityClass(), w.priority(), w.active(), w.podSets(), null,
                List.of(requeued), null, state);
    }

    @Test
    void aWorkloadGivenWithRequeuedFalseSitsOutACycleThenAsksForTheNext() {
        Engine e = singleQueue(config(), requeuedFalse(wl("w").build(), null));

        assertThat(admitted(e.schedule(at(0)))).isEmpty();
        assertThat(e.pendingStatus(key("w")).message()).contains("Requeued=False");
        assertThat(e.nextWakeUp()).isEqualTo(at(0) + 1);

        assertThat(admitted(e.schedule(at(0) + 1))).containsExactly(key("w"));
        assertThat(e.nextWakeUp()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aWorkloadGivenWithRequeuedFalseIsRequeuedAfterTheCycleAtItsRequeueAt() {
        Engine e = singleQueue(config(), requeuedFalse(wl("w").build(), at(10)));

        assertThat(admitted(e.schedule(at(0)))).isEmpty();
        assertThat(e.nextWakeUp()).isEqualTo(at(10));

        assertThat(admitted(e.schedule(at(10)))).isEmpty();
        assertThat(e.nextWakeUp()).isEqualTo(at(10) + 1);

        assertThat(admitted(e.schedule(at(10) + 1))).containsExactly(key("w"));
    }

    /**
     * The operator writes a PodsReady timeout back as Kueue does (Requeued=False, requeueState) and
     * the engine reads it again: the count carries on, and the workload is queued once requeued.
     */
    @Test
    void aTimedOutWorkloadReadBackWithItsRequeueStateKeepsItsCountAndBackoff() {
        Engine e = singleQueue(PODS_READY, wl("w").pods(1, "cpu", 1).build());
        e.schedule(at(0));
        assertThat(e.schedule(at(300)).evicted()).containsEntry(key("w"), "PodsReadyTimeout");
        Workload.RequeueState state = e.requeueState(key("w"));
        assertThat(state.count()).isEqualTo(1);
        assertThat(state.requeueAt()).isEqualTo(Instant.ofEpochMilli(at(360)));

        e.apply(requeuedFalse(wl("w").pods(1, "cpu", 1).build(), state.requeueAt().toEpochMilli()));

        assertThat(admitted(e.schedule(at(360)))).as("the backoff's last cycle").isEmpty();
        assertThat(admitted(e.schedule(at(361)))).containsExactly(key("w"));
        assertThat(e.requeueState(key("w"))).isEqualTo(new Workload.RequeueState(1, null));
    }

    @Test
    void aWorkloadDeactivatedDuringItsBackoffIsNotAdmitted() {
        Engine e = singleQueue(PODS_READY, wl("w").pods(1, "cpu", 1).build());
        e.schedule(at(0));
        e.schedule(at(300));

        e.apply(wl("w").pods(1, "cpu", 1).inactive().build());

        assertThat(admitted(e.schedule(at(400)))).isEmpty();
        assertThat(e.pendingStatuses()).doesNotContainKey(key("w"));
    }

    @Test
    void aWorkloadReadWithQuotaButInactiveIsEvictedOnce() {
        // As after a restart that finds a workload deactivated while it held quota.
        Engine e = singleQueue(config(), wl("w").pods(1, "cpu", 1).admitted("cq", 0).inactive().build());

        assertThat(e.schedule(at(1)).evicted()).isEqualTo(Map.of(key("w"), "Deactivated"));
        assertThat(Fixture.holdingQuota(e)).isEmpty();
        e.apply(wl("w").pods(1, "cpu", 1).admitted("cq", 0).inactive().build()); // read again, not yet written back
        assertThat(e.schedule(at(2)).evicted()).as("reported once").isEmpty();
    }

    @Test
    void aReactivatedWorkloadIsQueuedAgainEvenAfterAConfigurationChange() {
        Engine e = singleQueue(config(), wl("w").pods(1, "cpu", 1).inactive().build());
        assertThat(admitted(e.schedule(at(0)))).isEmpty();

        e.apply(wl("w").pods(1, "cpu", 1).build());
        e.apply(flavor("unrelated"));

        assertThat(admitted(e.schedule(at(1)))).containsExactly(key("w"));
        assertThat(e.pendingStatus(key("w"))).isNull();
    }

    /** BestEffortFIFO parks the head that could not preempt; the end of the protection wakes it. */
    @Test
    void theEndOfAMinimumRuntimeRetriesAParkedPreemptor() {
        Engine e = engine(config(), List.of(flavor("default"),
                cq("cq").withinClusterQueue(LowerPriority).groups(cpu(4))
                        .annotation(ClusterQueueNode.MIN_RUNTIME_ANNOTATION, "10m").build(),
                lq("q", "cq"),
                wl("low").pods(1, "cpu", 4).admitted("cq", 0).build(),
                wl("high").priority(10).created(30).pods(1, "cpu", 4).build()));

        assertThat(preempted(e.schedule(at(60)))).isEmpty();
        assertThat(preempted(e.schedule(at(120)))).as("still protected, and parked").isEmpty();
        assertThat(preempted(e.schedule(at(600)))).containsOnlyKeys(key("low"));
    }

    /** The LocalQueue usage history survives unrelated configuration changes. */
    @Test
    void admissionFairSharingKeepsItsHistoryAcrossConfigurationChanges() {
        Configuration afs = Fixture.admissionFairSharing(new AdmissionFairSharingConfig(600_000, 60_000, Map.of()));
        Engine e = engine(afs, List.of(flavor("default"),
                cq("cq").admissionMode(AdmissionMode.UsageBasedAdmissionFairSharing).groups(cpu(20)).build(),
                lq("qa", "cq"), lq("qb", "cq"),
                wl("a-run").queue("qa").pods(1, "cpu", 8).build(),
                wl("b-run").queue("qb").pods(1, "cpu", 1).build()));
        e.schedule(at(0));
        e.schedule(at(1));
        e.schedule(at(120));
        e.apply(wl("a-next").queue("qa").created(10).pods(1, "cpu", 8).build());
        e.apply(wl("b-next").queue("qb").created(20).pods(1, "cpu", 8).build());

        e.apply(flavor("unrelated"));

        assertThat(admitted(e.schedule(at(121)))).as("qa used 8 cpus, qb 1").containsExactly(key("b-next"));
    }
}
