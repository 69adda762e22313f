package io.berth.sim.report;

import static io.berth.sim.report.Scenarios.HOUR;
import static io.berth.sim.report.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.sim.model.RunSegment;
import io.berth.sim.model.SimInput;
import io.berth.sim.model.SimResult;
import io.berth.sim.model.SimWorkload;
import io.berth.sim.model.WorkloadRecord;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final Offset<Double> EPS = within(1e-9);

    @Test
    void groupFiguresWithNearestRankPercentiles() {
        Metrics m = Metrics.compute(Scenarios.oneQueue(), FragmentationSeries.NONE, 10);

        GroupStats all = m.overall();
        assertThat(all.count()).isEqualTo(3);
        assertThat(all.admitted()).isEqualTo(3);
        assertThat(all.finished()).isEqualTo(3);
        // waits 0, 0, 20 s; completion times 40, 40, 70 s
        assertThat(all.timeToAdmission().mean()).isCloseTo(20.0 / 3, EPS);
        assertThat(all.timeToAdmission().p50()).isEqualTo(0.0);
        assertThat(all.timeToAdmission().p95()).isEqualTo(20.0);
        assertThat(all.timeToAdmission().p99()).isEqualTo(20.0);
        assertThat(all.completionTime().mean()).isEqualTo(50.0);
        assertThat(all.completionTime().p50()).isEqualTo(40.0);
        assertThat(all.completionTime().p95()).isEqualTo(70.0);
        assertThat(all.makespanSeconds()).isEqualTo(90.0);

        assertThat(m.byClass()).containsOnlyKeys("large", "small");
        assertThat(m.byClass().get("small").timeToAdmission().mean()).isEqualTo(0.0);
        assertThat(m.byClass().get("small").completionTime().mean()).isEqualTo(40.0);
        assertThat(m.byClass().get("small").makespanSeconds()).isEqualTo(50.0);
        assertThat(m.byClass().get("large").timeToAdmission().mean()).isEqualTo(20.0);
        assertThat(m.byClass().get("large").makespanSeconds()).isEqualTo(70.0);
        assertThat(m.byLocalQueue()).containsOnlyKeys("team/lq");
        assertThat(m.byLocalQueue().get("team/lq").count()).isEqualTo(3);
        assertThat(m.byClusterQueue()).containsOnlyKeys("cq-a");
        assertThat(m.byClusterQueue().get("cq-a").timeToAdmission().p99()).isEqualTo(20.0);

        assertThat(m.run().wallMillis()).isEqualTo(90_000L);
        assertThat(m.run().durationSeconds()).isEqualTo(100.0);
        assertThat(m.run().cycles()).isEqualTo(7);
    }

    @Test
    void kueuePerfCheckerFigures() {
        Metrics m = Metrics.compute(Scenarios.oneQueue());
        // cpu used: 2000m x (40 + 40 + 50) s = 260e6 m*ms; quota 4000m x window 90 s (last finish) = 360e6
        QueueClassUsage u = m.clusterQueueClassUsage().get("cq");
        assertThat(u.clusterQueues()).containsExactly("cq-a");
        assertThat(u.nominalCpuMilli()).isEqualTo(4000);
        assertThat(u.cpuMilliMillisUsed()).isEqualTo(260e6);
        assertThat(u.monitorSeconds()).isEqualTo(90.0);
        assertThat(u.usagePct()).isCloseTo(260.0 / 360 * 100, EPS);

        assertThat(m.workloadClassFigures().get("small").averageTimeToAdmissionMs()).isEqualTo(0.0);
        assertThat(m.workloadClassFigures().get("small").averageTimeToFinishMs()).isEqualTo(40_000.0);
        assertThat(m.workloadClassFigures().get("large").averageTimeToAdmissionMs()).isEqualTo(20_000.0);
        assertThat(m.workloadClassFigures().get("large").count()).isEqualTo(1);
    }

    @Test
    void utilizationTimelineAndIdleCapacity() {
        Metrics m = Metrics.compute(Scenarios.oneQueue(), FragmentationSeries.NONE, 10);
        Utilization u = m.utilization();
        assertThat(u.capacitySource()).isEqualTo("nodes");
        assertThat(u.capacity()).containsExactly(Map.entry("cpu", 6.0), Map.entry("memory", 8.0),
                Map.entry("nvidia.com/gpu", 0.0));
        assertThat(u.meanPct().get("cpu")).isCloseTo(260_000.0 / 600_000 * 100, EPS);
        assertThat(u.meanPct().get("memory")).isCloseTo(16.25, EPS);
        assertThat(u.meanPct().get("nvidia.com/gpu")).isNull();
        assertThat(u.peakPct().get("cpu")).isCloseTo(400.0 / 6, EPS);

        Timeline t = m.timeline();
        assertThat(t.buckets()).isEqualTo(10);
        assertThat(t.bucketMillis()).isEqualTo(10_000.0);
        double third = 100.0 / 3;
        double[] cpu = {third, 2 * third, 2 * third, 2 * third, 2 * third, third, third, third, third, 0};
        for (int i = 0; i < 10; i++) {
            assertThat(t.utilizationPct().get("cpu").get(i)).as("bucket %d", i).isCloseTo(cpu[i], EPS);
        }
        assertThat(t.utilizationPct().get("nvidia.com/gpu")).isEmpty();
        assertThat(t.pendingByClusterQueue().get("cq-a")).containsExactly(0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0,
                0.0, 0.0);
        assertThat(t.pendingTotal()).isEqualTo(t.pendingByClusterQueue().get("cq-a"));

        // w3 waits 20-40 s while w1 and w2 hold 4 of 6 cpu and 2 of 8 GiB
        IdleCapacity idle = m.idleWhilePending();
        assertThat(idle.pendingHours()).isCloseTo(20_000.0 / HOUR, EPS);
        assertThat(idle.cpuCoreHours()).isCloseTo(2 * 20_000.0 / HOUR, EPS);
        assertThat(idle.memoryGiBHours()).isCloseTo(6 * 20_000.0 / HOUR, EPS);
        assertThat(idle.gpuHours()).isEqualTo(0.0);

        assertThat(m.fairness().resource()).isEqualTo("cpu");
        assertThat(m.fairness().jainIndex()).isCloseTo(1.0, EPS);
        assertThat(m.disruption()).isEqualTo(new Disruption(0, 0, 0, 0, 0));
        assertThat(m.meanFragmentedGpus()).isNull();
    }

    @Test
    void gpuFairnessLostWorkAndFragmentation() {
        FragmentationSeries frag = new FragmentationSeries(List.of(new double[] {T0 + HOUR / 2.0, 0},
                new double[] {T0, 2000}));
        Metrics m = Metrics.compute(Scenarios.gpus(true), frag, 4);

        // wb1 lost its first half hour: 4 GPUs and 4 cpu x 0.5 h
        assertThat(m.disruption()).isEqualTo(new Disruption(1, 0, 1, 2.0, 2.0));

        // GPU-hours used: a 4 (4 GPUs x 1 h), b 3 (4 x 0.5 h + 4 x 0.25 h); entitlements 1/2 each
        Fairness f = m.fairness();
        assertThat(f.resource()).isEqualTo("nvidia.com/gpu");
        assertThat(f.byClusterQueue().get("a").usedHours()).isCloseTo(4.0, EPS);
        assertThat(f.byClusterQueue().get("b").usedHours()).isCloseTo(3.0, EPS);
        assertThat(f.byClusterQueue().get("a").share()).isCloseTo(4.0 / 7, EPS);
        assertThat(f.byClusterQueue().get("b").entitlement()).isEqualTo(0.5);
        assertThat(f.byClusterQueue().get("a").ratio()).isCloseTo(8.0 / 7, EPS);
        assertThat(f.byClusterQueue().get("b").ratio()).isCloseTo(6.0 / 7, EPS);
        // Jain: (8/7 + 6/7)^2 / (2 * ((8/7)^2 + (6/7)^2)) = 4 / (200/49) = 0.98
        assertThat(f.jainIndex()).isCloseTo(0.98, EPS);

        // wb2 waits all hour; free: 0 GPUs except 0.5-0.75 h (4 free) -> 1 GPU-h;
        // cpu 32 - 12 for 0.5 h, 32 - 8 for 0.25 h, 32 - 12 for 0.25 h -> 10 + 6 + 5 core-h
        IdleCapacity idle = m.idleWhilePending();
        assertThat(idle.pendingHours()).isCloseTo(1.0, EPS);
        assertThat(idle.gpuHours()).isCloseTo(1.0, EPS);
        assertThat(idle.cpuCoreHours()).isCloseTo(21.0, EPS);
        assertThat(idle.memoryGiBHours()).isCloseTo(64.0, EPS);

        assertThat(m.utilization().meanPct().get("nvidia.com/gpu")).isCloseTo(87.5, EPS);
        assertThat(m.utilization().meanPct().get("cpu")).isCloseTo(11.0 / 32 * 100, EPS);
        assertThat(m.timeline().utilizationPct().get("nvidia.com/gpu")).containsExactly(100.0, 100.0, 50.0, 100.0);
        assertThat(m.timeline().pendingByClusterQueue().get("b")).containsExactly(1.0, 1.0, 2.0, 1.0);
        assertThat(m.timeline().pendingByClusterQueue().get("a")).containsExactly(0.0, 0.0, 0.0, 0.0);

        GroupStats b = m.byClusterQueue().get("b");
        assertThat(b.count()).isEqualTo(2);
        assertThat(b.admitted()).isEqualTo(1);
        assertThat(b.finished()).isEqualTo(1);
        assertThat(b.preemptions()).isEqualTo(1);
        assertThat(m.workloadClassFigures().get("train").totalEvictions()).isEqualTo(1);

        // no class labels: each ClusterQueue is its own class; cpu 8 of 16 for 1 h, 4 of 16 for 0.75 h
        assertThat(m.clusterQueueClassUsage().get("a").usagePct()).isCloseTo(50.0, EPS);
        assertThat(m.clusterQueueClassUsage().get("b").usagePct()).isCloseTo(18.75, EPS);

        // 2 fragmented GPUs for the first half hour, none after
        assertThat(m.meanFragmentedGpus()).isCloseTo(1.0, EPS);
    }

    @Test
    void runCutAtTheEndIsNotLostWorkAndQuotaIsTheCapacityWithoutNodes() {
        var cq = Scenarios.cq("c", Map.of(), Map.of("cpu", 2000L));
        SimWorkload x = Scenarios.workload("ns", "x", "lq", 0, null, T0, 2 * HOUR, Scenarios.req(1000, 0, 0));
        SimWorkload y = Scenarios.workload("ns", "y", "lq", 0, null, T0, 2 * HOUR, Scenarios.req(1000, 0, 0));
        WorkloadRecord rx = new WorkloadRecord(x, "c");
        rx.admitted(T0 + HOUR / 2, Scenarios.usage(x));
        rx.runSegment(new RunSegment(T0 + HOUR / 2, T0 + HOUR, false)); // still running when the run stopped
        WorkloadRecord ry = new WorkloadRecord(y, "c");
        ry.admitted(T0, Scenarios.usage(y));
        ry.runSegment(new RunSegment(T0, T0 + HOUR / 2, false)); // evicted, never admitted again
        ry.evicted();
        SimInput input = new SimInput(List.<KubeObject>of(cq), Configuration.DEFAULT, List.of(), List.of(x, y));
        Metrics m = Metrics.compute(new SimResult(input, List.of(rx, ry), T0, T0 + HOUR, 3, 4, Map.of()),
                FragmentationSeries.NONE, 2);

        assertThat(m.disruption()).isEqualTo(new Disruption(0, 1, 1, 0.5, 0.0));
        assertThat(m.utilization().capacitySource()).isEqualTo("quota");
        assertThat(m.utilization().capacity().get("cpu")).isEqualTo(2.0);
        assertThat(m.utilization().meanPct().get("cpu")).isCloseTo(50.0, EPS);
        assertThat(m.utilization().meanPct().get("memory")).isNull();
        assertThat(m.byClass()).containsOnlyKeys(Metrics.NONE);
        assertThat(m.overall().finished()).isZero();
        assertThat(m.overall().makespanSeconds()).isNull();
        assertThat(m.overall().completionTime()).isEqualTo(Distribution.EMPTY);
        assertThat(m.run().wallMillis()).isNull();
        // x waits the first half hour, y the second: one core free all the time
        assertThat(m.timeline().pendingTotal()).containsExactly(1.0, 1.0);
        assertThat(m.idleWhilePending().cpuCoreHours()).isCloseTo(1.0, EPS);
        assertThat(m.fairness().resource()).isEqualTo("cpu");
    }

    @Test
    void emptyRunHasNoBucketsAndNoFigures() {
        var cq = Scenarios.cq("c", Map.of(), Map.of("cpu", 2000L));
        SimInput input = new SimInput(List.<KubeObject>of(cq), Configuration.DEFAULT, List.of(), List.of());
        Metrics m = Metrics.compute(new SimResult(input, List.of(), T0, T0, 0, 0, Map.of()));
        assertThat(m.timeline().buckets()).isZero();
        assertThat(m.overall().count()).isZero();
        assertThat(m.overall().timeToAdmission()).isEqualTo(Distribution.EMPTY);
        assertThat(m.byClusterQueue()).containsOnlyKeys("c");
        assertThat(m.utilization().meanPct().get("cpu")).isNull();
        assertThat(m.fairness().jainIndex()).isNull();
        assertThat(m.clusterQueueClassUsage().get("c").usagePct()).isNull();
        assertThat(m.idleWhilePending()).isEqualTo(new IdleCapacity(0, 0, 0, 0));
    }

    @Test
    void workloadWithoutClusterQueueIsGroupedUnderNone() {
        SimWorkload lost = Scenarios.workload("ns", "lost", "missing", 0, "x", T0, 1000, Scenarios.req(1000, 0, 0));
        SimInput input = new SimInput(List.of(), Configuration.DEFAULT, List.of(), List.of(lost));
        Metrics m = Metrics.compute(new SimResult(input, List.of(new WorkloadRecord(lost, null)), T0, T0 + 1000, 1, 1,
                Map.of()), FragmentationSeries.NONE, 1);
        assertThat(m.byClusterQueue()).containsOnlyKeys(Metrics.NONE);
        assertThat(m.byLocalQueue()).containsOnlyKeys("ns/missing");
        assertThat(m.timeline().pendingByClusterQueue().get(Metrics.NONE)).containsExactly(1.0);
        // it can never be admitted, so it does not count as work waiting for free capacity
        assertThat(m.idleWhilePending().pendingHours()).isZero();
    }

    @Test
    void clusterQueueClassSumsTheQuotaOfAllItsQueues() {
        SimResult one = Scenarios.oneQueue();
        var idle = Scenarios.cq("cq-b", Map.of(Metrics.CLASS_LABEL, "cq"), Map.of("cpu", 4000L));
        var other = Scenarios.cq("zz-unlabelled", Map.of(), Map.of("cpu", 1000L));
        List<KubeObject> objects = new java.util.ArrayList<>(one.input().queueObjects());
        objects.add(idle);
        objects.add(other);
        SimInput input = new SimInput(objects, Configuration.DEFAULT, one.input().nodes(), one.input().workloads());
        Metrics m = Metrics.compute(new SimResult(input, one.workloads(), one.startMillis(), one.endMillis(), 1, 1,
                Map.of()));
        QueueClassUsage u = m.clusterQueueClassUsage().get("cq");
        assertThat(u.clusterQueues()).containsExactly("cq-a", "cq-b");
        assertThat(u.nominalCpuMilli()).isEqualTo(8000);
        // 260e6 m*ms over 8000m x 90 s
        assertThat(u.usagePct()).isCloseTo(260.0 / 720 * 100, EPS);
        // an unlabelled ClusterQueue is a class of its own; it never saw an event after the start
        assertThat(m.clusterQueueClassUsage().get("zz-unlabelled").usagePct()).isNull();
        assertThat(m.byClusterQueue()).containsOnlyKeys("cq-a", "cq-b", "zz-unlabelled");
        assertThat(m.byClusterQueue().get("cq-b").count()).isZero();
        // fairness: cq-a used everything with 4 of 9 cores of quota
        assertThat(m.fairness().byClusterQueue().get("cq-a").ratio()).isCloseTo(9.0 / 4, EPS);
        assertThat(m.fairness().byClusterQueue().get("cq-b").ratio()).isEqualTo(0.0);
        // Jain over (9/4, 0, 0): (9/4)^2 / (3 * (9/4)^2) = 1/3
        assertThat(m.fairness().jainIndex()).isCloseTo(1.0 / 3, EPS);
    }

    @Test
    void fragmentationIsATimeWeightedStepMean() {
        FragmentationSeries s = new FragmentationSeries(List.of(new double[] {T0 + HOUR / 2.0, 3000},
                new double[] {T0, 1000}));
        assertThat(s.samples().get(0)[0]).isEqualTo((double) T0); // sorted by time
        assertThat(s.meanFragmentedGpus(T0 + HOUR)).isCloseTo(2.0, EPS);
        // the first sample starts the window; the last holds to the end
        assertThat(s.meanFragmentedGpus(T0 + 3 * HOUR / 2)).isCloseTo((1000 * 0.5 + 3000 * 1.0) / 1.5 / 1000, EPS);
        assertThat(new FragmentationSeries(List.of(new double[] {T0, 500})).meanFragmentedGpus(T0)).isEqualTo(0.5);
        assertThat(FragmentationSeries.NONE.meanFragmentedGpus(T0)).isNull();
    }
}
