package io.berth.sim.input;

import io.berth.api.KubeObject;
import io.berth.api.core.LabelSelector;
import io.berth.api.core.Namespace;
import io.berth.api.core.ObjectMeta;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.ClusterQueuePreemption;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.FlavorFungibility;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.QueueingStrategy;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.api.kueue.StopPolicy;
import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimPodSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Default Kueue objects for a trace that comes without queue manifests: the cluster's capacity
 * split evenly between tenants that may borrow from each other.
 * <ul>
 * <li>a ResourceFlavor {@value #DEFAULT_FLAVOR} without node labels for the capacity of the nodes
 * without GPUs, and one ResourceFlavor per GPU model (named after the model, lower-cased, e.g.
 * {@code v100m16}) with {@code nodeLabels {nvidia.com/gpu.product: <model>}};</li>
 * <li>a Cohort {@value #COHORT};</li>
 * <li>per tenant, a ClusterQueue of the tenant's name in that cohort: one resource group covering
 * cpu, memory and (with GPU nodes) {@code nvidia.com/gpu}, flavors {@value #DEFAULT_FLAVOR} first
 * (its GPU quota 0) then the GPU models in name order; each quota is the flavor's capacity (the sum
 * over its nodes) divided by the number of tenants, rounded down to a milli-unit; no borrowing or
 * lending limit, namespaceSelector {}, BestEffortFIFO, Kueue's default preemption (none);</li>
 * <li>the Namespace and, per tenant, a LocalQueue of the same name pointing at its ClusterQueue.</li>
 * </ul>
 * Without nodes every quota is 0.
 */
public final class QueueTemplates {
    public static final String DEFAULT_FLAVOR = "default";
    public static final String COHORT = "cluster";

    private QueueTemplates() {
    }

    /** Objects in the order flavors, cohort, ClusterQueues, Namespace, LocalQueues. */
    public static List<KubeObject> forTenants(List<String> localQueues, String namespace, List<SimNode> nodes) {
        List<String> tenants = new ArrayList<>(new LinkedHashSet<>(localQueues));
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("no tenants: expected at least one LocalQueue");
        }
        for (String t : tenants) {
            if (!Values.isDnsLabel(t)) {
                throw new IllegalArgumentException("invalid tenant " + Values.quote(t)
                        + ": expected a DNS-1123 label, as it names a ClusterQueue and a LocalQueue");
            }
        }
        String ns = namespace == null ? QueueMapping.DEFAULT_NAMESPACE : namespace;
        if (!Values.isDnsLabel(ns)) {
            throw new IllegalArgumentException("invalid namespace " + Values.quote(ns) + ": expected a DNS-1123 label");
        }
        Capacity cpuOnly = new Capacity();
        Map<String, Capacity> byModel = new TreeMap<>();
        for (SimNode n : nodes) {
            if (n.gpus() > 0 && n.gpuModel() == null) {
                throw new IllegalArgumentException("node " + n.name() + " has GPUs but no GPU model");
            }
            Capacity c = n.gpus() > 0 ? byModel.computeIfAbsent(n.gpuModel(), m -> new Capacity()) : cpuOnly;
            c.add(n);
        }
        boolean gpus = !byModel.isEmpty();
        List<String> covered = gpus ? List.of("cpu", "memory", SimPodSet.GPU) : List.of("cpu", "memory");
        List<KubeObject> objects = new ArrayList<>();
        List<FlavorQuotas> quotas = new ArrayList<>();
        objects.add(new ResourceFlavor(ObjectMeta.named(DEFAULT_FLAVOR), Map.of(), List.of(), List.of()));
        quotas.add(cpuOnly.quotas(DEFAULT_FLAVOR, gpus, tenants.size()));
        Set<String> used = new HashSet<>(Set.of(DEFAULT_FLAVOR));
        for (Map.Entry<String, Capacity> e : byModel.entrySet()) {
            String flavor = flavorName(e.getKey());
            for (int i = 2; !used.add(flavor); i++) {
                flavor = flavorName(e.getKey()) + "-" + i; // two models with the same lower-cased name
            }
            objects.add(new ResourceFlavor(ObjectMeta.named(flavor), Map.of(SimNode.GPU_MODEL_LABEL, e.getKey()),
                    List.of(), List.of()));
            quotas.add(e.getValue().quotas(flavor, true, tenants.size()));
        }
        objects.add(new Cohort(ObjectMeta.named(COHORT), null, List.of(), 1000));
        ResourceGroup group = new ResourceGroup(covered, quotas);
        for (String t : tenants) {
            objects.add(new ClusterQueue(ObjectMeta.named(t), COHORT, List.of(group), LabelSelector.EVERYTHING,
                    QueueingStrategy.BestEffortFIFO, FlavorFungibility.DEFAULT, ClusterQueuePreemption.DEFAULT,
                    StopPolicy.None, 1000, null));
        }
        objects.add(new Namespace(ObjectMeta.named(ns)));
        for (String t : tenants) {
            objects.add(new LocalQueue(new ObjectMeta(t, ns, Map.of(), Map.of(), null, null), t, StopPolicy.None, 1000));
        }
        return objects;
    }

    /**
     * The flavor of a GPU model: its name as a Kubernetes name, "gpu" when nothing is left, never
     * "default" ("default-gpu"); a second model with the same name gets "-2", and so on.
     */
    static String flavorName(String model) {
        String name = Values.toName(model);
        if (name.isEmpty()) {
            name = "gpu";
        }
        return name.equals(DEFAULT_FLAVOR) ? DEFAULT_FLAVOR + "-gpu" : name;
    }

    /** Summed capacity of some nodes, in milli-units. */
    private static final class Capacity {
        long cpu;
        long memory;
        long gpu;

        void add(SimNode n) {
            cpu = Math.addExact(cpu, n.cpuMilli());
            memory = Math.addExact(memory, Math.multiplyExact(n.memoryBytes(), 1000L));
            gpu = Math.addExact(gpu, Math.multiplyExact((long) n.gpus(), 1000L));
        }

        FlavorQuotas quotas(String flavor, boolean withGpu, int tenants) {
            List<ResourceQuota> rs = new ArrayList<>();
            rs.add(new ResourceQuota("cpu", cpu / tenants, null, null));
            rs.add(new ResourceQuota("memory", memory / tenants, null, null));
            if (withGpu) {
                rs.add(new ResourceQuota(SimPodSet.GPU, gpu / tenants, null, null));
            }
            return new FlavorQuotas(flavor, rs);
        }
    }
}
