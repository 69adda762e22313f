package io.berth.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.core.LabelSelector;
import io.berth.api.core.ObjectMeta;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.ClusterQueuePreemption;
import io.berth.api.kueue.FlavorFungibility;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.api.kueue.QueueingStrategy;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.api.kueue.StopPolicy;
import io.berth.sim.model.RunSegment;
import io.berth.sim.model.SimInput;
import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimResult;
import io.berth.sim.model.SimWorkload;
import io.berth.sim.model.WorkloadRecord;
import io.berth.core.cycle.CycleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Hand-computable runs: one queue, known arrivals and durations, exact times. */
class SimulatorTest {
    private static final long S = 1000;

    private static List<KubeObject> oneQueue(long cpus, PreemptionPolicy within) {
        return List.of(new ResourceFlavor(ObjectMeta.named("default"), Map.of(), List.of(), List.of()),
                new ClusterQueue(ObjectMeta.named("cq"), null, List.of(new ResourceGroup(List.of("cpu"),
                        List.of(new FlavorQuotas("default", List.of(new ResourceQuota("cpu", cpus * 1000, null, null)))))),
                        LabelSelector.EVERYTHING, QueueingStrategy.BestEffortFIFO, FlavorFungibility.DEFAULT,
                        new ClusterQueuePreemption(PreemptionPolicy.Never, io.berth.api.kueue.BorrowWithinCohort.NEVER, within),
                        StopPolicy.None, 1000, null),
                new LocalQueue(new ObjectMeta("q", "ns", Map.of(), Map.of(), null, null), "cq", StopPolicy.None, 1000));
    }

    private static SimWorkload job(String name, long submitS, long durationS, long cpus, int priority) {
        return new SimWorkload("ns", name, "q", priority, "c", submitS * S, durationS * S,
                List.of(new SimPodSet("main", 1, null, Map.of("cpu", cpus * 1000), List.of(), Map.of(), List.of())));
    }

    private static WorkloadRecord record(SimResult r, String name) {
        return r.workloads().stream().filter(w -> w.workload().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void jobsRunInTurnWhenQuotaIsFull() {
        SimInput in = new SimInput(oneQueue(4, PreemptionPolicy.Never), Configuration.DEFAULT, List.of(),
                List.of(job("a", 0, 100, 4, 0), job("b", 10, 50, 4, 0), job("c", 20, 10, 2, 0)));

        SimResult r = new Simulator(in, SimOptions.DEFAULT).run();

        // a runs 0-100; b (older) then c: b 100-150, c after b at 150-160 (b holds all 4 cpus).
        assertThat(record(r, "a").segments()).containsExactly(new RunSegment(0, 100 * S, true));
        assertThat(record(r, "b").firstAdmitted()).isEqualTo(100 * S);
        assertThat(record(r, "b").finished()).isEqualTo(150 * S);
        assertThat(record(r, "c").firstAdmitted()).isEqualTo(150 * S);
        assertThat(record(r, "c").finished()).isEqualTo(160 * S);
        assertThat(r.endMillis()).isEqualTo(160 * S);
    }

    @Test
    void preemptedWorkLosesItsRunAndRestarts() {
        SimInput in = new SimInput(oneQueue(4, PreemptionPolicy.LowerPriority), Configuration.DEFAULT, List.of(),
                List.of(job("low", 0, 100, 4, 0), job("high", 30, 20, 4, 10)));

        SimResult r = new Simulator(in, SimOptions.DEFAULT).run();

        WorkloadRecord low = record(r, "low");
        assertThat(low.preemptions()).isEqualTo(1);
        // high preempts low at 30, runs 30-50; low restarts from scratch at 50 and ends at 150.
        assertThat(low.segments()).containsExactly(new RunSegment(0, 30 * S, false), new RunSegment(50 * S, 150 * S, true));
        assertThat(record(r, "high").segments()).containsExactly(new RunSegment(30 * S, 50 * S, true));
    }

    @Test
    void podsWaitForNodesEvenWithQuota() {
        SimNode node = new SimNode("n", Map.of(), List.of(), 2_000, 1L << 40, 0, null);
        SimInput in = new SimInput(oneQueue(8, PreemptionPolicy.Never), Configuration.DEFAULT, List.of(node),
                List.of(job("a", 0, 100, 2, 0), job("b", 0, 100, 2, 0)));

        SimResult r = new Simulator(in, SimOptions.DEFAULT).run();

        // Both fit the 8-cpu quota at once, but the node has 2 cpus: b starts when a ends.
        assertThat(record(r, "b").firstAdmitted()).isZero();
        assertThat(record(r, "b").segments()).containsExactly(new RunSegment(100 * S, 200 * S, true));
    }
    @Test
    void aCycleListenerIsToldAroundEveryCycleWithWhatItDid() {
        SimInput in = new SimInput(oneQueue(4, PreemptionPolicy.LowerPriority), Configuration.DEFAULT, List.of(),
                List.of(job("low", 0, 100, 4, 0), job("high", 30, 20, 4, 10)));
        List<String> told = new ArrayList<>();

        SimResult r = new Simulator(in, SimOptions.DEFAULT).run(null, new CycleListener() {
            @Override
            public void beforeCycle() {
                told.add("before");
            }

            @Override
            public void afterCycle(CycleResult result) {
                told.add("after" + result.admitted().stream().map(w -> " +" + w.key()).collect(Collectors.joining())
                        + result.preempted().stream().map(t -> " -" + t.workload().key()).collect(Collectors.joining()));
            }
        });

        assertThat(told).hasSize(2 * (int) r.cycles());
        for (int i = 0; i < told.size(); i += 2) {
            assertThat(told.get(i)).isEqualTo("before");
            assertThat(told.get(i + 1)).startsWith("after");
        }
        // low is admitted, preempted by high, admitted again after high; each shows in the cycle that did it.
        assertThat(told.stream().filter(t -> t.startsWith("after ")))
                .containsExactly("after +ns/low", "after -ns/low", "after +ns/high", "after +ns/low");
    }
}
