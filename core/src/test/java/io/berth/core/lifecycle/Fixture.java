package io.berth.core.lifecycle;

import io.berth.api.KubeObject;
import io.berth.api.config.AdmissionFairSharingConfig;
import io.berth.api.config.BerthExtensions;
import io.berth.api.config.Configuration;
import io.berth.api.config.FairSharingConfig;
import io.berth.api.config.WaitForPodsReadyConfig;
import io.berth.api.core.LabelSelector;
import io.berth.api.core.ObjectMeta;
import io.berth.api.core.PodTemplate;
import io.berth.api.kueue.Admission;
import io.berth.api.kueue.AdmissionMode;
import io.berth.api.kueue.BorrowWithinCohort;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.ClusterQueuePreemption;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.Condition;
import io.berth.api.kueue.FlavorFungibility;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.PodSet;
import io.berth.api.kueue.PodSetAssignment;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.api.kueue.QueueingStrategy;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.api.kueue.StopPolicy;
import io.berth.api.kueue.Workload;
import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import io.berth.core.preempt.Target;
import io.berth.core.workload.PodSetAdmission;
import io.berth.core.workload.WorkloadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test vocabulary for the lifecycle tests: Kueue objects built through the api records'
 * canonical constructors, with amounts in whole units (the records hold milli-units) and times
 * in seconds after {@link #T0}. Every namespaced object lives in namespace "ns" unless given.
 */
final class Fixture {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final String NS = "ns";

    private Fixture() {
    }

    /** Epoch milliseconds of a virtual time, in seconds after T0. */
    static long at(double seconds) {
        return T0.toEpochMilli() + Math.round(seconds * 1000);
    }

    static long milli(double units) {
        return Math.round(units * 1000);
    }

    // ------------------------------------------------------------------ configuration

    static Configuration config() {
        return Configuration.DEFAULT;
    }

    static Configuration fairSharing(String... strategies) {
        return new Configuration(new FairSharingConfig(true, List.of(strategies)));
    }

    static Configuration podsReady(WaitForPodsReadyConfig podsReady) {
        return new Configuration(null, podsReady, null, null);
    }

    static Configuration admissionFairSharing(AdmissionFairSharingConfig afs) {
        return new Configuration(null, null, afs, null);
    }

    static Configuration admissionsPerClusterQueue(int n) {
        return new Configuration(null, null, null, new BerthExtensions(n));
    }

    static Engine engine(Configuration config, List<? extends KubeObject> objects) {
        Engine e = new Engine(config);
        e.applyAll(objects);
        return e;
    }

    // ------------------------------------------------------------------ quota objects

    static ResourceFlavor flavor(String name) {
        return new ResourceFlavor(ObjectMeta.named(name), Map.of(), List.of(), List.of());
    }

    /** A resource group covering the given resources in one flavor: resource, nominal, resource, nominal... */
    static ResourceGroup group(String flavor, Object... resourceAndNominal) {
        List<String> covered = new ArrayList<>();
        List<ResourceQuota> quotas = new ArrayList<>();
        for (int i = 0; i < resourceAndNominal.length; i += 2) {
            String resource = (String) resourceAndNominal[i];
            covered.add(resource);
            quotas.add(new ResourceQuota(resource, milli(((Number) resourceAndNominal[i + 1]).doubleValue()), null, null));
        }
        return new ResourceGroup(covered, List.of(new FlavorQuotas(flavor, quotas)));
    }

    /** One cpu resource group in flavor "default". */
    static ResourceGroup cpu(double nominal) {
        return group("default", "cpu", nominal);
    }

    static CQ cq(String name) {
        return new CQ(name);
    }

    /** A ClusterQueue builder: selects every namespace, BestEffortFIFO, Kueue's default fungibility, no preemption. */
    static final class CQ {
        private final String name;
        private String cohort;
        private final List<ResourceGroup> groups = new ArrayList<>();
        private QueueingStrategy strategy = QueueingStrategy.BestEffortFIFO;
        private FlavorFungibility fungibility = FlavorFungibility.DEFAULT;
        private ClusterQueuePreemption preemption = ClusterQueuePreemption.DEFAULT;
        private StopPolicy stopPolicy = StopPolicy.None;
        private long weight = 1000;
        private AdmissionMode admissionMode;
        private final Map<String, String> annotations = new LinkedHashMap<>();

        private CQ(String name) {
            this.name = name;
        }

        CQ cohort(String cohort) {
            this.cohort = cohort;
            return this;
        }

        CQ groups(ResourceGroup... groups) {
            this.groups.addAll(List.of(groups));
            return this;
        }

        CQ strategy(QueueingStrategy strategy) {
            this.strategy = strategy;
            return this;
        }

        CQ fungibility(FlavorFungibility fungibility) {
            this.fungibility = fungibility;
            return this;
        }

        CQ withinClusterQueue(PreemptionPolicy p) {
            preemption = new ClusterQueuePreemption(preemption.reclaimWithinCohort(), preemption.borrowWithinCohort(), p);
            return this;
        }

        CQ reclaimWithinCohort(PreemptionPolicy p) {
            preemption = new ClusterQueuePreemption(p, preemption.borrowWithinCohort(), preemption.withinClusterQueue());
            return this;
        }

        CQ borrowWithinCohort(PreemptionPolicy p, Integer maxPriorityThreshold) {
            preemption = new ClusterQueuePreemption(preemption.reclaimWithinCohort(),
                    new BorrowWithinCohort(p, maxPriorityThreshold), preemption.withinClusterQueue());
            return this;
        }

        CQ preemption(ClusterQueuePreemption preemption) {
            this.preemption = preemption;
            return this;
        }

        CQ stopPolicy(StopPolicy stopPolicy) {
            this.stopPolicy = stopPolicy;
            return this;
        }

        /** fairSharing.weight (1 is Kueue's default). */
        CQ weight(double weight) {
            this.weight = milli(weight);
            return this;
        }

        CQ admissionMode(AdmissionMode mode) {
            this.admissionMode = mode;
            return this;
        }

        CQ annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        ClusterQueue build() {
            return new ClusterQueue(new ObjectMeta(name, null, Map.of(), annotations, T0, null), cohort, groups,
                    LabelSelector.EVERYTHING, strategy, fungibility, preemption, stopPolicy, weight, admissionMode);
        }
    }

    static Cohort cohort(String name, String parent, ResourceGroup... groups) {
        return new Cohort(ObjectMeta.named(name), parent, List.of(groups), 1000);
    }

    static LocalQueue lq(String name, String clusterQueue) {
        return lq(name, clusterQueue, 1, StopPolicy.None);
    }

    static LocalQueue lq(String name, String clusterQueue, double weight, StopPolicy stopPolicy) {
        return lq(name, clusterQueue, weight, stopPolicy, Map.of());
    }

    /** consumed: admission fair sharing usage persisted in the LocalQueue's status, in whole units. */
    static LocalQueue lq(String name, String clusterQueue, double weight, StopPolicy stopPolicy,
                         Map<String, Double> consumed) {
        Map<String, Long> millis = new java.util.HashMap<>();
        consumed.forEach((r, v) -> millis.put(r, milli(v)));
        return new LocalQueue(new ObjectMeta(name, NS, Map.of(), Map.of(), T0, null), clusterQueue, stopPolicy,
                milli(weight), millis);
    }

    // ------------------------------------------------------------------ workloads

    static WL wl(String name) {
        return new WL(name);
    }

    /** A Workload builder: namespace ns, LocalQueue "q", priority 0, created at T0, active, one pod. */
    static final class WL {
        private final String name;
        private String queue = "q";
        private int priority;
        private double created;
        private boolean active = true;
        private final List<PodSet> podSets = new ArrayList<>();
        private String admittedIn;
        private String admittedFlavor;
        private double admittedAt;
        private String gatedBy;
        private Integer maxSeconds;
        private Integer pastSeconds;

        private WL(String name) {
            this.name = name;
        }

        WL queue(String queue) {
            this.queue = queue;
            return this;
        }

        WL priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** Creation time in seconds after T0. */
        WL created(double seconds) {
            this.created = seconds;
            return this;
        }

        WL inactive() {
            this.active = false;
            return this;
        }

        /** spec.maximumExecutionTimeSeconds, and status.accumulatedPastExecutionTimeSeconds (or null). */
        WL maximumExecutionTime(int seconds, Integer pastSecondsOrNull) {
            this.maxSeconds = seconds;
            this.pastSeconds = pastSecondsOrNull;
            return this;
        }

        /** Kueue's admission-gated-by annotation, with these gates. */
        WL gatedBy(String gates) {
            this.gatedBy = gates;
            return this;
        }

        /** One pod set "main" of count pods with per-pod requests: resource, units, resource, units... */
        WL pods(int count, Object... resourceAndUnits) {
            return podSet("main", count, null, resourceAndUnits);
        }

        WL podSet(String psName, int count, Integer minCount, Object... resourceAndUnits) {
            Map<String, Long> requests = new LinkedHashMap<>();
            for (int i = 0; i < resourceAndUnits.length; i += 2) {
                requests.put((String) resourceAndUnits[i], milli(((Number) resourceAndUnits[i + 1]).doubleValue()));
            }
            podSets.add(new PodSet(psName, count, minCount, PodTemplate.ofRequests(requests)));
            return this;
        }

        /** Already holds quota in clusterQueue, every request in flavor, reserved at the given second. */
        WL admitted(String clusterQueue, String flavor, double atSeconds) {
            this.admittedIn = clusterQueue;
            this.admittedFlavor = flavor;
            this.admittedAt = atSeconds;
            return this;
        }

        WL admitted(String clusterQueue, double atSeconds) {
            return admitted(clusterQueue, "default", atSeconds);
        }

        Workload build() {
            if (podSets.isEmpty()) {
                pods(1, "cpu", 1);
            }
            Admission admission = null;
            List<Condition> conditions = new ArrayList<>();
            if (admittedIn != null) {
                List<PodSetAssignment> assignments = new ArrayList<>();
                for (PodSet ps : podSets) {
                    Map<String, String> flavors = new LinkedHashMap<>();
                    ps.template().requests().keySet().forEach(r -> flavors.put(r, admittedFlavor));
                    assignments.add(new PodSetAssignment(ps.name(), flavors, null, ps.count()));
                }
                admission = new Admission(admittedIn, assignments);
                conditions.add(new Condition(Workload.QUOTA_RESERVED, "True", "QuotaReserved", "",
                        Instant.ofEpochMilli(at(admittedAt))));
            }
            Map<String, String> annotations = gatedBy == null ? Map.of() : Map.of(Workload.ADMISSION_GATED_BY, gatedBy);
            ObjectMeta meta = new ObjectMeta(name, NS, Map.of(), annotations, Instant.ofEpochMilli(at(created)), null);
            return new Workload(meta, queue, null, priority, active, podSets, admission, conditions, null, null,
                    maxSeconds, pastSeconds);
        }
    }

    static String key(String name) {
        return NS + "/" + name;
    }

    // ------------------------------------------------------------------ reading results

    static List<String> admitted(CycleResult r) {
        return r.admitted().stream().map(WorkloadInfo::key).toList();
    }

    /** Victims of a cycle, namespace/name to Kueue's Preempted reason, in the order chosen. */
    static Map<String, String> preempted(CycleResult r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Target t : r.preempted()) {
            m.put(t.workload().key(), t.reason());
        }
        return m;
    }

    /** Keys of every workload that holds quota, sorted. */
    static List<String> holdingQuota(Engine e) {
        return e.workloads().stream().filter(WorkloadInfo::isAdmitted).map(WorkloadInfo::key).sorted().toList();
    }

    /** "cq podSet:resource=flavor,..." of an admitted workload, or "-" when it holds no quota. */
    static String placement(Engine e, WorkloadInfo w) {
        if (!w.isAdmitted()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(w.admission().clusterQueue());
        for (PodSetAdmission ps : w.admission().podSets()) {
            Map<String, String> flavors = new TreeMap<>();
            for (int i = 0; i < ps.resources().length; i++) {
                flavors.put(e.flavorResources().resources().name(ps.resources()[i]), ps.flavors()[i]);
            }
            sb.append(' ').append(ps.name()).append('x').append(ps.count()).append(flavors);
        }
        return sb.toString();
    }

    /** Every admitted workload with its placement, by key. */
    static Map<String, String> placements(Engine e) {
        Map<String, String> m = new TreeMap<>();
        for (WorkloadInfo w : e.workloads()) {
            if (w.isAdmitted()) {
                m.put(w.key(), placement(e, w));
            }
        }
        return m;
    }
}
