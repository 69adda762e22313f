package io.berth.core;

import io.berth.api.core.LabelSelector;
import io.berth.api.core.NodeSelectorRequirement;
import io.berth.api.core.NodeSelectorTerm;
import io.berth.api.core.ObjectMeta;
import io.berth.api.core.PodTemplate;
import io.berth.api.core.Taint;
import io.berth.api.core.Toleration;
import io.berth.api.kueue.Admission;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.ClusterQueuePreemption;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.Condition;
import io.berth.api.kueue.FlavorFungibility;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.FungibilityPolicy;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.PodSet;
import io.berth.api.kueue.PodSetAssignment;
import io.berth.api.kueue.PriorityClassRef;
import io.berth.api.kueue.QueueingStrategy;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.api.kueue.StopPolicy;
import io.berth.api.kueue.Workload;
import io.berth.api.kueue.WorkloadPriorityClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small test vocabulary for Kueue objects, built through the api records' canonical
 * constructors. Amounts are whole units (1 cpu, 1 pod) unless a method says otherwise; the
 * records hold milli-units, so {@link #units} converts.
 */
public final class Kueue {
    /** Every test's epoch: creation timestamps are this plus a few seconds. */
    public static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private Kueue() {
    }

    /** Whole units to the milli-units the api records and the engine hold. */
    public static long units(long n) {
        return n * 1000;
    }

    // ---------------------------------------------------------------- quota

    /** A ResourceQuota with no borrowing or lending limit (whole units). */
    public static ResourceQuota quota(String resource, long nominal) {
        return new ResourceQuota(resource, units(nominal), null, null);
    }

    /** A ResourceQuota with limits (whole units, null for "no limit"). */
    public static ResourceQuota quota(String resource, long nominal, Long borrowingLimit, Long lendingLimit) {
        return new ResourceQuota(resource, units(nominal),
                borrowingLimit == null ? null : units(borrowingLimit),
                lendingLimit == null ? null : units(lendingLimit));
    }

    public static FlavorQuotas flavorQuotas(String flavor, ResourceQuota... quotas) {
        return new FlavorQuotas(flavor, List.of(quotas));
    }

    public static ResourceGroup group(List<String> coveredResources, FlavorQuotas... flavors) {
        return new ResourceGroup(coveredResources, List.of(flavors));
    }

    /** A one-resource group: cpu in the given flavors. */
    public static ResourceGroup cpuGroup(FlavorQuotas... flavors) {
        return group(List.of("cpu"), flavors);
    }

    // ---------------------------------------------------------------- flavors

    public static ResourceFlavor flavor(String name) {
        return new ResourceFlavor(ObjectMeta.named(name), Map.of(), List.of(), List.of());
    }

    public static ResourceFlavor flavor(String name, Map<String, String> nodeLabels) {
        return new ResourceFlavor(ObjectMeta.named(name), nodeLabels, List.of(), List.of());
    }

    public static ResourceFlavor flavor(String name, Map<String, String> nodeLabels, List<Taint> taints,
                                        List<Toleration> tolerations) {
        return new ResourceFlavor(ObjectMeta.named(name), nodeLabels, taints, tolerations);
    }

    public static Map<String, ResourceFlavor> flavorMap(ResourceFlavor... flavors) {
        Map<String, ResourceFlavor> m = new LinkedHashMap<>();
        for (ResourceFlavor f : flavors) {
            m.put(f.metadata().name(), f);
        }
        return m;
    }

    // ---------------------------------------------------------------- queues

    /** A ClusterQueue builder with Kueue's defaults, except that it selects every namespace. */
    public static CQ cq(String name) {
        return new CQ(name);
    }

    public static final class CQ {
        private final String name;
        private String cohort;
        private final List<ResourceGroup> groups = new ArrayList<>();
        private LabelSelector namespaceSelector = LabelSelector.EVERYTHING;
        private QueueingStrategy strategy = QueueingStrategy.BestEffortFIFO;
        private FlavorFungibility fungibility = FlavorFungibility.DEFAULT;
        private StopPolicy stopPolicy = StopPolicy.None;
        private Instant deletionTimestamp;

        private CQ(String name) {
            this.name = name;
        }

        public CQ cohort(String cohort) {
            this.cohort = cohort;
            return this;
        }

        public CQ groups(ResourceGroup... groups) {
            this.groups.addAll(List.of(groups));
            return this;
        }

        public CQ namespaceSelector(LabelSelector selector) {
            this.namespaceSelector = selector;
            return this;
        }

        public CQ strategy(QueueingStrategy strategy) {
            this.strategy = strategy;
            return this;
        }

        public CQ whenCanBorrow(FungibilityPolicy policy) {
            this.fungibility = new FlavorFungibility(policy, fungibility.whenCanPreempt(), fungibility.preference());
            return this;
        }

        public CQ stopPolicy(StopPolicy stopPolicy) {
            this.stopPolicy = stopPolicy;
            return this;
        }

        /** Being deleted: its deletion is held back by a finalizer. */
        public CQ deleting() {
            this.deletionTimestamp = T0;
            return this;
        }

        public ClusterQueue build() {
            ObjectMeta meta = new ObjectMeta(name, null, Map.of(), Map.of(), null, null, deletionTimestamp);
            return new ClusterQueue(meta, cohort, groups, namespaceSelector, strategy, fungibility,
                    ClusterQueuePreemption.DEFAULT, stopPolicy, 1000, null);
        }
    }

    public static Cohort cohort(String name, String parent, ResourceGroup... groups) {
        return new Cohort(ObjectMeta.named(name), parent, List.of(groups), 1000);
    }

    public static LocalQueue localQueue(String namespace, String name, String clusterQueue) {
        return new LocalQueue(meta(namespace, name, 0), clusterQueue, StopPolicy.None, 1000);
    }

    public static LocalQueue localQueue(String namespace, String name, String clusterQueue, StopPolicy stopPolicy) {
        return new LocalQueue(meta(namespace, name, 0), clusterQueue, stopPolicy, 1000);
    }

    public static io.berth.api.core.Namespace namespace(String name, Map<String, String> labels) {
        return new io.berth.api.core.Namespace(new ObjectMeta(name, null, labels, Map.of(), T0, null));
    }

    public static WorkloadPriorityClass workloadPriorityClass(String name, int value) {
        return new WorkloadPriorityClass(ObjectMeta.named(name), value, null);
    }

    public static ObjectMeta meta(String namespace, String name, long createdSecondsAfterT0) {
        return new ObjectMeta(name, namespace, Map.of(), Map.of(), T0.plusSeconds(createdSecondsAfterT0), null);
    }

    // ---------------------------------------------------------------- pods and workloads

    /** Per-pod requests in whole units, e.g. pod("cpu", 2, "memory", 4). */
    public static PodTemplate pod(Object... resourceAndUnits) {
        Map<String, Long> requests = new LinkedHashMap<>();
        for (int i = 0; i < resourceAndUnits.length; i += 2) {
            requests.put((String) resourceAndUnits[i], units(((Number) resourceAndUnits[i + 1]).longValue()));
        }
        return PodTemplate.ofRequests(requests);
    }

    public static PodTemplate withNodeSelector(PodTemplate p, Map<String, String> nodeSelector) {
        return new PodTemplate(p.requests(), nodeSelector, p.requiredNodeAffinity(), p.tolerations());
    }

    public static PodTemplate withAffinity(PodTemplate p, NodeSelectorTerm... terms) {
        return new PodTemplate(p.requests(), p.nodeSelector(), List.of(terms), p.tolerations());
    }

    public static PodTemplate withTolerations(PodTemplate p, Toleration... tolerations) {
        return new PodTemplate(p.requests(), p.nodeSelector(), p.requiredNodeAffinity(), List.of(tolerations));
    }

    public static NodeSelectorTerm term(NodeSelectorRequirement... requirements) {
        return new NodeSelectorTerm(List.of(requirements));
    }

    public static NodeSelectorRequirement req(String key, String operator, String... values) {
        return new NodeSelectorRequirement(key, operator, List.of(values));
    }

    public static PodSet podSet(String name, int count, PodTemplate template) {
        return new PodSet(name, count, null, template);
    }

    public static PodSet podSet(String name, int count, Integer minCount, PodTemplate template) {
        return new PodSet(name, count, minCount, template);
    }

    /** A Workload builder: active, no priority, submitted to a LocalQueue. */
    public static WL workload(String namespace, String name) {
        return new WL(namespace, name);
    }

    public static final class WL {
        private final String namespace;
        private final String name;
        private long created;
        private String queue = "q";
        private PriorityClassRef priorityClass;
        private Integer priority;
        private final List<PodSet> podSets = new ArrayList<>();
        private Admission admission;
        private final List<Condition> conditions = new ArrayList<>();

        private WL(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }

        /** Creation time, seconds after {@link #T0}. */
        public WL created(long seconds) {
            this.created = seconds;
            return this;
        }

        public WL queue(String queue) {
            this.queue = queue;
            return this;
        }

        public WL priority(int priority) {
            this.priority = priority;
            return this;
        }

        public WL workloadPriorityClass(String name) {
            this.priorityClass = new PriorityClassRef(PriorityClassRef.KUEUE_GROUP, name);
            return this;
        }

        public WL priorityClass(PriorityClassRef ref) {
            this.priorityClass = ref;
            return this;
        }

        public WL podSets(PodSet... podSets) {
            this.podSets.addAll(List.of(podSets));
            return this;
        }

        /** One pod set "main" of count pods with these per-pod requests. */
        public WL pods(int count, Object... resourceAndUnits) {
            return podSets(podSet("main", count, pod(resourceAndUnits)));
        }

        /**
         * Already holds quota: status.admission in clusterQueue with every request of pod set
         * "main" in flavor, and QuotaReserved=True.
         */
        public WL admittedIn(String clusterQueue, String flavor) {
            PodSet main = podSets.get(0);
            Map<String, String> flavors = new LinkedHashMap<>();
            main.template().requests().keySet().forEach(r -> flavors.put(r, flavor));
            this.admission = new Admission(clusterQueue,
                    List.of(new PodSetAssignment(main.name(), flavors, null, main.count())));
            this.conditions.add(new Condition(Workload.QUOTA_RESERVED, "True", "QuotaReserved", "", T0));
            return this;
        }

        public Workload build() {
            return new Workload(meta(namespace, name, created), queue, priorityClass, priority, true, podSets,
                    admission, conditions);
        }
    }
}
