package io.berth.bench;

import io.berth.api.KubeObject;
import io.berth.api.core.LabelSelector;
import io.berth.api.core.ObjectMeta;
import io.berth.api.core.PodTemplate;
import io.berth.api.kueue.BorrowWithinCohort;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.ClusterQueuePreemption;
import io.berth.api.kueue.FlavorFungibility;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.PodSet;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.api.kueue.QueueingStrategy;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.api.kueue.StopPolicy;
import io.berth.api.kueue.Workload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shapes of Kueue's scheduler performance configurations
 * (test/performance/scheduler/configs/{baseline,large-scale}/generator.yaml), generated in code:
 * {@code cohorts} cohorts of {@code queuesPerCohort} ClusterQueues, one flavor, resource cpu,
 * the generator's nominalQuota / borrowingLimit / reclaimWithinCohort / withinClusterQueue,
 * one LocalQueue per ClusterQueue, and per ClusterQueue the workloadsSets' workloads
 * (one pod each, class priority and cpu request, created every creationIntervalMs from time 0).
 * Cohorts are implicit (named by the ClusterQueues only), as in Kueue's generator.
 */
public record PerfShapes(String name, int cohorts, int queuesPerCohort, long nominalCpu, long borrowingLimitCpu,
                         PreemptionPolicy reclaimWithinCohort, PreemptionPolicy withinClusterQueue,
                         List<WorkloadClass> classes) {

    /** One workloadsSets entry: count workloads per ClusterQueue, one every intervalMs. */
    public record WorkloadClass(String className, int countPerQueue, long creationIntervalMs, long runtimeMs,
                                int priority, long requestCpu) {
    }

    /** baseline/generator.yaml: 5 cohorts x 6 ClusterQueues, 500 workloads each (15,000). */
    public static final PerfShapes BASELINE = new PerfShapes("baseline", 5, 6, 20, 100,
            PreemptionPolicy.Any, PreemptionPolicy.LowerPriority, List.of(
                    new WorkloadClass("small", 350, 100, 200, 50, 1),
                    new WorkloadClass("medium", 100, 500, 500, 100, 5),
                    new WorkloadClass("large", 50, 1200, 1000, 200, 20)));

    /** large-scale/generator.yaml: 10 cohorts x 100 ClusterQueues, 50 workloads each (50,000). */
    public static final PerfShapes LARGE_SCALE = new PerfShapes("large-scale", 10, 100, 20, 100,
            PreemptionPolicy.Any, PreemptionPolicy.LowerPriority, List.of(
                    new WorkloadClass("small", 35, 60, 150, 50, 1),
                    new WorkloadClass("medium", 11, 300, 350, 100, 5),
                    new WorkloadClass("large", 4, 700, 700, 200, 20)));

    public static final String FLAVOR = "default";
    public static final String NAMESPACE = "perf";
    /** Time 0 of the generator: workload creation timestamps are offsets from here. */
    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    public static PerfShapes byName(String name) {
        return switch (name) {
            case "baseline" -> BASELINE;
            case "large-scale" -> LARGE_SCALE;
            default -> throw new IllegalArgumentException("unknown shape " + name + " (baseline, large-scale)");
        };
    }

    public int clusterQueueCount() {
        return cohorts * queuesPerCohort;
    }

    public int workloadCount() {
        return clusterQueueCount() * classes.stream().mapToInt(WorkloadClass::countPerQueue).sum();
    }

    public static String clusterQueueName(int cohort, int queue) {
        return "cohort-" + cohort + "-cq-" + queue;
    }

    /** ResourceFlavor, ClusterQueues and LocalQueues. */
    public List<KubeObject> queues() {
        List<KubeObject> objects = new ArrayList<>();
        objects.add(new ResourceFlavor(ObjectMeta.named(FLAVOR), Map.of(), List.of(), List.of()));
        ClusterQueuePreemption preemption =
                new ClusterQueuePreemption(reclaimWithinCohort, BorrowWithinCohort.NEVER, withinClusterQueue);
        List<ResourceGroup> groups = List.of(new ResourceGroup(List.of("cpu"), List.of(new FlavorQuotas(FLAVOR,
                List.of(new ResourceQuota("cpu", nominalCpu * 1000, borrowingLimitCpu * 1000, null))))));
        for (int c = 0; c < cohorts; c++) {
            for (int q = 0; q < queuesPerCohort; q++) {
                addQueue(objects, clusterQueueName(c, q), "cohort-" + c, groups, preemption);
            }
        }
        return objects;
    }

    /** A BestEffortFIFO ClusterQueue open to every namespace, with its LocalQueue "lq-<name>". */
    static void addQueue(List<KubeObject> objects, String cq, String cohort, List<ResourceGroup> groups,
                         ClusterQueuePreemption preemption) {
        objects.add(new ClusterQueue(ObjectMeta.named(cq), cohort, groups, LabelSelector.EVERYTHING,
                QueueingStrategy.BestEffortFIFO, FlavorFungibility.DEFAULT, preemption, StopPolicy.None, 1000, null));
        objects.add(new LocalQueue(new ObjectMeta("lq-" + cq, NAMESPACE, Map.of(), Map.of(), null, null), cq,
                StopPolicy.None, 1000));
    }

    /** All pending workloads, ClusterQueue by ClusterQueue, class by class. */
    public List<Workload> workloads() {
        List<Workload> out = new ArrayList<>(workloadCount());
        List<PodTemplate> templates = classes.stream()
                .map(k -> PodTemplate.ofRequests(Map.of("cpu", k.requestCpu() * 1000))).toList();
        for (int c = 0; c < cohorts; c++) {
            for (int q = 0; q < queuesPerCohort; q++) {
                String cq = clusterQueueName(c, q);
                for (int k = 0; k < classes.size(); k++) {
                    WorkloadClass wc = classes.get(k);
                    List<PodSet> podSets = List.of(new PodSet("main", 1, null, templates.get(k)));
                    for (int i = 0; i < wc.countPerQueue(); i++) {
                        Instant created = EPOCH.plusMillis(i * wc.creationIntervalMs());
                        ObjectMeta meta = new ObjectMeta(cq + "-" + wc.className() + "-" + i, NAMESPACE, Map.of(),
                                Map.of(), created, null);
                        out.add(new Workload(meta, "lq-" + cq, null, wc.priority(), true, podSets, null, List.of()));
                    }
                }
            }
        }
        return out;
    }

    /** Queue objects followed by every workload. */
    public List<KubeObject> allObjects() {
        List<KubeObject> all = new ArrayList<>(queues());
        all.addAll(workloads());
        return all;
    }
}
