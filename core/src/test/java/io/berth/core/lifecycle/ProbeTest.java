package io.berth.core.lifecycle;

import static io.berth.core.lifecycle.Fixture.*;

import io.berth.api.config.WaitForPodsReadyConfig;
import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeTest {
    static WaitForPodsReadyConfig prc = new WaitForPodsReadyConfig(true, 300_000, false, "Eviction", 2, 60, 3600);

    void log(String label, Engine e, CycleResult r) {
        System.out.println(label + " admitted=" + admitted(r) + " evicted=" + r.evicted() + " preempted=" + preempted(r)
                + " holding=" + holdingQuota(e) + " statuses=" + e.pendingStatuses());
    }

    @Test
    void backoffStatus() {
        Engine e = engine(podsReady(prc), List.of(flavor("default"), cq("cq").groups(cpu(1)).build(), lq("q", "cq"),
                wl("w").build()));
        log("t0", e, e.schedule(at(0)));
        log("t300", e, e.schedule(at(300)));
        System.out.println("status during backoff: " + e.pendingStatus(key("w")));
        e.apply(wl("w").inactive().build());
        log("t300+inactive", e, e.schedule(at(301)));
        log("t400", e, e.schedule(at(400)));
        System.out.println("inactive after backoff: admitted? " + e.workload(key("w")).isAdmitted());
    }

    @Test
    void reactivate() {
        Engine e = engine(config(), List.of(flavor("default"), cq("cq").groups(cpu(1)).build(), lq("q", "cq"),
                wl("w").inactive().build()));
        log("t0", e, e.schedule(at(0)));
        e.apply(wl("w").build());
        System.out.println("reactivated status: " + e.pendingStatus(key("w")));
        log("t1", e, e.schedule(at(1)));
    }

    @Test
    void reactivateWithConfigChange() {
        Engine e = engine(config(), List.of(flavor("default"), cq("cq").groups(cpu(1)).build(), lq("q", "cq"),
                wl("w").inactive().build()));
        log("t0", e, e.schedule(at(0)));
        e.apply(wl("w").build());
        e.apply(cq("cq").groups(cpu(2)).build());
        log("t1", e, e.schedule(at(1)));
        log("t2", e, e.schedule(at(2)));
    }

    @Test
    void deactivatedByLimitThenStatus() {
        WaitForPodsReadyConfig c = new WaitForPodsReadyConfig(true, 300_000, false, "Eviction", 0, 60, 3600);
        Engine e = engine(podsReady(c), List.of(flavor("default"), cq("cq").groups(cpu(1)).build(), lq("q", "cq"),
                wl("w").build()));
        log("t0", e, e.schedule(at(0)));
        log("t300", e, e.schedule(at(300)));
        log("t1000", e, e.schedule(at(1000)));
    }

    @Test
    void minRuntimeRetry() {
        for (io.berth.api.kueue.QueueingStrategy st : io.berth.api.kueue.QueueingStrategy.values()) {
            Engine e = engine(config(), List.of(flavor("default"),
                cq("cq").strategy(st).withinClusterQueue(io.berth.api.kueue.PreemptionPolicy.LowerPriority).annotation(io.berth.core.quota.ClusterQueueNode.MIN_RUNTIME_ANNOTATION, "10m")
                        .groups(cpu(4)).build(), lq("q", "cq"),
                wl("low").priority(0).pods(1, "cpu", 4).build()));
            e.schedule(at(0));
            e.apply(wl("high").priority(10).created(1).pods(1, "cpu", 4).build());
            log(st + " t60", e, e.schedule(at(60)));
            log(st + " t600", e, e.schedule(at(600)));
            log(st + " t1200", e, e.schedule(at(1200)));
            log(st + " t1201", e, e.schedule(at(1201)));
        }
    }
}
