package io.berth.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.config.Configuration;
import io.berth.api.resource.DeviceResult;
import io.berth.api.resource.ResourceClaim;
import io.berth.sim.demo.DemoCluster;
import io.berth.sim.input.AlibabaTrace;
import io.berth.sim.input.BadRowPolicy;
import io.berth.sim.input.QueueMapping;
import io.berth.sim.input.QueueTemplates;
import io.berth.sim.input.SharedData;
import io.berth.sim.model.RunSegment;
import io.berth.sim.model.SimInput;
import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimResult;
import io.berth.sim.model.SimWorkload;
import io.berth.sim.model.WorkloadRecord;
import io.berth.sim.place.Cluster;
import io.berth.sim.place.Scorer;
import io.berth.sim.report.DeviceSeries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * Whole runs conserve work and capacity: every workload ends finished (its last run complete and
 * as long as its duration) or still pending, and at no moment do running workloads hold more
 * CPU or GPU than the cluster has.
 */
class ConservationTest {

    /** The Alibaba default trace, one LocalQueue per QoS class. */
    private static SimInput alibabaTrace() {
        Path trace = SharedData.dir("traces/alibaba-gpu-v2023");
        List<SimNode> nodes = AlibabaTrace.readNodes(trace.resolve("openb_node_list_all_node.csv"), BadRowPolicy.REJECT)
                .items();
        QueueMapping byQos = QueueMapping.parse("column:qos", "openb");
        List<SimWorkload> pods = AlibabaTrace.readPods(trace.resolve("openb_pod_list_default.csv"), byQos,
                BadRowPolicy.SKIP).items();
        return new SimInput(QueueTemplates.forTenants(byQos.localQueues(pods), byQos.namespace(), nodes),
                Configuration.DEFAULT, nodes, pods);
    }

    @Test
    void theAlibabaTracePlacesEveryPodThatSomeNodeCanHost() {
        SimInput input = alibabaTrace();
        List<SimNode> nodes = input.nodes();
        List<SimWorkload> pods = input.workloads();

        SimResult result = new Simulator(input, SimOptions.DEFAULT).run();

        assertConserved(result, nodes);
        List<String> unfinished = result.workloads().stream().filter(w -> w.finished() < 0)
                .map(w -> w.workload().key()).toList();
        List<String> unplaceable = pods.stream().filter(p -> nodes.stream().noneMatch(n -> canHost(n, p)))
                .map(SimWorkload::key).toList();
        assertThat(unplaceable).as("every pod of the trace fits on some empty node").isEmpty();
        assertThat(unfinished).as("so every pod ran to completion").isEmpty();
        assertThat(pods.stream().filter(p -> nodes.stream().filter(n -> canHost(n, p)).map(SimNode::gpuModel).distinct()
                .count() == 1)).as("pods that only one GPU model's nodes can hold, steered there").hasSize(5);
    }

    /**
     * With DRA placement every GPU pod holds a claim: checked every 50 arrivals and at the end, no
     * device gives more than its 1000 milli, claims and counts agree GPU by GPU, and every pod
     * still runs to completion, releasing its claim.
     */
    @Test
    void withDraPlacementNoDeviceIsOverAllocatedAndEveryPodFinishes() {
        SimInput input = alibabaTrace();
        List<SimNode> nodes = input.nodes();
        List<SimWorkload> pods = input.workloads();
        Simulator sim = new Simulator(input, new SimOptions(Scorer.LEAST_ALLOCATED, false, SimOptions.DevicePlacement.DRA));
        long[] audits = {0};

        SimResult result = sim.run(arrived -> {
            if (arrived % 50 == 0) {
                audits[0] += auditDevices(sim);
            }
        });

        assertConserved(result, nodes);
        assertThat(result.workloads()).allSatisfy(w -> assertThat(w.finished()).as(w.workload().key()).isNotNegative());
        assertThat(audits[0]).as("claims seen by the audits").isPositive();
        auditDevices(sim);
        for (int i = 0; i < nodes.size(); i++) {
            assertThat(sim.draDevices().allocatedOn(i)).as("claims left on %s", nodes.get(i).name()).isEmpty();
        }
        long gpuPods = pods.stream().filter(p -> p.podSets().get(0).gpuMilli() > 0).count();
        assertThat(sim.draDevices().attempts()).isGreaterThanOrEqualTo(gpuPods);
        assertThat(sim.draDevices().errors()).isZero();
        DeviceSeries devices = sim.devices();
        assertThat(devices.placement()).isEqualTo("dra");
        assertThat(devices.samples()).allSatisfy(s -> assertThat(s[1]).isBetween(0L, devices.gpus() * 1000L));
    }

