package io.berth.sim.demo;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.config.FairSharingConfig;
import io.berth.api.core.LabelSelector;
import io.berth.api.core.ObjectMeta;
import io.berth.api.core.Namespace;
import io.berth.api.core.Toleration;
import io.berth.api.kueue.BorrowWithinCohort;
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
import io.berth.sim.model.SimInput;
import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Berth's built-in demo: a GPU cluster shared by four teams (on-demand A100 nodes, spot T4
 * nodes, CPU nodes), each team with guaranteed quota, and three seeded synthetic days of jobs
 * with bursts. The same trace runs under three policies: every team on its own quota; one cohort
 * where idle quota is borrowed and reclaimed by preemption; and the cohort with fair sharing.
 */
public final class DemoCluster {
    static final String A100 = "a100";
    static final String SPOT = "t4-spot";
    static final String CPU = "cpu-nodes";
    private static final long GI = 1L << 30;

    /** Team name, its share of the GPU pools and of the CPU pool as guaranteed quota (percent). */
    record Team(String name, int gpuShare, int cpuShare) {
    }

    static final List<Team> TEAMS = List.of(new Team("training", 50, 0), new Team("research", 30, 0),
            new Team("inference", 20, 0), new Team("analytics", 0, 100));

    /** A named policy variant of the demo. */
    public record Variant(String name, String description, SimInput input) {
    }

    private DemoCluster() {
    }

    public static List<SimNode> nodes() {
        List<SimNode> nodes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            nodes.add(new SimNode("a100-" + i, Map.of(SimNode.GPU_MODEL_LABEL, "A100", "pool", A100), List.of(),
                    96_000, 1024 * GI, 8, "A100"));
        }
        for (int i = 0; i < 16; i++) {
            nodes.add(new SimNode("t4-" + i, Map.of(SimNode.GPU_MODEL_LABEL, "T4", "pool", SPOT), List.of(
                    new io.berth.api.core.Taint("spot", "true", "NoSchedule")), 48_000, 256 * GI, 4, "T4"));
        }
        for (int i = 0; i < 8; i++) {
            nodes.add(new SimNode("cpu-" + i, Map.of("pool", CPU), List.of(), 64_000, 256 * GI, 0, null));
        }
        return nodes;
    }

    /** The three policies on the same seeded trace. */
    public static List<Variant> variants(long seed) {
        List<SimWorkload> trace = DemoTrace.generate(seed, TEAMS.stream().map(Team::name).toList());
        List<SimNode> nodes = nodes();
        return List.of(
                new Variant("isolated", "every team limited to its own quota",
                        new SimInput(queues(false, false), Configuration.DEFAULT, nodes, trace)),
                new Variant("borrow-reclaim", "one cohort: borrow idle quota, reclaim it by preemption",
                        new SimInput(queues(true, true), Configuration.DEFAULT, nodes, trace)),
                new Variant("fair-sharing", "one cohort with fair sharing and fair-sharing preemption",
                        new SimInput(queues(true, true), new Configuration(new FairSharingConfig(true, List.of())),
                                nodes, trace)));
    }

    static List<KubeObject> queues(boolean cohort, boolean preempt) {
        List<KubeObject> objects = new ArrayList<>();
        objects.add(new ResourceFlavor(ObjectMeta.named(A100), Map.of("pool", A100), List.of(), List.of()));
        objects.add(new ResourceFlavor(ObjectMeta.named(SPOT), Map.of("pool", SPOT), List.of(),
                List.of(new Toleration("spot", "Equal", "true", "NoSchedule"))));
        objects.add(new ResourceFlavor(ObjectMeta.named(CPU), Map.of("pool", CPU), List.of(), List.of()));
        ClusterQueuePreemption preemption = preempt
                ? new ClusterQueuePreemption(PreemptionPolicy.LowerPriority, BorrowWithinCohort.NEVER, PreemptionPolicy.LowerPriority)
                : ClusterQueuePreemption.DEFAULT;
        for (Team t : TEAMS) {
            long gpus = 128L * t.gpuShare() / 100;
            long spotGpus = 64L * t.gpuShare() / 100;
            long cpus = 512L * t.cpuShare() / 100;
            // GPU teams get GPU nodes, the CPU team gets CPU nodes: CPU-only jobs never hold GPU-node quota.
            List<FlavorQuotas> flavors = t.gpuShare() > 0
                    ? List.of(flavor(A100, 12 * gpus, 128 * gpus, gpus), flavor(SPOT, 12 * spotGpus, 64 * spotGpus, spotGpus))
                    : List.of(flavor(CPU, cpus, 4 * cpus, 0));
            List<ResourceGroup> groups = List.of(new ResourceGroup(List.of("cpu", "memory", "nvidia.com/gpu"), flavors));
            objects.add(new ClusterQueue(ObjectMeta.named(t.name()), cohort ? "org" : null, groups,
                    LabelSelector.EVERYTHING, QueueingStrategy.BestEffortFIFO, FlavorFungibility.DEFAULT, preemption,
                    StopPolicy.None, 1000, null));
            objects.add(new Namespace(new ObjectMeta(t.name(), null, Map.of("team", t.name()), Map.of(), null, null)));
            objects.add(new LocalQueue(new ObjectMeta("jobs", t.name(), Map.of(), Map.of(), null, null), t.name(),
                    StopPolicy.None, 1000));
        }
        return objects;
    }

    private static FlavorQuotas flavor(String name, long cpus, long memoryGi, long gpus) {
        return new FlavorQuotas(name, List.of(new ResourceQuota("cpu", cpus * 1000, null, null),
                new ResourceQuota("memory", memoryGi * GI * 1000, null, null),
                new ResourceQuota("nvidia.com/gpu", gpus * 1000, null, null)));
    }
}
