package io.berth.core.preempt;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.CountingUnits;
import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.config.FairSharingConfig;
import io.berth.api.core.LabelSelector;
import io.berth.api.core.ObjectMeta;
import io.berth.api.core.PodTemplate;
import io.berth.api.kueue.Admission;
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
import io.berth.core.cycle.PendingStatus;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.CohortNode;
import io.berth.core.quota.DominantResourceShare;
import io.berth.core.quota.QuotaNode;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.Usage;
import io.berth.core.workload.WorkloadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized test of preemption decisions, driven through {@link Engine}. Every seed
 * builds a random hierarchical cohort tree (Cohort objects with parents and sometimes their own
 * quota, limits and fair-sharing weights), ClusterQueues with random nominal / borrowingLimit /
 * lendingLimit and preemption policies, admitted workloads (applied with status.admission and
 * QuotaReserved=True when they fit, and sometimes more admitted by running cycles), then one
 * pending preemptor, and runs the cycle in which it preempts. Half of the seeds use fair sharing
 * with one of Kueue's strategy lists ([], [LessThanOrEqualToFinalShare],
 * [LessThanInitialShare], both). Against the state recorded just before that cycle it checks:
 * <ol>
 *   <li><b>policy</b>: a victim in the preemptor's ClusterQueue is allowed by withinClusterQueue,
 *       one in another queue of the tree by reclaimWithinCohort (LowerPriority: strictly lower
 *       priority; Never: none), InCohortReclaimWhileBorrowing respects borrowWithinCohort's
 *       maxPriorityThreshold, victims in other queues come from queues that borrow a resource
 *       the preemptor asks for, and the reason names where the victim is;</li>
 *   <li><b>minimal target set</b>: with every target gone the preemptor is admitted by the next
 *       cycle (the targets are removed, so it is the only pending workload), and for each target
 *       t a fresh engine holding the same workloads minus the other targets does not admit the
 *       preemptor in one cycle. Classical preemption first tries not to borrow while reclaiming
 *       (Kueue's allowBorrowing=false attempt): a target set found that way is minimal among
 *       non-borrowing admissions, so a fresh engine that admits the preemptor only by borrowing,
 *       while the chosen targets avoid borrowing, is accepted;</li>
 *   <li><b>fair sharing</b>: for a victim with reason InCohortFairSharing, the Dominant Resource
 *       Share of the preemptor's side below the lowest common ancestor (with the preemptor
 *       admitted) is not above the victim's side's share after removing the victim
 *       (LessThanOrEqualToFinalShare; below its share before removal for LessThanInitialShare).
 *       Kueue evaluates the strategy after the targets found before it are removed, which this
 *       test does not know (some are put back later), so the check uses sound bounds: the
 *       preemptor's side with every workload there that it may preempt removed, the victim's
 *       side with only the victim removed (shares only grow with usage). The stricter form, with
 *       only the other targets removed on the preemptor's side (the state after the preemption),
 *       does not hold in Kueue's algorithm: fill-back may put back a workload whose removal the
 *       strategy relied on (e.g. the preemptor's own, seed 63). Such victims are counted;</li>
 *   <li><b>quota</b> after every cycle: each ClusterQueue's usage is the sum of the workloads
 *       holding quota in it (victims not yet evicted included), each Cohort's usage is what its
 *       children use above their guaranteed quota, and, victims left out, no ClusterQueue uses
 *       more than nominal + borrowingLimit (nominal without a cohort), no Cohort more than its
 *       subtree quota (+ borrowingLimit below a root).</li>
 * </ol>
 * Besides, the preemptor's cycle decides exactly as a fresh engine loaded with the same objects
 * (the state, not the history, decides), and when the preemptor fits within its queue's nominal
 * quota once the workloads of its queue that it may preempt are gone, it does preempt.
 * <p>
 * Quota arithmetic (usage per ClusterQueue, pooled usage, subtree quota) is recomputed here from
 * the generated objects. One flavor and no partial admission, so that "fits" is a plain quota
 * question.
 * <p>
 * {@code -Dberth.randomized.preemption.cases=N} sets the number of seeds (1..N);
 * {@code -Dberth.randomized.preemption.seed=S} runs only seed S and
 * {@code -Dberth.randomized.preemption.trace=true} prints its configuration and decisions.
 */
class RandomizedPreemptionTest {
    private static final int CASES = Integer.getInteger("berth.randomized.preemption.cases", 35000);
    private static final long ONLY_SEED = Long.getLong("berth.randomized.preemption.seed", 0L);
    private static final boolean TRACE = Boolean.getBoolean("berth.randomized.preemption.trace");

    private static final String FLAVOR = "default";
    private static final String NS = "ns";
    private static final List<String> RESOURCES = List.of("cpu", "memory");
    /** One unit of each resource in the engine's counting unit: 1 cpu in milli-units, 1Gi in bytes. */
    private static final long[] UNIT = {1000L, 1024L * 1024 * 1024};
    private static final int[] PRIORITIES = {0, 0, 10, 10, 50, 100};
    private static final int[] PREEMPTOR_PRIORITIES = {0, 10, 50, 100, 100, 1000, 1000};
    private static final List<List<String>> STRATEGIES = List.of(List.of(),
            List.of(FairSharingPreemptor.LESS_THAN_OR_EQUAL_TO_FINAL_SHARE),
            List.of(FairSharingPreemptor.LESS_THAN_INITIAL_SHARE),
            List.of(FairSharingPreemptor.LESS_THAN_OR_EQUAL_TO_FINAL_SHARE, FairSharingPreemptor.LESS_THAN_INITIAL_SHARE));
    private static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

    @Test
    void preemptionDecisionsHoldOnRandomCohortTrees() {
        long start = System.nanoTime();
        Stats stats = new Stats();
        for (long seed = 1; seed <= CASES; seed++) {
            if (ONLY_SEED != 0 && seed != ONLY_SEED) {
                continue;
            }
            new Case(seed, stats).run();
        }
        System.out.println("RandomizedPreemptionTest: " + stats + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        if (ONLY_SEED == 0 && CASES >= 500) {
            assertThat(stats.preemptingCases).as("random cases preempt at all").isGreaterThan(CASES / 10);
            assertThat(stats.victimsByReason).as("every Kueue reason occurs").containsKeys("InClusterQueue",
                    "InCohortReclamation", "InCohortReclaimWhileBorrowing", "InCohortFairSharing");
            assertThat(stats.fairShareChecks).as("fair-share checks ran").isPositive();
        }
    }

    /** Counters printed at the end, to see what the random cases exercise. */
    static final class Stats {
        long cases;
        long fairSharingCases;
        long cycles;
        long directAdmissions;
        long cycleAdmissions;
        long earlierPreemptions;
        long fitWithoutPreemption;
        long noPreemption;
        long waitingWithItsShape;
        final Map<String, Long> pendingReasons = new HashMap<>();
        long preemptingCases;
        long victims;
        final Map<String, Long> victimsByReason = new HashMap<>();
        long minimalityEngines;
        long minimalWithoutBorrowing;
        long fairShareChecks;
        long ownQueueCompletenessChecks;
        long fairShareHeldOnlyWithPutBack;
        long firstPutBackSeed;

        @Override
        public String toString() {
            return cases + " seeds (" + fairSharingCases + " fair sharing), " + cycles + " cycles; "
                    + directAdmissions + " workloads admitted directly, " + cycleAdmissions + " by cycles ("
                    + earlierPreemptions + " preemptions before the preemptor's cycle); preemptor: "
                    + fitWithoutPreemption + " admitted without preemption, " + waitingWithItsShape
                    + " waiting with its set-aside shape, " + noPreemption + " pending without "
                    + new TreeMap<>(pendingReasons) + ", " + preemptingCases + " preempting " + victims + " victims "
                    + new TreeMap<>(victimsByReason) + "; " + minimalityEngines + " minimality engines ("
                    + minimalWithoutBorrowing + " admitting only by borrowing after a non-borrowing reclaim), "
                    + fairShareChecks + " fair-share checks (" + fairShareHeldOnlyWithPutBack
                    + " held only while a workload later put back was removed"
                    + (firstPutBackSeed == 0 ? "" : ", first seed " + firstPutBackSeed) + "), "
                    + ownQueueCompletenessChecks + " own-queue completeness checks";
        }
    }

    // ====================================================================== the model

    /** A Cohort or ClusterQueue as generated; quotas per resource index (cpu, memory), -1 = no limit. */
    static final class Node {
        final String name;
        final boolean queue;
        Node parent;
        final List<Node> children = new ArrayList<>();
        final long[] nominal = new long[2];
        final long[] borrowingLimit = {-1, -1};
        final long[] lendingLimit = {-1, -1};
        final long[] subtree = new long[2];
        final long[] guaranteed = new long[2];
        boolean ownQuota;
        long weight = 1000;
        ClusterQueuePreemption preemption;

        Node(String name, boolean queue) {
            this.name = name;
            this.queue = queue;
        }

        Node root() {
            Node n = this;
            while (n.parent != null) {
                n = n.parent;
            }
            return n;
        }

        boolean contains(Node other) {
            for (Node n = other; n != null; n = n.parent) {
                if (n == this) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A workload holding quota: its ClusterQueue, usage per resource index, and its object with status.admission. */
    record Held(String key, Node cq, int priority, long created, long[] usage, Workload object) {
    }

    // ====================================================================== one seeded case

    static final class Case {
        final long seed;
        final SplittableRandom rnd;
        final Stats stats;
        final boolean fairSharing;
        final List<String> strategies;
        final Configuration config;
        final int resourceCount;
        final List<Node> cohorts = new ArrayList<>();
        final List<Node> queues = new ArrayList<>();
        final Map<String, Node> queueByName = new LinkedHashMap<>();
        final List<KubeObject> configObjects = new ArrayList<>();
        /** Workloads holding quota (victims included until the next cycle evicts them), by key. */
        final Map<String, Held> admitted = new TreeMap<>();
        /** Victims of the last cycle: they still hold quota until the next one starts. */
        final Set<String> evicting = new TreeSet<>();
        /** Applied workloads without quota, by key. */
        final Map<String, Workload> pending = new TreeMap<>();
        final List<String> trace = new ArrayList<>();
        final int[] frId = new int[2];
        Engine engine;
        Node hog;
        long now = T0 + 3_600_000;
        int nextWorkload;
        String stage = "setup";

        Case(long seed, Stats stats) {
            this.seed = seed;
            this.stats = stats;
            this.rnd = new SplittableRandom(seed);
            this.fairSharing = rnd.nextBoolean();
            this.strategies = STRATEGIES.get(rnd.nextInt(STRATEGIES.size()));
            this.config = fairSharing ? new Configuration(new FairSharingConfig(true, strategies)) : Configuration.DEFAULT;
            this.resourceCount = rnd.nextInt(3) == 0 ? 2 : 1;
        }

        void run() {
            stats.cases++;
            if (fairSharing) {
                stats.fairSharingCases++;
            }
            generateTree();
            if (TRACE) {
                System.out.println("[seed " + seed + "] " + mode() + ", " + describeConfiguration());
            }
            engine = new Engine(config);
            engine.applyAll(configObjects);
            QuotaTree tree = engine.quotaTree();
            for (int r = 0; r < resourceCount; r++) {
                frId[r] = tree.flavorResources().id(FLAVOR, RESOURCES.get(r));
            }
            stage = "initial admissions";
            admitDirectly(5 + rnd.nextInt(20));
            checkQuota();
            if (rnd.nextInt(10) < 4) {
                admitByCycles();
            }
            preemptorCycle();
        }

        // ------------------------------------------------------------------ configuration

        void generateTree() {
            int cohortCount = rnd.nextInt(5);
            for (int i = 0; i < cohortCount; i++) {
                Node c = new Node("cohort-" + i, false);
                if (i > 0 && rnd.nextInt(10) < 7) {
                    c.parent = cohorts.get(rnd.nextInt(i));
                }
                if (rnd.nextInt(10) < 4) {
                    c.ownQuota = true;
                    for (int r = 0; r < resourceCount; r++) {
                        c.nominal[r] = UNIT[r] * rnd.nextInt(7);
                        if (c.parent != null && rnd.nextInt(4) == 0) {
                            c.borrowingLimit[r] = UNIT[r] * rnd.nextInt(7);
                        }
                        if (c.parent != null && rnd.nextInt(4) == 0) {
                            c.lendingLimit[r] = UNIT[r] * rnd.nextInt(9);
                        }
                    }
                }
                c.weight = randomWeight();
                cohorts.add(c);
            }
            int queueCount = 2 + rnd.nextInt(5);
            for (int i = 0; i < queueCount; i++) {
                Node q = new Node("cq-" + i, true);
                if (!cohorts.isEmpty() && rnd.nextInt(10) < 9) {
                    q.parent = cohorts.get(rnd.nextInt(cohorts.size()));
                }
                for (int r = 0; r < resourceCount; r++) {
                    q.nominal[r] = UNIT[r] * rnd.nextInt(9);
                    if (q.parent != null && rnd.nextInt(10) < 3) {
                        q.borrowingLimit[r] = UNIT[r] * rnd.nextInt(7);
                    }
                    if (q.parent != null && rnd.nextInt(10) < 3) {
                        q.lendingLimit[r] = UNIT[r] * rnd.nextInt((int) (q.nominal[r] / UNIT[r]) + 1);
                    }
                }
                q.preemption = randomPreemption();
                q.weight = randomWeight();
                queues.add(q);
                queueByName.put(q.name, q);
            }
            for (Node n : allNodes()) {
                if (n.parent != null) {
                    n.parent.children.add(n);
                }
            }
            for (Node n : allNodes()) {
                if (n.parent == null) {
                    computeSubtree(n);
                }
            }
            configObjects.add(new ResourceFlavor(ObjectMeta.named(FLAVOR), Map.of(), List.of(), List.of()));
            for (Node c : cohorts) {
                configObjects.add(new Cohort(ObjectMeta.named(c.name), c.parent == null ? null : c.parent.name,
                        c.ownQuota ? List.of(resourceGroup(c)) : List.of(), c.weight));
            }
            for (Node q : queues) {
                QueueingStrategy strategy = rnd.nextBoolean() ? QueueingStrategy.BestEffortFIFO : QueueingStrategy.StrictFIFO;
                configObjects.add(new ClusterQueue(ObjectMeta.named(q.name), q.parent == null ? null : q.parent.name,
                        List.of(resourceGroup(q)), LabelSelector.EVERYTHING, strategy, FlavorFungibility.DEFAULT,
                        q.preemption, StopPolicy.None, q.weight, null));
                configObjects.add(new LocalQueue(new ObjectMeta("lq-" + q.name, NS, Map.of(), Map.of(), null, null),
                        q.name, StopPolicy.None, 1000));
            }
        }

        List<Node> allNodes() {
            List<Node> all = new ArrayList<>(cohorts);
            all.addAll(queues);
            return all;
        }

        long randomWeight() {
            int x = rnd.nextInt(40);
            return x == 0 ? 0 : x < 4 ? 500 : x < 8 ? 2000 : 1000;
        }

        ClusterQueuePreemption randomPreemption() {
            int w = rnd.nextInt(10);
            PreemptionPolicy within = w < 2 ? PreemptionPolicy.Never
                    : w < 8 ? PreemptionPolicy.LowerPriority : PreemptionPolicy.LowerOrNewerEqualPriority;
            int c = rnd.nextInt(10);
            PreemptionPolicy reclaim = c < 2 ? PreemptionPolicy.Never : c < 7 ? PreemptionPolicy.LowerPriority
                    : PreemptionPolicy.Any;
            BorrowWithinCohort borrow = BorrowWithinCohort.NEVER;
            // Kueue requires borrowWithinCohort Never when reclaimWithinCohort is Never.
            if (!fairSharing && reclaim != PreemptionPolicy.Never && rnd.nextInt(3) == 0) {
                borrow = new BorrowWithinCohort(PreemptionPolicy.LowerPriority,
                        rnd.nextBoolean() ? null : PRIORITIES[rnd.nextInt(PRIORITIES.length)]);
            }
            return new ClusterQueuePreemption(reclaim, borrow, within);
        }

        ResourceGroup resourceGroup(Node n) {
            List<ResourceQuota> quotas = new ArrayList<>();
            for (int r = 0; r < resourceCount; r++) {
                String resource = RESOURCES.get(r);
                quotas.add(new ResourceQuota(resource, CountingUnits.KUEUE.toMillis(resource, n.nominal[r]),
                        n.borrowingLimit[r] < 0 ? null : CountingUnits.KUEUE.toMillis(resource, n.borrowingLimit[r]),
                        n.lendingLimit[r] < 0 ? null : CountingUnits.KUEUE.toMillis(resource, n.lendingLimit[r])));
            }
            return new ResourceGroup(RESOURCES.subList(0, resourceCount), List.of(new FlavorQuotas(FLAVOR, quotas)));
        }

        /** Kueue's subtree quota (own nominal + what children do not keep) and guaranteed quota. */
        static void computeSubtree(Node n) {
            System.arraycopy(n.nominal, 0, n.subtree, 0, 2);
            for (Node c : n.children) {
                computeSubtree(c);
                for (int r = 0; r < 2; r++) {
                    n.subtree[r] += c.subtree[r] - c.guaranteed[r];
                }
            }
            for (int r = 0; r < 2; r++) {
                n.guaranteed[r] = n.lendingLimit[r] < 0 ? 0 : Math.max(0, n.subtree[r] - n.lendingLimit[r]);
            }
        }

        // ------------------------------------------------------------------ workloads

        Workload newWorkload(Node q, int priority, int maxCpu) {
            return newWorkload(q, priority, 1 + rnd.nextInt(2), maxCpu, 3);
        }

        /** One pod set "main" of count pods, each asking 1..maxCpu cpu and (two-resource cases, mostly) 1..maxMemory Gi. */
        Workload newWorkload(Node q, int priority, int count, int maxCpu, int maxMemory) {
            int cpu = 1 + rnd.nextInt(Math.max(1, maxCpu));
            int memory = resourceCount > 1 && rnd.nextInt(3) > 0 ? 1 + rnd.nextInt(Math.max(1, maxMemory)) : 0;
            return workload(q, priority, count, cpu, memory);
        }

        /** One pod set "main" of count pods asking cpu and memory (Gi, 0 for none) units each; created within the last hour. */
        Workload workload(Node q, int priority, int count, int cpu, int memory) {
            Map<String, Long> requests = new LinkedHashMap<>();
            requests.put("cpu", UNIT[0] * cpu);
            if (memory > 0) {
                requests.put("memory", CountingUnits.KUEUE.toMillis("memory", UNIT[1] * memory));
            }
            long created = now - 1000L * rnd.nextInt(3600);
            ObjectMeta meta = new ObjectMeta("w-" + nextWorkload++, NS, Map.of(), Map.of(), Instant.ofEpochMilli(created), null);
            return new Workload(meta, "lq-" + q.name, null, priority, true,
                    List.of(new PodSet("main", count, null, PodTemplate.ofRequests(requests))), null, List.of());
        }

        /** A preemptor that is not larger than what its queue could ever get (most of the time). */
        Workload newPreemptor(Node q) {
            QuotaTree tree = engine.quotaTree();
            ClusterQueueNode node = tree.clusterQueue(q.name);
            int[] max = new int[2];
            for (int r = 0; r < resourceCount; r++) {
                max[r] = (int) Math.min(6, node.potentialAvailable(frId[r]) / UNIT[r]);
            }
            int priority = PREEMPTOR_PRIORITIES[rnd.nextInt(PREEMPTOR_PRIORITIES.length)];
            if (fairSharing && rnd.nextBoolean()) {
                // Borrowing after admission: what fair-sharing preemption (InCohortFairSharing) is about.
                int cpu = Math.min((int) (q.nominal[0] / UNIT[0]) + 1 + rnd.nextInt(3), Math.max(1, max[0]));
                int memory = resourceCount > 1 && rnd.nextBoolean() ? 1 + rnd.nextInt(Math.max(1, max[1])) : 0;
                return workload(q, priority, 1, cpu, memory);
            }
            boolean two = rnd.nextInt(4) == 0 && max[0] >= 2 && (resourceCount == 1 || max[1] >= 2);
            return two ? newWorkload(q, priority, 2, max[0] / 2, max[1] / 2) : newWorkload(q, priority, 1, max[0], max[1]);
        }

        /** The same workload holding quota in its ClusterQueue since the given time. */
        static Workload withAdmission(Workload w, Node q, long at) {
            PodSet ps = w.podSets().get(0);
            Map<String, String> flavors = new TreeMap<>();
            ps.template().requests().keySet().forEach(r -> flavors.put(r, FLAVOR));
            return new Workload(w.metadata(), w.queueName(), null, w.priority(), true, w.podSets(),
                    new Admission(q.name, List.of(new PodSetAssignment(ps.name(), flavors, null, ps.count()))),
                    List.of(new Condition(Workload.QUOTA_RESERVED, "True", "QuotaReserved", "", Instant.ofEpochMilli(at))));
        }

        static long[] usageOf(Workload w) {
            long[] u = new long[2];
            for (PodSet ps : w.podSets()) {
                for (int r = 0; r < 2; r++) {
                    String resource = RESOURCES.get(r);
                    u[r] += CountingUnits.KUEUE.fromMillis(resource, ps.template().requests().getOrDefault(resource, 0L))
                            * ps.count();
                }
            }
            return u;
        }

        Node queueOf(Workload w) {
            return queueByName.get(w.queueName().substring("lq-".length()));
        }

        Held held(Workload w, long at) {
            Node q = queueOf(w);
            return new Held(w.metadata().key(), q, w.priority(), w.metadata().creationTimestamp().toEpochMilli(),
                    usageOf(w), withAdmission(w, q, at));
        }

        /** The engine's usage object for a request of this size, in the engine's flavor-resource ids. */
        Usage engineUsage(long[] u) {
            int n = 0;
            int[] frs = new int[resourceCount];
            long[] amounts = new long[resourceCount];
            for (int r = 0; r < resourceCount; r++) {
                if (u[r] > 0) {
                    frs[n] = frId[r];
                    amounts[n++] = u[r];
                }
            }
            return new Usage(Arrays.copyOf(frs, n), Arrays.copyOf(amounts, n));
        }

        /** Applies workloads holding quota, each only if it fits what its queue may use now. */
        void admitDirectly(int attempts) {
            QuotaTree tree = engine.quotaTree();
            // One queue takes more than its share, so that others have something to reclaim.
            hog = queues.get(rnd.nextInt(queues.size()));
            for (int i = 0; i < attempts; i++) {
                Node q = rnd.nextInt(10) < 4 ? hog : queues.get(rnd.nextInt(queues.size()));
                Workload w = newWorkload(q, PRIORITIES[rnd.nextInt(PRIORITIES.length)], 4);
                long[] u = usageOf(w);
                ClusterQueueNode node = tree.clusterQueue(q.name);
                boolean fits = true;
                for (int r = 0; r < resourceCount; r++) {
                    fits &= u[r] <= Math.max(0, node.available(frId[r]));
                }
                if (fits) {
                    long at = Math.max(w.metadata().creationTimestamp().toEpochMilli(), now - 1000L * rnd.nextInt(3600));
                    Held h = held(w, at);
                    engine.apply(h.object());
                    admitted.put(h.key(), h);
                    stats.directAdmissions++;
                    log("admitted directly " + h.key() + " in " + q + " prio " + h.priority() + " usage "
                            + Arrays.toString(h.usage()) + " at " + (at - T0) / 1000);
                }
            }
        }

        /** Applies a few pending workloads and runs cycles until one preempts nothing; then drops what is left pending. */
        void admitByCycles() {
            int n = 1 + rnd.nextInt(5);
            for (int i = 0; i < n; i++) {
                Node q = queues.get(rnd.nextInt(queues.size()));
                Workload w = newWorkload(q, PRIORITIES[rnd.nextInt(PRIORITIES.length)], 4);
                engine.apply(w);
                pending.put(w.metadata().key(), w);
                log("pending " + w.metadata().key() + " in " + q + " prio " + w.priority() + " usage "
                        + Arrays.toString(usageOf(w)));
            }
            for (int c = 1; c <= 30; c++) {
                stage = "admission cycle " + c;
                CycleResult r = cycle();
                stats.earlierPreemptions += r.preempted().size();
                if (r.preempted().isEmpty()) {
                    break;
                }
            }
            // Keep the preemptor alone in the queues (a last cycle that still preempted leaves victims to evict).
            if (!evicting.isEmpty()) {
                stage = "last admission cycle";
                cycle();
            }
            for (String key : new ArrayList<>(pending.keySet())) {
                engine.remove(key);
                pending.remove(key);
            }
            for (String key : evicting) {
                engine.remove(key);
                admitted.remove(key);
            }
            evicting.clear();
            stage = "after admission cycles";
            checkQuota();
        }

        // ------------------------------------------------------------------ cycles

        /** Runs one engine cycle, updates the model and checks the policy of its victims and the quota. */
        CycleResult cycle() {
            for (String key : evicting) {
                Held h = admitted.remove(key);
                pending.put(key, withoutAdmission(h.object()));
            }
            evicting.clear();
            CycleResult r = engine.schedule(now);
            stats.cycles++;
            log(stage + ": admitted " + r.admitted() + ", preempted "
                    + r.preempted().stream().map(t -> t.workload().key() + " (" + t.reason() + ")").toList()
                    + ", pending " + new TreeMap<>(r.pending()));
            for (WorkloadInfo w : r.admitted()) {
                Workload spec = pending.remove(w.key());
                check(spec != null, () -> "admitted " + w.key() + " was not pending");
                Held h = held(spec, now);
                check(w.admission().clusterQueue().equals(h.cq().name), () -> "admitted " + w.key() + " in "
                        + w.admission().clusterQueue() + ", its LocalQueue points to " + h.cq());
                checkEngineUsage(w, h.usage());
                admitted.put(h.key(), h);
                stats.cycleAdmissions++;
            }
            checkVictimsJustified(r);
            for (Target t : r.preempted()) {
                evicting.add(t.workload().key());
            }
            checkQuota();
            now += 1000;
            return r;
        }

        static Workload withoutAdmission(Workload w) {
            return new Workload(w.metadata(), w.queueName(), null, w.priority(), true, w.podSets(), null, List.of());
        }

        /** The preemptor alone in the queues: one cycle, then every check on what it preempted. */
        void preemptorCycle() {
            List<Node> others = queues.stream().filter(q -> q != hog).toList();
            Node pq = rnd.nextInt(10) < 8 ? others.get(rnd.nextInt(others.size())) : hog;
            Workload p = newPreemptor(pq);
            String pKey = p.metadata().key();
            engine.apply(p);
            pending.put(pKey, p);
            log("preemptor " + pKey + " in " + pq + " prio " + p.priority() + " usage " + Arrays.toString(usageOf(p))
                    + " created " + (p.metadata().creationTimestamp().toEpochMilli() - T0) / 1000);
            Map<String, Held> before = new TreeMap<>(admitted);
            long cycleTime = now;
            stage = "preemptor cycle";
            CycleResult r = cycle();
            if (!r.pending().containsKey(pKey) && r.admitted().stream().noneMatch(w -> w.key().equals(pKey))) {
                // Not a head: it came while its shape was set aside, and waits with it (a fresh engine
                // has no such history, so its decision is not compared).
                check(r.preempted().isEmpty(), () -> "a preemptor that is no head preempted " + r.preempted());
                stats.waitingWithItsShape++;
                return;
            }
            checkSameDecisionFromObjects(r, p, before, cycleTime);
            if (r.admitted().stream().anyMatch(w -> w.key().equals(pKey))) {
                stats.fitWithoutPreemption++;
                return;
            }
            if (r.preempted().isEmpty()) {
                checkOwnQueuePreemptionFound(p, before);
                stats.noPreemption++;
                stats.pendingReasons.merge(r.pending().get(pKey).reason(), 1L, Long::sum);
                check(!PendingStatus.WAITING_FOR_PREEMPTED.equals(r.pending().get(pKey).reason()),
                        () -> "preemptor waits for preemptions without victims: " + r.pending().get(pKey));
                return;
            }
            stats.preemptingCases++;
            check(PendingStatus.WAITING_FOR_PREEMPTED.equals(r.pending().get(pKey).reason()),
                    () -> "preemptor with victims is pending with " + r.pending().get(pKey));
            Set<String> targets = new TreeSet<>();
            for (Target t : r.preempted()) {
                check(targets.add(t.workload().key()), () -> "victim " + t.workload().key() + " listed twice");
                stats.victims++;
                stats.victimsByReason.merge(t.reason(), 1L, Long::sum);
            }
            stage = "victims of the preemptor cycle";
            checkVictimPolicies(r.preempted(), p, before);
            if (fairSharing) {
                stage = "fair shares of the preemptor cycle";
                checkFairShares(r.preempted(), p, before);
            }
            stage = "minimality of the targets";
            checkEachTargetNeeded(targets, p, before, cycleTime);
            stage = "cycle after the targets are gone";
            for (String key : targets) {
                engine.remove(key);
                admitted.remove(key);
                evicting.remove(key);
            }
            CycleResult next = cycle();
            check(next.admitted().stream().anyMatch(w -> w.key().equals(pKey)) && next.preempted().isEmpty(),
                    () -> "with all targets " + targets + " gone, the preemptor is not admitted: admitted "
                            + next.admitted() + ", preempted " + next.preempted() + ", pending " + next.pending());
        }

        /**
         * The decision depends only on the state: a fresh engine loaded with the same objects
         * (the workloads holding quota with their status.admission, the preemptor pending)
         * admits and preempts exactly what the engine that got there through cycles did.
         */
        void checkSameDecisionFromObjects(CycleResult r, Workload p, Map<String, Held> before, long cycleTime) {
            List<KubeObject> objects = new ArrayList<>(configObjects);
            before.values().forEach(h -> objects.add(h.object()));
            objects.add(p);
            Engine fresh = new Engine(config);
            fresh.applyAll(objects);
            CycleResult f = fresh.schedule(cycleTime);
            String live = decision(r);
            String loaded = decision(f);
            check(live.equals(loaded), () -> "the engine decided " + live + ", a fresh engine with the same objects "
                    + loaded);
        }

        static String decision(CycleResult r) {
            return "admitted " + r.admitted().stream().map(WorkloadInfo::key).toList() + ", preempted "
                    + r.preempted().stream().map(t -> t.workload().key() + " (" + t.reason() + ")").sorted().toList();
        }

        // ------------------------------------------------------------------ check 1: policies

        /** Every victim of a cycle is allowed by the policy of some workload that waits for preemptions. */
        void checkVictimsJustified(CycleResult r) {
            List<String> preemptors = r.pending().entrySet().stream()
                    .filter(e -> PendingStatus.WAITING_FOR_PREEMPTED.equals(e.getValue().reason()))
                    .map(Map.Entry::getKey).toList();
            for (Target t : r.preempted()) {
                Held v = admitted.get(t.workload().key());
                check(v != null && !evicting.contains(v.key()), () -> "victim " + t.workload().key()
                        + " does not hold quota (or is already being evicted)");
                boolean justified = false;
                for (String key : preemptors) {
                    Workload p = pending.get(key);
                    Node pq = queueOf(p);
                    if (pq == v.cq()) {
                        justified |= allows(pq.preemption.withinClusterQueue(), p, v);
                    } else if (pq.parent != null && pq.root() == v.cq().root()) {
                        justified |= allows(pq.preemption.reclaimWithinCohort(), p, v);
                    }
                }
                boolean ok = justified;
                check(ok, () -> "victim " + v.key() + " (prio " + v.priority() + ", in " + v.cq() + ", "
                        + t.reason() + ") is allowed by no preemptor of " + preemptors);
            }
        }

        /** Check 1 for the preemptor: policy, reason, borrowing of the victim's queue, threshold. */
        void checkVictimPolicies(List<Target> victims, Workload p, Map<String, Held> before) {
            Node pq = queueOf(p);
            long[] pu = usageOf(p);
            Map<Node, long[]> usage = usageByNode(before.values());
            for (Target t : victims) {
                Held v = before.get(t.workload().key());
                String what = "victim " + v.key() + " (prio " + v.priority() + ", created " + (v.created() - T0) / 1000
                        + ", in " + v.cq() + ", " + t.reason() + ") of preemptor " + p.metadata().key() + " (prio "
                        + p.priority() + ", created " + (p.metadata().creationTimestamp().toEpochMilli() - T0) / 1000
                        + ", in " + pq + ")";
                check(usesAny(v.usage(), pu), () -> what + ": uses nothing the preemptor asks for");
                if (v.cq() == pq) {
                    check(t.reason().equals("InClusterQueue"), () -> what + ": reason in the same ClusterQueue");
                    check(allows(pq.preemption.withinClusterQueue(), p, v),
                            () -> what + ": not allowed by withinClusterQueue " + pq.preemption.withinClusterQueue());
                    continue;
                }
                check(pq.parent != null && pq.root() == v.cq().root(), () -> what + ": victim outside the cohort tree");
                check(allows(pq.preemption.reclaimWithinCohort(), p, v),
                        () -> what + ": not allowed by reclaimWithinCohort " + pq.preemption.reclaimWithinCohort());
                Set<String> reasons = fairSharing ? Set.of("InCohortFairSharing", "InCohortReclamation")
                        : Set.of("InCohortReclamation", "InCohortReclaimWhileBorrowing");
                check(reasons.contains(t.reason()), () -> what + ": reason for another ClusterQueue");
                long[] vqUsage = usage.get(v.cq());
                boolean borrowing = false;
                for (int r = 0; r < resourceCount; r++) {
                    borrowing |= pu[r] > 0 && vqUsage[r] > v.cq().nominal[r];
                }
                boolean wasBorrowing = borrowing;
                check(wasBorrowing, () -> what + ": its ClusterQueue uses " + Arrays.toString(vqUsage) + " of nominal "
                        + Arrays.toString(v.cq().nominal) + ", borrowing nothing the preemptor asks for");
                if (t.reason().equals("InCohortReclaimWhileBorrowing")) {
                    BorrowWithinCohort bwc = pq.preemption.borrowWithinCohort();
                    check(bwc.policy() != PreemptionPolicy.Never && v.priority() < p.priority()
                                    && (bwc.maxPriorityThreshold() == null || v.priority() <= bwc.maxPriorityThreshold()),
                            () -> what + ": not allowed by borrowWithinCohort " + bwc);
                }
            }
        }

        static boolean allows(PreemptionPolicy policy, Workload p, Held v) {
            return switch (policy) {
                case Never -> false;
                case Any -> true;
                case LowerPriority -> v.priority() < p.priority();
                case LowerOrNewerEqualPriority -> v.priority() < p.priority() || (v.priority() == p.priority()
                        && v.created() > p.metadata().creationTimestamp().toEpochMilli());
            };
        }

        static boolean usesAny(long[] a, long[] b) {
            for (int r = 0; r < a.length; r++) {
                if (a[r] > 0 && b[r] > 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Completeness inside the preemptor's queue: when its request is within its queue's
         * nominal quota and it would fit once every workload of its queue that withinClusterQueue
         * lets it preempt (and that uses a resource it asks for) is gone, preemption must have
         * found targets. Those candidates are always valid, classical and fair, so removing all
         * of them is among what the engine tries. Evaluated on the engine's tree (still the state
         * before the cycle) and restored.
         */
        void checkOwnQueuePreemptionFound(Workload p, Map<String, Held> before) {
            Node pq = queueOf(p);
            long[] pu = usageOf(p);
            for (int r = 0; r < resourceCount; r++) {
                if (pu[r] > pq.nominal[r]) {
                    return;
                }
            }
            List<Held> candidates = before.values().stream()
                    .filter(h -> h.cq() == pq && usesAny(h.usage(), pu) && allows(pq.preemption.withinClusterQueue(), p, h))
                    .toList();
            if (candidates.isEmpty()) {
                return;
            }
            QuotaTree tree = engine.quotaTree();
            ClusterQueueNode node = tree.clusterQueue(pq.name);
            candidates.forEach(h -> engineUsage(h.usage()).removeFrom(node));
            boolean fits = true;
            for (int r = 0; r < resourceCount; r++) {
                fits &= pu[r] <= Math.max(0, node.available(frId[r]));
            }
            candidates.forEach(h -> engineUsage(h.usage()).addTo(node));
            stats.ownQueueCompletenessChecks++;
            boolean couldFit = fits;
            check(!couldFit, () -> "preemptor " + p.metadata().key() + " (prio " + p.priority() + ", within nominal of "
                    + pq + ") preempted nothing, but fits once its queue's candidates "
                    + candidates.stream().map(Held::key).toList() + " are gone");
        }

        // ------------------------------------------------------------------ check 2: minimality

        /**
         * For each target, a fresh engine with the same objects, the other targets gone and the
         * preemptor pending must not admit the preemptor in one cycle.
         */
        void checkEachTargetNeeded(Set<String> targets, Workload p, Map<String, Held> before, long cycleTime) {
            Node pq = queueOf(p);
            long[] pu = usageOf(p);
            Map<String, Held> afterAll = new TreeMap<>(before);
            afterAll.keySet().removeAll(targets);
            boolean borrowsAfterPreemption = borrows(pq, usageByNode(afterAll.values()).get(pq), pu);
            for (String t : targets) {
                List<KubeObject> objects = new ArrayList<>(configObjects);
                Map<String, Held> kept = new TreeMap<>(afterAll);
                kept.put(t, before.get(t));
                kept.values().forEach(h -> objects.add(h.object()));
                objects.add(p);
                Engine fresh = new Engine(config);
                fresh.applyAll(objects);
                CycleResult r = fresh.schedule(cycleTime);
                stats.minimalityEngines++;
                if (r.admitted().stream().noneMatch(w -> w.key().equals(p.metadata().key()))) {
                    continue;
                }
                // Classical preemption first looks for targets that let the preemptor in without
                // borrowing; such a set is minimal among non-borrowing admissions only.
                if (!fairSharing && !borrowsAfterPreemption && borrows(pq, usageByNode(kept.values()).get(pq), pu)) {
                    stats.minimalWithoutBorrowing++;
                    continue;
                }
                check(false, () -> "target " + t + " is not needed: with only the other targets of " + targets
                        + " gone the preemptor is admitted (" + fresh.workload(p.metadata().key()).admission() + ")");
            }
        }

        boolean borrows(Node q, long[] queueUsage, long[] request) {
            for (int r = 0; r < resourceCount; r++) {
                if (request[r] > 0 && queueUsage[r] + request[r] > q.nominal[r]) {
                    return true;
                }
            }
            return false;
        }

        // ------------------------------------------------------------------ check 3: fair sharing

        /**
         * For each InCohortFairSharing victim v, with L the lowest common ancestor of the
         * preemptor's queue and v's queue, P and V its children towards them: share(P) with the
         * preemptor admitted and every workload in P that it may preempt removed (a lower bound
         * of what Kueue compared) is at most share(V) without v (LessThanOrEqualToFinalShare; an
         * upper bound), or below share(V) with v (LessThanInitialShare). Computed on the engine's
         * tree, which still holds the state before the cycle, and restored afterwards.
         */
        void checkFairShares(List<Target> victims, Workload p, Map<String, Held> before) {
            QuotaTree tree = engine.quotaTree();
            var frs = tree.flavorResources();
            Node pq = queueOf(p);
            ClusterQueueNode pNode = tree.clusterQueue(pq.name);
            Usage pUsage = engineUsage(usageOf(p));
            Map<QuotaNode, long[]> snapshot = usageSnapshot(tree);
            for (Target t : victims) {
                if (!t.reason().equals("InCohortFairSharing")) {
                    continue;
                }
                stats.fairShareChecks++;
                Held v = before.get(t.workload().key());
                ClusterQueueNode vNode = tree.clusterQueue(v.cq().name);
                CohortNode lca = lowestCommonAncestor(pNode, vNode);
                check(lca != null, () -> "fair-sharing victim " + v.key() + " is not in the preemptor's tree");
                QuotaNode pSide = childTowards(lca, pNode);
                QuotaNode vSide = childTowards(lca, vNode);
                Node pSideModel = pSide == pNode ? pq : cohorts.stream().filter(c -> c.name.equals(pSide.name())).findFirst().orElseThrow();
                List<Held> mayPreempt = before.values().stream()
                        .filter(h -> h != v && pSideModel.contains(h.cq()))
                        .filter(h -> allows(h.cq() == pq ? pq.preemption.withinClusterQueue()
                                : pq.preemption.reclaimWithinCohort(), p, h))
                        .toList();
                List<Held> otherTargets = mayPreempt.stream()
                        .filter(h -> victims.stream().anyMatch(x -> x.workload().key().equals(h.key()))).toList();
                pUsage.addTo(pNode);
                DominantResourceShare preemptorFinal = shareWithout(pSide, otherTargets, tree);
                DominantResourceShare preemptorNew = shareWithout(pSide, mayPreempt, tree);
                pUsage.removeFrom(pNode);
                DominantResourceShare targetOld = vSide.dominantResourceShare(frs);
                engineUsage(v.usage()).removeFrom(vNode);
                DominantResourceShare targetNew = vSide.dominantResourceShare(frs);
                engineUsage(v.usage()).addTo(vNode);
                check(sameUsage(usageSnapshot(tree), snapshot),
                        () -> "adding and removing usage did not restore the tree");
                String what = "InCohortFairSharing victim " + v.key() + " in " + v.cq() + " (below " + lca.name()
                        + ": preemptor side " + pSide.name() + " share >= " + show(preemptorNew) + ", victim side "
                        + vSide.name() + " share " + show(targetOld) + " before, <= " + show(targetNew)
                        + " after removal), strategies " + strategies;
                if (!passes(preemptorFinal, targetOld, targetNew) && passes(preemptorNew, targetOld, targetNew)) {
                    // Kueue evaluates the strategy while earlier candidates are removed; fill-back may
                    // put some of them back (e.g. the preemptor's own workload), so the preemptor's
                    // final share can exceed what justified the victim.
                    stats.fairShareHeldOnlyWithPutBack++;
                    stats.firstPutBackSeed = stats.firstPutBackSeed == 0 ? seed : stats.firstPutBackSeed;
                    log("strategy holds only with workloads removed that are not targets: preemptor side share "
                            + show(preemptorFinal) + " after the preemption, " + what);
                }
                check(passes(preemptorNew, targetOld, targetNew), () -> what + ": the strategy does not hold");
            }
        }

        /** Whether the configured strategies accept a victim with these shares. */
        boolean passes(DominantResourceShare preemptorNew, DominantResourceShare targetOld, DominantResourceShare targetNew) {
            boolean finalShare = DominantResourceShare.compare(preemptorNew, targetNew) <= 0;
            boolean initialShare = DominantResourceShare.compare(preemptorNew, targetOld) < 0;
            if (strategies.equals(List.of(FairSharingPreemptor.LESS_THAN_OR_EQUAL_TO_FINAL_SHARE))) {
                return finalShare;
            }
            if (strategies.equals(List.of(FairSharingPreemptor.LESS_THAN_INITIAL_SHARE))) {
                return initialShare;
            }
            return finalShare || initialShare;
        }

        /** The node's share with these workloads' usage taken away (and given back before returning). */
        DominantResourceShare shareWithout(QuotaNode node, List<Held> gone, QuotaTree tree) {
            gone.forEach(h -> engineUsage(h.usage()).removeFrom(tree.clusterQueue(h.cq().name)));
            DominantResourceShare share = node.dominantResourceShare(tree.flavorResources());
            gone.forEach(h -> engineUsage(h.usage()).addTo(tree.clusterQueue(h.cq().name)));
            return share;
        }

        static String show(DominantResourceShare s) {
            return String.format("%.2f", s.preciseWeightedShare());
        }

        static CohortNode lowestCommonAncestor(ClusterQueueNode a, ClusterQueueNode b) {
            Set<QuotaNode> ancestors = new HashSet<>();
            for (CohortNode c = a.parent(); c != null; c = c.parent()) {
                ancestors.add(c);
            }
            for (CohortNode c = b.parent(); c != null; c = c.parent()) {
                if (ancestors.contains(c)) {
                    return c;
                }
            }
            return null;
        }

        static QuotaNode childTowards(CohortNode ancestor, QuotaNode node) {
            QuotaNode n = node;
            while (n.parent() != ancestor) {
                n = n.parent();
            }
            return n;
        }

        Map<QuotaNode, long[]> usageSnapshot(QuotaTree tree) {
            Map<QuotaNode, long[]> m = new HashMap<>();
            List<QuotaNode> nodes = new ArrayList<>(tree.clusterQueues());
            nodes.addAll(tree.cohorts());
            for (QuotaNode n : nodes) {
                long[] u = new long[resourceCount];
                for (int r = 0; r < resourceCount; r++) {
                    u[r] = n.usage(frId[r]);
                }
                m.put(n, u);
            }
            return m;
        }

        static boolean sameUsage(Map<QuotaNode, long[]> a, Map<QuotaNode, long[]> b) {
            return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
        }

        // ------------------------------------------------------------------ check 4: quota

        /** Usage per node: sum of held workloads per ClusterQueue; per Cohort what children use above guaranteed. */
        Map<Node, long[]> usageByNode(Collection<Held> holding) {
            Map<Node, long[]> usage = new HashMap<>();
            allNodes().forEach(n -> usage.put(n, new long[2]));
            for (Held h : holding) {
                long[] u = usage.get(h.cq());
                for (int r = 0; r < 2; r++) {
                    u[r] += h.usage()[r];
                }
            }
            for (Node n : allNodes()) {
                if (n.parent == null) {
                    pool(n, usage);
                }
            }
            return usage;
        }

        static void pool(Node n, Map<Node, long[]> usage) {
            if (n.queue) {
                return;
            }
            long[] u = usage.get(n);
            for (Node c : n.children) {
                pool(c, usage);
                for (int r = 0; r < 2; r++) {
                    u[r] += Math.max(0, usage.get(c)[r] - c.guaranteed[r]);
                }
            }
        }

        void checkQuota() {
            QuotaTree tree = engine.quotaTree();
            Set<String> engineAdmitted = engine.workloads().stream().filter(WorkloadInfo::isAdmitted)
                    .map(WorkloadInfo::key).collect(Collectors.toCollection(TreeSet::new));
            check(engineAdmitted.equals(admitted.keySet()), () -> "engine's workloads holding quota " + engineAdmitted
                    + " != " + admitted.keySet());
            Map<Node, long[]> holding = usageByNode(admitted.values());
            for (Node n : allNodes()) {
                QuotaNode node = n.queue ? tree.clusterQueue(n.name) : tree.cohort(n.name);
                for (int r = 0; r < resourceCount; r++) {
                    long engineUsage = node.usage(frId[r]);
                    long expected = holding.get(n)[r];
                    int res = r;
                    check(engineUsage == expected, () -> n + " " + RESOURCES.get(res) + " usage " + engineUsage
                            + ", expected " + expected + (n.queue ? " (sum of its workloads)"
                            : " (children's usage above their guaranteed quota)"));
                }
            }
            Map<String, Held> active = new TreeMap<>(admitted);
            active.keySet().removeAll(evicting);
            Map<Node, long[]> used = usageByNode(active.values());
            for (Node n : allNodes()) {
                for (int r = 0; r < resourceCount; r++) {
                    long u = used.get(n)[r];
                    long limit;
                    if (n.queue) {
                        limit = n.parent == null ? n.nominal[r]
                                : n.borrowingLimit[r] >= 0 ? n.nominal[r] + n.borrowingLimit[r] : Long.MAX_VALUE;
                    } else {
                        limit = n.parent == null ? n.subtree[r]
                                : n.borrowingLimit[r] >= 0 ? n.subtree[r] + n.borrowingLimit[r] : Long.MAX_VALUE;
                    }
                    long max = limit;
                    int res = r;
                    check(u <= max, () -> n + " uses " + u + " of " + RESOURCES.get(res) + " > its limit " + max);
                }
            }
        }

        void checkEngineUsage(WorkloadInfo w, long[] expected) {
            long[] actual = new long[2];
            Usage u = w.admission().usage();
            for (int i = 0; i < u.size(); i++) {
                for (int r = 0; r < resourceCount; r++) {
                    if (u.fr(i) == frId[r]) {
                        actual[r] += u.amount(i);
                    }
                }
            }
            check(Arrays.equals(actual, expected), () -> "admission of " + w.key() + " charges " + Arrays.toString(actual)
                    + ", requests x count is " + Arrays.toString(expected));
        }

        // ------------------------------------------------------------------ reporting

        void log(String line) {
            trace.add(line);
            if (TRACE) {
                System.out.println("[seed " + seed + "] " + line);
            }
        }

        void check(boolean ok, Supplier<String> message) {
            if (!ok) {
                throw new AssertionError("seed " + seed + " (" + mode() + "), " + stage + ": " + message.get()
                        + "\n" + describe() + "\nrerun: -Dberth.randomized.preemption.seed=" + seed
                        + " -Dberth.randomized.preemption.trace=true");
            }
        }

        String mode() {
            return fairSharing ? "fair sharing " + strategies : "classical";
        }

        String describe() {
            StringBuilder sb = new StringBuilder(describeConfiguration());
            sb.append("\ntrace:");
            trace.forEach(line -> sb.append("\n  ").append(line));
            return sb.toString();
        }

        String describeConfiguration() {
            StringBuilder sb = new StringBuilder("configuration:");
            for (Node n : allNodes()) {
                sb.append("\n  ").append(n.queue ? "ClusterQueue " : "Cohort ").append(n.name)
                        .append(n.parent == null ? " (root)" : " parent " + n.parent.name)
                        .append(" nominal ").append(Arrays.toString(n.nominal));
                if (n.borrowingLimit[0] >= 0 || n.borrowingLimit[1] >= 0) {
                    sb.append(" borrowingLimit ").append(Arrays.toString(n.borrowingLimit));
                }
                if (n.lendingLimit[0] >= 0 || n.lendingLimit[1] >= 0) {
                    sb.append(" lendingLimit ").append(Arrays.toString(n.lendingLimit));
                }
                sb.append(" subtree ").append(Arrays.toString(n.subtree)).append(" weight ").append(n.weight);
                if (n.queue) {
                    sb.append(" ").append(n.preemption);
                }
            }
            return sb.toString();
        }
    }
}