    /** Checks every node's claims against its slice and free GPU milli; returns the claims seen. */
    private static int auditDevices(Simulator sim) {
        Cluster cluster = sim.cluster();
        int claims = 0;
        for (int i = 0; i < cluster.nodeCount(); i++) {
            int gpus = cluster.node(i).gpus();
            long[] consumed = new long[gpus];
            for (ResourceClaim c : sim.draDevices().allocatedOn(i).values()) {
                claims++;
                List<DeviceResult> results = c.allocation().devices();
                assertThat(results.stream().map(DeviceResult::device).distinct().count()).as(c.metadata().name())
                        .isEqualTo(c.spec().requests().get(0).exactly().count());
                for (DeviceResult r : results) {
                    assertThat(r.pool()).isEqualTo(cluster.node(i).name());
                    consumed[Integer.parseInt(r.device().substring("gpu-".length()))] +=
                            r.consumedCapacity().get("milli").longValueExact();
                }
            }
            for (int g = 0; g < gpus; g++) {
                assertThat(consumed[g]).as("milli given by gpu-%d of %s", g, cluster.node(i).name())
                        .isBetween(0L, 1000L).isEqualTo(1000L - cluster.freeGpuMilli(i, g));
            }
        }
        return claims;
    }

    @Test
    void theDemoFinishesEveryJobAndConservesCapacityUnderEveryPolicy() {
        for (DemoCluster.Variant v : DemoCluster.variants(42)) {
            SimResult result = new Simulator(v.input(), SimOptions.DEFAULT).run();
            assertConserved(result, v.input().nodes());
            assertThat(result.workloads()).as(v.name()).hasSizeGreaterThan(1000);
            assertThat(result.workloads().stream().filter(w -> w.finished() < 0).map(w -> w.workload().key()))
                    .as("%s: never finished", v.name()).isEmpty();
        }
    }

    /** The pod, alone on the empty node: requests, GPU model and whole or shared GPUs. */
    private static boolean canHost(SimNode node, SimWorkload w) {
        SimPodSet ps = w.podSets().get(0);
        long gpus = ps.gpuMilli() >= 1000 ? ps.gpuMilli() / 1000 : ps.gpuMilli() > 0 ? 1 : 0;
        return ps.requests().getOrDefault("cpu", 0L) <= node.cpuMilli()
                && ps.requests().getOrDefault("memory", 0L) <= node.memoryBytes() * 1000
                && gpus <= node.gpus()
                && (gpus == 0 || ps.gpuModels().isEmpty() || ps.gpuModels().contains(node.gpuModel()));
    }

    private static void assertConserved(SimResult result, List<SimNode> nodes) {
        for (WorkloadRecord w : result.workloads()) {
            List<RunSegment> runs = w.segments();
            if (w.finished() >= 0) {
                RunSegment last = runs.get(runs.size() - 1);
                assertThat(last.completed()).as("%s finished by its last run", w.workload().key()).isTrue();
                assertThat(last.endMillis()).isEqualTo(w.finished());
                assertThat(last.durationMillis()).as("%s ran its whole duration", w.workload().key())
                        .isEqualTo(w.workload().durationMillis());
                assertThat(runs.subList(0, runs.size() - 1)).as("earlier runs were cut short")
                        .allSatisfy(r -> assertThat(r.completed()).isFalse());
            } else {
                assertThat(runs).as("%s is pending: no run completed", w.workload().key())
                        .allSatisfy(r -> assertThat(r.completed()).isFalse());
            }
        }
        assertNeverAbove(result, nodes.stream().mapToLong(SimNode::cpuMilli).sum(), ps -> ps.requests().getOrDefault("cpu", 0L),
                "cpu");
        assertNeverAbove(result, nodes.stream().mapToLong(n -> n.gpus() * 1000L).sum(), SimPodSet::gpuMilli, "GPU");
    }

    /** Sweeps run starts and ends in time order; ends come before starts at the same instant. */
    private static void assertNeverAbove(SimResult result, long capacity, ToLongFunction<SimPodSet> perPod, String what) {
        TreeMap<Long, Long> delta = new TreeMap<>();
        for (WorkloadRecord w : result.workloads()) {
            long amount = w.workload().podSets().stream().mapToLong(ps -> perPod.applyAsLong(ps) * ps.count()).sum();
            for (RunSegment r : w.segments()) {
                delta.merge(r.startMillis(), amount, Long::sum);
                delta.merge(r.endMillis(), -amount, Long::sum);
            }
        }
        long inUse = 0;
        long peak = 0;
        List<Long> over = new ArrayList<>();
        for (var e : delta.entrySet()) {
            inUse += e.getValue();
            peak = Math.max(peak, inUse);
            if (inUse > capacity) {
                over.add(e.getKey());
            }
        }
        assertThat(over).as("%s in use above the capacity of %d", what, capacity).isEmpty();
        assertThat(inUse).as("%s still in use at the end", what).isZero();
        assertThat(peak).as("%s was used at all", what).isPositive();
    }
}
