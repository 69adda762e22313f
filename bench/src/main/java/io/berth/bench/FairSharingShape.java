package io.berth.bench;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.config.FairSharingConfig;
import io.berth.api.core.ObjectMeta;
import io.berth.api.core.PodTemplate;
import io.berth.api.kueue.Admission;
import io.berth.api.kueue.BorrowWithinCohort;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.ClusterQueuePreemption;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.Condition;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.PodSet;
import io.berth.api.kueue.PodSetAssignment;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.api.kueue.Workload;
import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import io.berth.core.quota.FlavorResources;
import io.berth.core.workload.PodSetAdmission;
import io.berth.core.workload.WorkloadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fair-sharing preemption shape: {@code cohorts} Cohorts of {@code queuesPerCohort}
 * ClusterQueues under one root Cohort (hierarchical), one flavor, resource cpu, every
 * ClusterQueue with {@code nominalCpu} and no borrowing limit, fair sharing enabled with Kueue's
 * default strategies (or, with {@code fairSharing} false, classical preemption), reclaimWithinCohort
 * {@code reclaim} and withinClusterQueue LowerPriority.
 * <p>
 * Every other ClusterQueue (the even ones, "borrowers") first runs {@code lowPerBorrower}
 * low-priority workloads of {@code lowCpu}, which together take the whole quota of the tree
 * (each borrower uses twice its nominal quota); they are admitted by running cycles
 * ({@link #fill}). Then high-priority workloads of {@code highCpu} arrive in every ClusterQueue:
 * {@code highPerIdle} in each idle one (the first ones reclaim its nominal quota, the last one
 * borrows, so fair-sharing strategies decide) and {@code highPerBorrower} in each borrower
 * (already borrowing: within-queue preemption or fair sharing). Every cycle after the arrival
 * has to preempt. With {@code arrivalStride} k above 1, only every k-th ClusterQueue gets
 * arrivals, so a cycle has a k-th of the preempting heads. With {@code evicting} n above 0, the
 * first n admitted workloads are being evicted when the others arrive ({@link #markEvicting}).
 */
public record FairSharingShape(String name, int cohorts, int queuesPerCohort, long nominalCpu, int lowPerBorrower,
                               long lowCpu, int highPerIdle, int highPerBorrower, long highCpu,
                               PreemptionPolicy reclaim, int arrivalStride, boolean fairSharing, int evicting) {

    /** 10 cohorts x 100 ClusterQueues under one root: 4,000 low-priority workloads, then 2,000 high-priority. */
    public static final FairSharingShape FAIR_SHARING_1000 = new FairSharingShape("fair-sharing-1000", 10, 100, 20,
            8, 5, 3, 1, 10, PreemptionPolicy.Any, 1, true, 0);
    /** The same with reclaimWithinCohort LowerPriority. */
    public static final FairSharingShape FAIR_SHARING_1000_LOWER = new FairSharingShape("fair-sharing-1000-lower",
            10, 100, 20, 8, 5, 3, 1, 10, PreemptionPolicy.LowerPriority, 1, true, 0);
    /** The 1,000 ClusterQueues with arrivals in one of every 20: 50 preempting heads a cycle. */
    public static final FairSharingShape FAIR_SHARING_1000_SPARSE = new FairSharingShape("fair-sharing-1000-sparse",
            10, 100, 20, 8, 5, 3, 1, 10, PreemptionPolicy.Any, 20, true, 0);
    /**
     * The 1,000 ClusterQueues as 500 Cohorts of two under the root (a borrower and an idle one):
     * a flat organization, where a search meets hundreds of child cohorts at the root.
     */
    public static final FairSharingShape FAIR_SHARING_1000_FLAT = new FairSharingShape("fair-sharing-1000-flat",
            500, 2, 20, 8, 5, 3, 1, 10, PreemptionPolicy.Any, 1, true, 0);
    /**
     * The same 1,000 ClusterQueues in a single Cohort with classical preemption (fair sharing
     * off): every idle queue reclaims from the 500 that borrow.
     */
    public static final FairSharingShape CLASSICAL_1000 = new FairSharingShape("classical-1000", 1, 1000, 20, 8, 5,
            3, 1, 10, PreemptionPolicy.Any, 1, false, 0);
    /**
     * fair-sharing-1000 with one of the borrowers' workloads being evicted when the others arrive
     * (as an operator sees a pod that takes its time to stop): it holds its quota and comes first
     * among its queue's candidates.
     */
    public static final FairSharingShape FAIR_SHARING_1000_EVICTING = new FairSharingShape(
            "fair-sharing-1000-evicting", 10, 100, 20, 8, 5, 3, 1, 10, PreemptionPolicy.Any, 1, true, 1);
    /**
     * fair-sharing-1000 with a quarter of the admitted workloads (1,000) being evicted when the
     * others arrive, as after a burst of preemptions whose pods are still stopping: they come
     * first among candidates in every search.
     */
    public static final FairSharingShape FAIR_SHARING_1000_EVICTING_QUARTER = new FairSharingShape(
            "fair-sharing-1000-evicting-quarter", 10, 100, 20, 8, 5, 3, 1, 10, PreemptionPolicy.Any, 1, true, 1000);
    /** classical-1000 with a quarter of the admitted workloads being evicted. */
    public static final FairSharingShape CLASSICAL_1000_EVICTING_QUARTER = new FairSharingShape(
            "classical-1000-evicting-quarter", 1, 1000, 20, 8, 5, 3, 1, 10, PreemptionPolicy.Any, 1, false, 1000);
    /**
     * fair-sharing-1000 with ten times the quota and 100 workloads of 4 CPU in every borrower
     * (50,000 admitted): a search that refuses a queue's first candidate meets many alike after it.
     */
    public static final FairSharingShape FAIR_SHARING_1000_MANY = new FairSharingShape("fair-sharing-1000-many",
            10, 100, 200, 100, 4, 3, 1, 10, PreemptionPolicy.Any, 1, true, 0);
    /** A tenth of it, for quick runs. */
    public static final FairSharingShape FAIR_SHARING_100 = new FairSharingShape("fair-sharing-100", 10, 10, 20,
            8, 5, 3, 1, 10, PreemptionPolicy.Any, 1, true, 0);

    public static final String FLAVOR = "default";
    public static final String NAMESPACE = "perf";
    public static final String ROOT = "root";
    public static final int LOW_PRIORITY = 0;
    public static final int HIGH_PRIORITY = 100;
    /** Time 0: low-priority workloads are created from here, high-priority ones an hour later. */
    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    public static final Instant ARRIVAL = EPOCH.plusSeconds(3600);

    public static FairSharingShape byName(String name) {
        return switch (name) {
            case "fair-sharing-1000" -> FAIR_SHARING_1000;
            case "fair-sharing-1000-lower" -> FAIR_SHARING_1000_LOWER;
            case "fair-sharing-1000-sparse" -> FAIR_SHARING_1000_SPARSE;
            case "fair-sharing-1000-flat" -> FAIR_SHARING_1000_FLAT;
            case "classical-1000" -> CLASSICAL_1000;
            case "fair-sharing-1000-evicting" -> FAIR_SHARING_1000_EVICTING;
            case "fair-sharing-1000-evicting-quarter" -> FAIR_SHARING_1000_EVICTING_QUARTER;
            case "classical-1000-evicting-quarter" -> CLASSICAL_1000_EVICTING_QUARTER;
            case "fair-sharing-1000-many" -> FAIR_SHARING_1000_MANY;
            case "fair-sharing-100" -> FAIR_SHARING_100;
            default -> throw new IllegalArgumentException("unknown shape " + name
                    + " (fair-sharing-1000, fair-sharing-1000-lower, fair-sharing-1000-sparse, fair-sharing-1000-flat,"
                    + " classical-1000, fair-sharing-1000-evicting, fair-sharing-1000-evicting-quarter,"
                    + " classical-1000-evicting-quarter, fair-sharing-1000-many, fair-sharing-100)");
        };
    }

    public int clusterQueueCount() {
        return cohorts * queuesPerCohort;
    }

    public static String clusterQueueName(int cohort, int queue) {
        return "cohort-" + cohort + "-cq-" + queue;
    }

    static boolean isBorrower(int queue) {
        return queue % 2 == 0;
    }

    /** Kueue's Configuration with fair sharing on and the default strategies, or off (classical preemption). */
    public Configuration configuration() {
        return new Configuration(new FairSharingConfig(fairSharing, List.of()));
    }

    /** ResourceFlavor, the root Cohort, the Cohorts, ClusterQueues and one LocalQueue per ClusterQueue. */
    public List<KubeObject> queues() {
        List<KubeObject> objects = new ArrayList<>();
        objects.add(new ResourceFlavor(ObjectMeta.named(FLAVOR), Map.of(), List.of(), List.of()));
        objects.add(new Cohort(ObjectMeta.named(ROOT), null, List.of(), 1000));
        ClusterQueuePreemption preemption =
                new ClusterQueuePreemption(reclaim, BorrowWithinCohort.NEVER, PreemptionPolicy.LowerPriority);
        List<ResourceGroup> groups = List.of(new ResourceGroup(List.of("cpu"), List.of(new FlavorQuotas(FLAVOR,
                List.of(new ResourceQuota("cpu", nominalCpu * 1000, null, null))))));
        for (int c = 0; c < cohorts; c++) {
            objects.add(new Cohort(ObjectMeta.named("cohort-" + c), ROOT, List.of(), 1000));
            for (int q = 0; q < queuesPerCohort; q++) {
                PerfShapes.addQueue(objects, clusterQueueName(c, q), "cohort-" + c, groups, preemption);
            }
        }
        return objects;
    }

    /** The borrowers' low-priority workloads, pending. */
    public List<Workload> lowPriorityWorkloads() {
        List<Workload> out = new ArrayList<>();
        for (int c = 0; c < cohorts; c++) {
            for (int q = 0; q < queuesPerCohort; q++) {
                if (isBorrower(q)) {
                    for (int i = 0; i < lowPerBorrower; i++) {
                        out.add(workload(clusterQueueName(c, q), "low", i, LOW_PRIORITY, lowCpu, EPOCH.plusMillis(i)));
                    }
                }
            }
        }
        return out;
    }

    /** The high-priority arrivals in every ClusterQueue, pending. */
    public List<Workload> highPriorityWorkloads() {
        List<Workload> out = new ArrayList<>();
        for (int c = 0; c < cohorts; c++) {
            for (int q = 0; q < queuesPerCohort; q++) {
                if ((c * queuesPerCohort + q) % arrivalStride != 0) {
                    continue;
                }
                int n = isBorrower(q) ? highPerBorrower : highPerIdle;
                for (int i = 0; i < n; i++) {
                    out.add(workload(clusterQueueName(c, q), "high", i, HIGH_PRIORITY, highCpu, ARRIVAL.plusMillis(i)));
                }
            }
        }
        return out;
    }

    private static Workload workload(String cq, String kind, int i, int priority, long cpu, Instant created) {
        ObjectMeta meta = new ObjectMeta(cq + "-" + kind + "-" + i, NAMESPACE, Map.of(), Map.of(), created, null);
        PodSet podSet = new PodSet("main", 1, null, PodTemplate.ofRequests(Map.of("cpu", cpu * 1000)));
        return new Workload(meta, "lq-" + cq, null, priority, true, List.of(podSet), null, List.of());
    }

    /**
     * Marks the first {@code evicting} admitted workloads as being evicted (Evicted=True, still
     * holding quota), as the engine learns of an eviction another controller started.
     */
    public void markEvicting(Engine engine) {
        List<Workload> admitted = admittedSnapshot(engine);
        for (int i = 0; i < Math.min(evicting, admitted.size()); i++) {
            Workload w = admitted.get(i);
            List<Condition> conditions = new ArrayList<>(w.conditions());
            conditions.add(new Condition(Workload.EVICTED, "True", "Preempted", "", ARRIVAL));
            engine.apply(new Workload(w.metadata(), w.queueName(), w.priorityClass(), w.priority(), true, w.podSets(),
                    w.admission(), conditions));
        }
    }

    /** What filling did: cycles run, workloads admitted, time taken. */
    public record Fill(long cycles, long admitted, long nanos) {
    }

    /** Applies the low-priority workloads and runs cycles (1 s apart from EPOCH) until one admits and preempts nothing. */
    public Fill fill(Engine engine) {
        lowPriorityWorkloads().forEach(engine::apply);
        long start = System.nanoTime();
        long now = EPOCH.toEpochMilli();
        long cycles = 0;
        long admitted = 0;
        while (cycles < 10_000) {
            CycleResult r = engine.schedule(now);
            cycles++;
            admitted += r.admitted().size();
            if (r.admitted().isEmpty() && r.preempted().isEmpty()) {
                break;
            }
            now += 1000;
        }
        return new Fill(cycles, admitted, System.nanoTime() - start);
    }

    /**
     * The workloads holding quota in the engine as Workload objects with status.admission and
     * QuotaReserved=True (at their admission time), so a fresh engine can start from this state.
     */
    public static List<Workload> admittedSnapshot(Engine engine) {
        FlavorResources frs = engine.flavorResources();
        List<Workload> out = new ArrayList<>();
        for (WorkloadInfo w : engine.workloads()) {
            if (!w.isAdmitted()) {
                continue;
            }
            List<PodSetAssignment> assignments = new ArrayList<>();
            for (PodSetAdmission psa : w.admission().podSets()) {
                Map<String, String> flavors = new TreeMap<>();
                for (int i = 0; i < psa.resources().length; i++) {
                    flavors.put(frs.resources().name(psa.resources()[i]), psa.flavors()[i]);
                }
                assignments.add(new PodSetAssignment(psa.name(), flavors, null, psa.count()));
            }
            Workload spec = w.spec();
            out.add(new Workload(spec.metadata(), spec.queueName(), spec.priorityClass(), spec.priority(), true,
                    spec.podSets(), new Admission(w.admission().clusterQueue(), assignments),
                    List.of(new Condition(Workload.QUOTA_RESERVED, "True", "QuotaReserved", "",
                            Instant.ofEpochMilli(w.admittedAt())))));
        }
        return out;
    }
}
