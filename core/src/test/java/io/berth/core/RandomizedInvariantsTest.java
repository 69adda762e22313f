package io.berth.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
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
import io.berth.api.kueue.FungibilityPolicy;
import io.berth.api.kueue.FungibilityPreference;
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
import io.berth.core.cycle.CycleResult;
import io.berth.core.cycle.PendingStatus;
import io.berth.core.preempt.Target;
import io.berth.core.quota.FlavorResources;
import io.berth.core.quota.QuotaNode;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmissionRecord;
import io.berth.core.workload.PodSetAdmission;
import io.berth.core.workload.Usage;
import io.berth.core.workload.WorkloadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized test of the engine's quota invariants. Every seed builds a random
 * configuration (flavors, a forest of Cohorts with and without their own quota, ClusterQueues
 * with one or two resource groups, limits, fungibility, queueing strategy) and a stream of
 * workloads, some of them already holding quota. It then runs scheduling cycles, finishing
 * admitted workloads, deleting pending ones, adding new ones and sometimes re-applying a
 * ClusterQueue (which rebuilds the quota tree) between cycles. After every cycle it checks,
 * against a model of the configuration computed here independently of the engine:
 * <ol>
 *   <li>the quota tree holds the spec's quotas and Kueue's subtree quotas;</li>
 *   <li>usage of every ClusterQueue is the sum of its admitted workloads' usage, and every
 *       Cohort's usage is what its children use above their guaranteed quota;</li>
 *   <li>no ClusterQueue uses more than nominal + borrowingLimit (nominal without a cohort), and
 *       no tree uses more than the quota in it;</li>
 *   <li>guaranteed quota (nominal - lendingLimit) is never used by anybody else;</li>
 *   <li>no workload is admitted twice, and admissions agree with the ClusterQueue's groups;</li>
 *   <li>after a final drain (admitted workloads finished, cycles run until nothing changes),
 *       every BestEffortFIFO workload still pending, and every blocked StrictFIFO head, really
 *       does not fit an empty tree.</li>
 * </ol>
 * Checks 3 and 4 leave out preemption victims that are not evicted yet: like Kueue's scheduler
 * (fits() simulates the removal of every workload preempted so far in the cycle), the engine
 * lets later heads of a cycle use the victims' quota, which they only give back when the next
 * cycle evicts them. Check 2 counts them.
 * <p>
 * A second test runs seeds twice and requires identical decisions (determinism).
 * Seeds can be raised with -Dberth.randomized.seeds=N (-Dberth.randomized.determinismSeeds=N).
 */
class RandomizedInvariantsTest {
    private static final int SEEDS = Integer.getInteger("berth.randomized.seeds", 3200);
    private static final int DETERMINISM_SEEDS = Integer.getInteger("berth.randomized.determinismSeeds", 300);
    /** Set to a seed to run only that one (for debugging a failure). */
    private static final long ONLY_SEED = Long.getLong("berth.randomized.seed", 0L);
    /** Prints every decision (use with berth.randomized.seed). */
    private static final boolean PRINT_TRACE = Boolean.getBoolean("berth.randomized.trace");

    private static final List<String> ALL_RESOURCES = List.of("cpu", "memory", "example.com/gpu");
    private static final List<String> ALL_FLAVORS = List.of("on-demand", "spot", "reserved");
    private static final int R = ALL_RESOURCES.size();
    /** Model flavor-resource index: flavor * R + resource. */
    private static final int K = ALL_FLAVORS.size() * R;
    /**
     * Milli-units of half a unit of each resource (0.5 cpu, 0.5Gi), but a whole gpu: the engine
     * counts devices in whole units, so the model's amounts stay exact in the engine's units.
     */
    private static final long[] HALF = {500L, 512L * 1024 * 1024 * 1000, 1000L};
    private static final int[] PRIORITIES = {0, 0, 0, 10, 10, 100, -5};
    private static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

    @Test
    void invariantsHoldOnRandomQuotaTrees() {
        long start = System.nanoTime();
        Stats stats = new Stats();
        for (long seed = 1; seed <= SEEDS; seed++) {
            if (ONLY_SEED != 0 && seed != ONLY_SEED) {
                continue;
            }
            new Run(seed, stats).execute();
        }
        System.out.printf("RandomizedInvariantsTest: %d seeds, %d ClusterQueues, %d cohorts, %d cycles, "
                        + "%d admissions, %d preemptions, %d pre-admitted, %d tree rebuilds, %d drain liveness checks "
                        + "in %d ms%n",
                SEEDS, stats.queues, stats.cohorts, stats.cycles, stats.admissions, stats.preemptions, stats.preAdmitted,
                stats.rebuilds, stats.livenessChecks, (System.nanoTime() - start) / 1_000_000);
        assertThat(stats.admissions).as("the random configurations admit workloads at all").isPositive();
        assertThat(stats.preAdmitted).as("some workloads start out admitted").isPositive();
    }

    @Test
    void sameSeedGivesSameDecisions() {
        for (long seed = 1; seed <= DETERMINISM_SEEDS; seed++) {
            if (ONLY_SEED != 0 && seed != ONLY_SEED) {
                continue;
            }
            List<String> first = new Run(seed, new Stats()).execute();
            List<String> second = new Run(seed, new Stats()).execute();
            assertThat(second).as("seed %d: second run's admissions, flavors and pending statuses", seed)
                    .containsExactlyElementsOf(first);
        }
    }

    /** Counters printed at the end, to see that the random runs exercise something. */
    static final class Stats {
        long queues;
        long cohorts;
        long cycles;
        long admissions;
        long preemptions;
        long preAdmitted;
        long rebuilds;
        long livenessChecks;
    }

    // ====================================================================== the model

    /** A Cohort or ClusterQueue of the generated configuration, as this test understands it. */
    static final class Node {
        final String name;
        final boolean queue;
        Node parent;
        final List<Node> children = new ArrayList<>();
        final long[] nominal = new long[K];
        final long[] borrowingLimit = filled(-1);
        final long[] lendingLimit = filled(-1);
        final long[] subtree = new long[K];
        final long[] guaranteed = new long[K];
        /** A cohort that only exists because something names it (no Cohort object). */
        boolean implicit;
        // ClusterQueues only: resource groups (resource names, flavor names in order).
        final List<List<String>> groupResources = new ArrayList<>();
        final List<List<String>> groupFlavors = new ArrayList<>();
        QueueingStrategy strategy;
        boolean active = true;
        KubeObject object;

        Node(String name, boolean queue) {
            this.name = name;
            this.queue = queue;
        }

        static long[] filled(long v) {
            long[] a = new long[K];
            java.util.Arrays.fill(a, v);
            return a;
        }

        Node root() {
            Node n = this;
            while (n.parent != null) {
                n = n.parent;
            }
            return n;
        }

        int groupOf(String resource) {
            for (int g = 0; g < groupResources.size(); g++) {
                if (groupResources.get(g).contains(resource)) {
                    return g;
                }
            }
            return -1;
        }

        @Override
        public String toString() {
            return (queue ? "ClusterQueue " : "Cohort ") + name;
        }
    }

    static int k(String flavor, String resource) {
        return ALL_FLAVORS.indexOf(flavor) * R + ALL_RESOURCES.indexOf(resource);
    }

    static String frName(int k) {
        return ALL_FLAVORS.get(k / R) + "/" + ALL_RESOURCES.get(k % R);
    }

    // ====================================================================== one seeded run

    /** One random configuration and workload stream driven through an engine. */
    static final class Run {
        final long seed;
        final Stats stats;
        final SplittableRandom rnd;
        final List<String> flavors = new ArrayList<>();
        final List<String> resources = new ArrayList<>();
        final List<Node> cohorts = new ArrayList<>();
        final List<Node> queues = new ArrayList<>();
        final Map<String, Node> nodes = new LinkedHashMap<>();
        /** "namespace/name" of every LocalQueue, and its ClusterQueue. */
        final Map<String, Node> queueOfLocalQueue = new LinkedHashMap<>();
        final Engine engine = new Engine(Configuration.DEFAULT);
        /** Every workload applied and not removed, by key. */
        final Map<String, Workload> live = new TreeMap<>();
        /** Keys of the admitted workloads, as the cycle results and the test's own actions say. */
        final Set<String> admitted = new HashSet<>();
        /** Victims reported by the last cycle; the next cycle takes their quota away. */
        final Set<String> evicting = new HashSet<>();
        final List<String> removedKeys = new ArrayList<>();
        final List<String> trace = new ArrayList<>();
        final double finishProbability;
        int[] modelIndexOfFr = new int[0];
        String stage = "setup";
        long now = T0 + 60_000;
        int nextWorkload;

        Run(long seed, Stats stats) {
            this.seed = seed;
            this.stats = stats;
            this.rnd = new SplittableRandom(seed);
            this.finishProbability = 0.2 + rnd.nextDouble() * 0.6;
        }

        void log(String line) {
            trace.add(line);
            if (PRINT_TRACE) {
                System.out.println("[seed " + seed + "] " + line);
            }
        }

        String where() {
            return "seed " + seed + ", " + stage;
        }

        List<String> execute() {
            List<KubeObject> objects = generateConfiguration();
            stats.queues += queues.size();
            stats.cohorts += cohorts.size();
            int initial = 3 + rnd.nextInt(30);
            List<KubeObject> initialWorkloads = new ArrayList<>();
            for (int i = 0; i < initial; i++) {
                initialWorkloads.add(newWorkload(true));
            }
            objects.addAll(initialWorkloads);
            if (PRINT_TRACE) {
                nodes.values().forEach(n -> System.out.println("[seed " + seed + "] " + describe(n)));
                initialWorkloads.forEach(w -> System.out.println("[seed " + seed + "] initial "
                        + w.metadata().key() + " -> " + queueOfLocalQueue.get(w.metadata().namespace() + "/"
                        + ((Workload) w).queueName()).name + " prio " + ((Workload) w).priority() + " "
                        + describe((Workload) w) + (((Workload) w).admission() == null ? ""
                        : " ADMITTED " + ((Workload) w).admission())));
            }
            engine.applyAll(objects);
            stage = "initial state";
            checkQuotasMatchSpec();
            checkAll();
            int cycles = 4 + rnd.nextInt(10);
            for (int c = 1; c <= cycles; c++) {
                stage = "cycle " + c;
                runCycle();
                stage = "changes after cycle " + c;
                changeBetweenCycles();
                checkAll();
                now += 1000 + rnd.nextInt(5000);
            }
            drainAndCheckLiveness();
            return trace;
        }

        // ------------------------------------------------------------------ configuration

        List<KubeObject> generateConfiguration() {
            List<String> shuffled = new ArrayList<>(ALL_FLAVORS);
            shuffle(shuffled);
            flavors.addAll(shuffled.subList(0, 1 + rnd.nextInt(ALL_FLAVORS.size())));
            resources.add("cpu");
            resources.add("memory");
            if (rnd.nextInt(3) == 0) {
                resources.add("example.com/gpu");
            }
            int cohortCount = rnd.nextInt(6);
            for (int i = 0; i < cohortCount; i++) {
                Node c = new Node("cohort-" + i, false);
                if (i > 0 && rnd.nextInt(10) < 6) {
                    c.parent = cohorts.get(rnd.nextInt(i));
                }
                c.implicit = c.parent == null && rnd.nextInt(5) == 0;
                if (!c.implicit && rnd.nextInt(10) < 4) {
                    List<String> rs = nonEmptySubset(resources);
                    List<String> fs = nonEmptySubset(flavors);
                    c.groupResources.add(rs);
                    c.groupFlavors.add(fs);
                    randomQuotas(c, rs, fs, c.parent != null, false);
                }
                cohorts.add(c);
            }
            int queueCount = 1 + rnd.nextInt(8);
            for (int i = 0; i < queueCount; i++) {
                Node q = new Node("cq-" + i, true);
                if (!cohorts.isEmpty() && rnd.nextInt(100) < 85) {
                    q.parent = cohorts.get(rnd.nextInt(cohorts.size()));
                }
                randomGroups(q);
                for (int g = 0; g < q.groupResources.size(); g++) {
                    randomQuotas(q, q.groupResources.get(g), q.groupFlavors.get(g), q.parent != null, true);
                }
                q.strategy = rnd.nextBoolean() ? QueueingStrategy.BestEffortFIFO : QueueingStrategy.StrictFIFO;
                q.active = rnd.nextInt(40) != 0;
                queues.add(q);
            }
            // An implicit cohort nobody names does not exist at all.
            for (Node q : queues) {
                if (q.parent != null) {
                    q.parent.children.add(q);
                }
            }
            for (Node c : cohorts) {
                if (c.parent != null) {
                    c.parent.children.add(c);
                }
            }
            cohorts.removeIf(c -> c.implicit && c.children.isEmpty());
            cohorts.forEach(c -> nodes.put(c.name, c));
            queues.forEach(q -> nodes.put(q.name, q));
            computeSubtreeQuotas();

            List<KubeObject> objects = new ArrayList<>();
            for (String f : flavors) {
                objects.add(new ResourceFlavor(ObjectMeta.named(f), Map.of(), List.of(), List.of()));
            }
            for (Node c : cohorts) {
                if (!c.implicit) {
                    c.object = cohortObject(c);
                    objects.add(c.object);
                }
            }
            for (Node q : queues) {
                q.object = clusterQueueObject(q, randomFungibility(), randomPreemption());
                objects.add(q.object);
                int lqs = 1 + rnd.nextInt(2);
                for (int j = 0; j < lqs; j++) {
                    String ns = "ns-" + rnd.nextInt(3);
                    String name = "lq-" + q.name + "-" + j;
                    objects.add(new LocalQueue(new ObjectMeta(name, ns, Map.of(), Map.of(), null, null), q.name,
                            StopPolicy.None, 1000));
                    queueOfLocalQueue.put(ns + "/" + name, q);
                }
            }
            shuffle(objects);
            return objects;
        }

        void randomGroups(Node q) {
            List<String> rs = new ArrayList<>(resources);
            List<String> fs = new ArrayList<>(flavors);
            shuffle(rs);
            shuffle(fs);
            if (fs.size() >= 2 && rnd.nextInt(3) == 0) {
                int rSplit = 1 + rnd.nextInt(rs.size() - 1);
                int fSplit = 1 + rnd.nextInt(fs.size() - 1);
                q.groupResources.add(new ArrayList<>(rs.subList(0, rSplit)));
                q.groupFlavors.add(new ArrayList<>(fs.subList(0, fSplit)));
                q.groupResources.add(new ArrayList<>(rs.subList(rSplit, rs.size())));
                q.groupFlavors.add(new ArrayList<>(fs.subList(fSplit, fs.size())));
                return;
            }
            if (rnd.nextInt(10) == 0) {
                rs.remove(rs.get(0).equals("cpu") ? 1 : 0); // a resource this queue does not offer
            }
            q.groupResources.add(rs);
            q.groupFlavors.add(nonEmptySubset(fs));
        }

        void randomQuotas(Node n, List<String> rs, List<String> fs, boolean hasParent, boolean queue) {
            for (String f : fs) {
                for (String r : rs) {
                    int i = k(f, r);
                    long half = HALF[ALL_RESOURCES.indexOf(r)];
                    n.nominal[i] = half * (2L * rnd.nextInt(9) + (rnd.nextInt(4) == 0 ? 1 : 0));
                    if (hasParent && rnd.nextInt(10) < 3) {
                        n.borrowingLimit[i] = half * rnd.nextInt(9);
                    }
                    if (hasParent && rnd.nextInt(10) < 3) {
                        // Kueue requires lendingLimit <= nominalQuota on ClusterQueues only.
                        long max = queue ? n.nominal[i] / half : 10;
                        n.lendingLimit[i] = half * rnd.nextInt((int) max + 1);
                    }
                }
            }
        }

        /** Kueue's subtree quota and guaranteed quota, computed here from the spec. */
        void computeSubtreeQuotas() {
            for (Node n : nodes.values()) {
                if (n.parent == null) {
                    computeSubtree(n);
                }
            }
        }

        void computeSubtree(Node n) {
            System.arraycopy(n.nominal, 0, n.subtree, 0, K);
            for (Node c : n.children) {
                computeSubtree(c);
                for (int i = 0; i < K; i++) {
                    n.subtree[i] += c.subtree[i] - c.guaranteed[i];
                }
            }
            for (int i = 0; i < K; i++) {
                n.guaranteed[i] = n.lendingLimit[i] < 0 ? 0 : Math.max(0, n.subtree[i] - n.lendingLimit[i]);
            }
        }

        List<ResourceGroup> resourceGroups(Node n) {
            List<ResourceGroup> groups = new ArrayList<>();
            for (int g = 0; g < n.groupResources.size(); g++) {
                List<String> rs = n.groupResources.get(g);
                List<FlavorQuotas> fqs = new ArrayList<>();
                for (String f : n.groupFlavors.get(g)) {
                    List<ResourceQuota> quotas = new ArrayList<>();
                    for (String r : rs) {
                        int i = k(f, r);
                        quotas.add(new ResourceQuota(r, n.nominal[i],
                                n.borrowingLimit[i] < 0 ? null : n.borrowingLimit[i],
                                n.lendingLimit[i] < 0 ? null : n.lendingLimit[i]));
                    }
                    fqs.add(new FlavorQuotas(f, quotas));
                }
                groups.add(new ResourceGroup(rs, fqs));
            }
            return groups;
        }

        Cohort cohortObject(Node c) {
            return new Cohort(ObjectMeta.named(c.name), c.parent == null ? null : c.parent.name, resourceGroups(c), 1000);
        }

        ClusterQueue clusterQueueObject(Node q, FlavorFungibility fungibility, ClusterQueuePreemption preemption) {
            return new ClusterQueue(ObjectMeta.named(q.name), q.parent == null ? null : q.parent.name,
                    resourceGroups(q), LabelSelector.EVERYTHING, q.strategy, fungibility, preemption,
                    q.active ? StopPolicy.None : StopPolicy.Hold, 1000, null);
        }

        FlavorFungibility randomFungibility() {
            FungibilityPolicy borrow = rnd.nextBoolean() ? FungibilityPolicy.MayStopSearch : FungibilityPolicy.TryNextFlavor;
            FungibilityPolicy preempt = rnd.nextBoolean() ? FungibilityPolicy.MayStopSearch : FungibilityPolicy.TryNextFlavor;
            FungibilityPreference preference = null;
            // Kueue allows a preference only when both policies are TryNextFlavor.
            if (borrow == FungibilityPolicy.TryNextFlavor && preempt == FungibilityPolicy.TryNextFlavor
                    && rnd.nextBoolean()) {
                preference = rnd.nextBoolean() ? FungibilityPreference.BorrowingOverPreemption
                        : FungibilityPreference.PreemptionOverBorrowing;
            }
            return new FlavorFungibility(borrow, preempt, preference);
        }

        ClusterQueuePreemption randomPreemption() {
            PreemptionPolicy[] policies = PreemptionPolicy.values();
            PreemptionPolicy reclaim = policies[rnd.nextInt(policies.length)];
            PreemptionPolicy within = policies[rnd.nextInt(policies.length)];
            BorrowWithinCohort borrow = BorrowWithinCohort.NEVER;
            // Kueue requires borrowWithinCohort Never when reclaimWithinCohort is Never.
            if (reclaim != PreemptionPolicy.Never && rnd.nextInt(3) == 0) {
                borrow = new BorrowWithinCohort(PreemptionPolicy.LowerPriority,
                        rnd.nextBoolean() ? null : PRIORITIES[rnd.nextInt(PRIORITIES.length)]);
            }
            return new ClusterQueuePreemption(reclaim, borrow, within);
        }

        // ------------------------------------------------------------------ workloads

        /** A new random workload; sometimes already admitted when that keeps every invariant. */
        Workload newWorkload(boolean mayBeAdmitted) {
            return newWorkload("wl-" + nextWorkload++, mayBeAdmitted);
        }

        Workload newWorkload(String name, boolean mayBeAdmitted) {
            List<String> lqKeys = new ArrayList<>(queueOfLocalQueue.keySet());
            String lq = lqKeys.get(rnd.nextInt(lqKeys.size()));
            String ns = lq.substring(0, lq.indexOf('/'));
            String queueName = lq.substring(lq.indexOf('/') + 1);
            int priority = PRIORITIES[rnd.nextInt(PRIORITIES.length)];
            // Few distinct timestamps, so ties (broken by name) happen.
            long created = now - 1000L * rnd.nextInt(8);
            List<PodSet> podSets = new ArrayList<>();
            int n = rnd.nextInt(4) == 0 ? 2 : 1;
            for (int p = 0; p < n; p++) {
                int count = 1 + rnd.nextInt(4);
                Integer minCount = count > 1 && rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(count - 1) : null;
                podSets.add(new PodSet(p == 0 ? "main" : "worker", count, minCount, PodTemplate.ofRequests(requests())));
            }
            ObjectMeta meta = new ObjectMeta(name, ns, Map.of(), Map.of(), Instant.ofEpochMilli(created), null);
            Workload pending = new Workload(meta, queueName, null, priority, true, podSets, null, List.of());
            if (mayBeAdmitted && rnd.nextInt(100) < 15) {
                Workload admittedWl = tryAdmitDirectly(pending, queueOfLocalQueue.get(lq));
                if (admittedWl != null) {
                    admitted.add(admittedWl.metadata().key());
                    stats.preAdmitted++;
                    live.put(admittedWl.metadata().key(), admittedWl);
                    return admittedWl;
                }
            }
            live.put(pending.metadata().key(), pending);
            return pending;
        }

        Map<String, Long> requests() {
            Map<String, Long> requests = new LinkedHashMap<>();
            requests.put("cpu", HALF[0] * (1 + rnd.nextInt(6)));
            if (rnd.nextInt(10) < 7) {
                requests.put("memory", HALF[1] * rnd.nextInt(5));
            }
            if (resources.contains("example.com/gpu") ? rnd.nextInt(4) == 0 : rnd.nextInt(30) == 0) {
                requests.put("example.com/gpu", HALF[2] * 2 * (1 + rnd.nextInt(2)));
            }
            List<Map.Entry<String, Long>> entries = new ArrayList<>(requests.entrySet());
            shuffle(entries);
            Map<String, Long> shuffled = new LinkedHashMap<>();
            entries.forEach(e -> shuffled.put(e.getKey(), e.getValue()));
            return shuffled;
        }

        /**
         * The workload with status.admission in its ClusterQueue (random flavors of the covering
         * groups, random count between minCount and count) and QuotaReserved=True, or null when
         * that would break an invariant (or the queue does not cover a requested resource).
         */
        Workload tryAdmitDirectly(Workload w, Node q) {
            long[] usage = new long[K];
            List<PodSetAssignment> assignments = new ArrayList<>();
            for (PodSet ps : w.podSets()) {
                int min = ps.minCount() == null ? ps.count() : ps.minCount();
                int count = min + rnd.nextInt(ps.count() - min + 1);
                String[] groupFlavor = new String[q.groupResources.size()];
                for (int g = 0; g < groupFlavor.length; g++) {
                    List<String> fs = q.groupFlavors.get(g);
                    groupFlavor[g] = fs.get(rnd.nextInt(fs.size()));
                }
                Map<String, String> flavorOf = new TreeMap<>();
                for (var e : ps.template().requests().entrySet()) {
                    int g = q.groupOf(e.getKey());
                    if (g < 0) {
                        if (e.getValue() > 0) {
                            return null;
                        }
                        continue;
                    }
                    flavorOf.put(e.getKey(), groupFlavor[g]);
                    usage[k(groupFlavor[g], e.getKey())] += e.getValue() * count;
                }
                assignments.add(new PodSetAssignment(ps.name(), flavorOf, null, count));
            }
            Map<Node, long[]> queueUsage = recomputeQueueUsage(false);
            long[] u = queueUsage.get(q);
            for (int i = 0; i < K; i++) {
                u[i] += usage[i];
            }
            List<String> problems = new ArrayList<>();
            Map<Node, long[]> all = withCohortUsage(queueUsage);
            checkQueueLimits(all, problems);
            checkPooledUsage(all, problems);
            checkGuaranteedNotLent(all, problems);
            if (!problems.isEmpty()) {
                return null;
            }
            Instant at = Instant.ofEpochMilli(now - 500);
            return new Workload(w.metadata(), w.queueName(), null, w.priority(), true, w.podSets(),
                    new Admission(q.name, assignments),
                    List.of(new Condition(Workload.QUOTA_RESERVED, "True", "QuotaReserved", "", at)));
        }

        // ------------------------------------------------------------------ driving the engine

        void runCycle() {
            // The engine takes quota away from last cycle's victims when the cycle starts.
            for (String key : evicting) {
                admitted.remove(key);
            }
            evicting.clear();
            Set<String> admittedBefore = new HashSet<>(admitted);
            CycleResult result = engine.schedule(now);
            stats.cycles++;
            stats.admissions += result.admitted().size();
            stats.preemptions += result.preempted().size();
            log(stage + " @" + (now - T0));
            checkCycleResult(result, admittedBefore);
            for (WorkloadInfo w : result.admitted()) {
                log("admit " + w.key() + " " + describe(w.admission()));
                admitted.add(w.key());
            }
            new TreeMap<>(result.pending()).forEach((key, status) ->
                    log("pending " + key + " " + status.reason() + ": " + status.message()));
            for (Target t : result.preempted()) {
                log("preempt " + t.workload().key() + " " + t.reason());
                evicting.add(t.workload().key());
            }
            checkAll();
        }

        void changeBetweenCycles() {
            for (String key : new ArrayList<>(new TreeMap<>(live).keySet())) {
                boolean isAdmitted = admitted.contains(key);
                if (isAdmitted ? rnd.nextDouble() < finishProbability : rnd.nextInt(30) == 0) {
                    engine.remove(key);
                    live.remove(key);
                    admitted.remove(key);
                    evicting.remove(key);
                    removedKeys.add(key);
                    log("remove " + key);
                }
            }
            int added = rnd.nextInt(6);
            for (int i = 0; i < added; i++) {
                Workload w;
                if (!removedKeys.isEmpty() && rnd.nextInt(15) == 0) {
                    // A new workload under the name of one that finished earlier (same key when
                    // it lands in the same namespace): it may be admitted again.
                    String key = removedKeys.remove(rnd.nextInt(removedKeys.size()));
                    w = newWorkload(key.substring(key.indexOf('/') + 1), true);
                } else {
                    w = newWorkload(true);
                }
                engine.apply(w);
                log("add " + w.metadata().key() + (w.admission() != null ? " admitted" : ""));
            }
            if (rnd.nextInt(12) == 0) {
                reapplyClusterQueue();
            }
        }

        /** Re-applies a ClusterQueue, sometimes with more nominal quota: the engine rebuilds its tree. */
        void reapplyClusterQueue() {
            Node q = queues.get(rnd.nextInt(queues.size()));
            long[] before = q.nominal.clone();
            if (rnd.nextBoolean() && !q.groupResources.isEmpty()) {
                int g = rnd.nextInt(q.groupResources.size());
                String f = q.groupFlavors.get(g).get(rnd.nextInt(q.groupFlavors.get(g).size()));
                String r = q.groupResources.get(g).get(rnd.nextInt(q.groupResources.get(g).size()));
                q.nominal[k(f, r)] += 2 * HALF[ALL_RESOURCES.indexOf(r)];
                computeSubtreeQuotas();
                List<String> problems = new ArrayList<>();
                Map<Node, long[]> all = withCohortUsage(recomputeQueueUsage(false));
                checkQueueLimits(all, problems);
                checkPooledUsage(all, problems);
                checkGuaranteedNotLent(all, problems);
                if (!problems.isEmpty()) {
                    // More quota here may make held usage look invalid elsewhere: keep the old spec.
                    System.arraycopy(before, 0, q.nominal, 0, K);
                    computeSubtreeQuotas();
                }
            }
            ClusterQueue old = (ClusterQueue) q.object;
            q.object = clusterQueueObject(q, old.flavorFungibility(), old.preemption());
            engine.apply(q.object);
            stats.rebuilds++;
            log("reapply " + q.name);
            checkQuotasMatchSpec();
        }

        /**
         * Finishes every admitted workload after each cycle and runs cycles until nothing more
         * happens; then whatever is still pending must really not fit an empty tree.
         */
        void drainAndCheckLiveness() {
            Map<String, PendingStatus> lastPending = Map.of();
            int quietCycles = 0;
            // One head per queue and cycle, and every admission (finished at once) makes the
            // queue's inadmissible workloads active again: up to (admissions + 1) x pending cycles.
            int maxCycles = 50 + (live.size() + 1) * (live.size() + 1);
            for (int c = 1; ; c++) {
                stage = "drain cycle " + c;
                assertThat(c).as("%s: the drain settles; last decisions:%n  %s", where(),
                        String.join("\n  ", trace.subList(Math.max(0, trace.size() - 40), trace.size())))
                        .isLessThanOrEqualTo(maxCycles);
                for (String key : new ArrayList<>(new TreeMap<>(live).keySet())) {
                    if (admitted.contains(key)) {
                        engine.remove(key);
                        live.remove(key);
                        admitted.remove(key);
                        evicting.remove(key);
                        log("remove " + key);
                    }
                }
                runCycle();
                CycleResult last = lastCycle;
                if (last.admitted().isEmpty() && last.pending().keySet().stream()
                        .allMatch(key -> queueOf(key).strategy == QueueingStrategy.StrictFIFO)
                        && last.pending().keySet().equals(lastPending.keySet())) {
                    // Settled once the same heads waited three cycles in a row: a flavor search
                    // resumed part-way alternates between flavors, so one quiet cycle is not enough.
                    if (++quietCycles == 3) {
                        break;
                    }
                } else {
                    quietCycles = 0;
                }
                lastPending = last.pending();
            }
            stage = "after drain";
            List<String> problems = new ArrayList<>();
            for (Workload w : live.values()) {
                String key = w.metadata().key();
                Node q = queueOf(key);
                boolean blockedHead = q.strategy == QueueingStrategy.StrictFIFO && lastPending.containsKey(key);
                if (admitted.contains(key) || !q.active
                        || (q.strategy == QueueingStrategy.StrictFIFO && !blockedHead)) {
                    continue;
                }
                stats.livenessChecks++;
                if (fitsEmptyTree(w, q)) {
                    problems.add(key + " in " + q + " (" + q.strategy + ") is still pending although it fits the "
                            + "empty tree; status " + engine.pendingStatus(key) + "; requests "
                            + describe(w));
                }
            }
            for (String key : live.keySet()) {
                PendingStatus s = engine.pendingStatus(key);
                log("status " + key + " " + (s == null ? "admitted" : s.reason() + ": " + s.message()));
            }
            assertThat(problems).as("%s: pending workloads that fit an empty tree", where()).isEmpty();
        }

        CycleResult lastCycle;

        Node queueOf(String key) {
            Workload w = live.get(key);
            return queueOfLocalQueue.get(w.metadata().namespace() + "/" + w.queueName());
        }

        /**
         * Whether the workload fits its ClusterQueue when nothing is used anywhere, with every pod
         * set at its minimum count, using one flavor per resource group for all pod sets. At zero
         * usage the engine then must find a flavor assignment that fits (full or partial).
         */
        boolean fitsEmptyTree(Workload w, Node q) {
            long[][] totals = new long[q.groupResources.size()][R];
            for (PodSet ps : w.podSets()) {
                int count = ps.minCount() == null ? ps.count() : ps.minCount();
                for (var e : ps.template().requests().entrySet()) {
                    int g = q.groupOf(e.getKey());
                    if (g < 0) {
                        if (e.getValue() > 0) {
                            return false;
                        }
                        continue;
                    }
                    totals[g][ALL_RESOURCES.indexOf(e.getKey())] += e.getValue() * count;
                }
            }
            for (int g = 0; g < totals.length; g++) {
                boolean some = false;
                for (String f : q.groupFlavors.get(g)) {
                    boolean all = true;
                    for (String r : q.groupResources.get(g)) {
                        int ri = ALL_RESOURCES.indexOf(r);
                        if (totals[g][ri] > potential(q, k(f, r))) {
                            all = false;
                        }
                    }
                    some |= all;
                }
                if (!some) {
                    return false;
                }
            }
            return true;
        }

        /** What a node could use of a flavor-resource if nothing else were used (model). */
        long potential(Node n, int i) {
            if (n.parent == null) {
                return n.subtree[i];
            }
            long p = n.guaranteed[i] + potential(n.parent, i);
            return n.borrowingLimit[i] < 0 ? p : Math.min(p, n.subtree[i] + n.borrowingLimit[i]);
        }

        // ------------------------------------------------------------------ checks

        /** Runs every state check; the cycle result checks run in {@link #runCycle}. */
        void checkAll() {
            checkEngineAgreesOnWorkloads();
            checkAdmissionsMatchQueues();
            Map<Node, long[]> holding = withCohortUsage(recomputeQueueUsage(true));
            checkQueueUsageMatchesAdmitted(holding);
            checkCohortUsage(holding);
            Map<Node, long[]> all = withCohortUsage(recomputeQueueUsage(false));
            List<String> problems = new ArrayList<>();
            checkQueueLimits(all, problems);
            assertThat(problems).as("%s: usage within nominal + borrowingLimit and tree capacity", where()).isEmpty();
            checkPooledUsage(all, problems);
            assertThat(problems).as("%s: cohort pooled usage within subtree quota (+ borrowingLimit)", where()).isEmpty();
            checkGuaranteedNotLent(all, problems);
            assertThat(problems).as("%s: guaranteed quota used by others", where()).isEmpty();
        }

        /** Invariant 4: a cycle admits only workloads that were pending, each once. */
        void checkCycleResult(CycleResult result, Set<String> admittedBefore) {
            lastCycle = result;
            Set<String> keys = new HashSet<>();
            for (WorkloadInfo w : result.admitted()) {
                assertThat(keys.add(w.key())).as("%s: %s admitted twice in one cycle", where(), w.key()).isTrue();
                assertThat(admittedBefore).as("%s: cycle admitted %s, which already held quota", where(), w.key())
                        .doesNotContain(w.key());
                assertThat(live).as("%s: admitted %s was never applied or was removed", where(), w.key())
                        .containsKey(w.key());
                assertThat(w.isAdmitted()).as("%s: %s in admitted list without admission", where(), w.key()).isTrue();
                assertThat(engine.workload(w.key())).as("%s: admitted %s is the engine's workload", where(), w.key())
                        .isSameAs(w);
            }
            for (String key : result.pending().keySet()) {
                assertThat(keys).as("%s: %s both admitted and pending", where(), key).doesNotContain(key);
                assertThat(admittedBefore).as("%s: %s pending although admitted", where(), key).doesNotContain(key);
                assertThat(live).as("%s: pending %s is not a live workload", where(), key).containsKey(key);
            }
            for (Target t : result.preempted()) {
                assertThat(admittedBefore).as("%s: preemption victim %s holds no quota", where(), t.workload().key())
                        .contains(t.workload().key());
            }
            checkPreemptionsFollowPolicy(result);
        }

        /**
         * Every victim is allowed by the policy of some workload of the same cycle that waits for
         * preemptions: withinClusterQueue for a preemptor in the victim's ClusterQueue,
         * reclaimWithinCohort for one in another ClusterQueue of the same tree.
         */
        void checkPreemptionsFollowPolicy(CycleResult result) {
            List<WorkloadInfo> preemptors = new ArrayList<>();
            result.pending().forEach((key, status) -> {
                if (PendingStatus.WAITING_FOR_PREEMPTED.equals(status.reason())) {
                    preemptors.add(engine.workload(key));
                }
            });
            if (!result.preempted().isEmpty()) {
                assertThat(preemptors).as("%s: victims %s without a preemptor waiting for them", where(),
                        result.preempted()).isNotEmpty();
            }
            for (Target t : result.preempted()) {
                WorkloadInfo victim = t.workload();
                Node victimQueue = nodes.get(victim.admission().clusterQueue());
                boolean justified = false;
                for (WorkloadInfo p : preemptors) {
                    Node q = queueOf(p.key());
                    ClusterQueuePreemption policy = ((ClusterQueue) q.object).preemption();
                    if (q == victimQueue) {
                        justified |= allows(policy.withinClusterQueue(), p, victim);
                    } else if (q.root() == victimQueue.root() && q.parent != null) {
                        justified |= allows(policy.reclaimWithinCohort(), p, victim);
                    }
                }
                assertThat(justified).as("%s: victim %s (%s, priority %d, in %s) is not allowed by the policy of any "
                                + "preemptor %s", where(), victim.key(), t.reason(), victim.priority(), victimQueue,
                        preemptors.stream().map(p -> p.key() + " priority " + p.priority() + " in " + queueOf(p.key()))
                                .toList()).isTrue();
            }
        }

        static boolean allows(PreemptionPolicy policy, WorkloadInfo preemptor, WorkloadInfo victim) {
            return switch (policy) {
                case Never -> false;
                case Any -> true;
                case LowerPriority -> victim.priority() < preemptor.priority();
                case LowerOrNewerEqualPriority -> victim.priority() < preemptor.priority()
                        || (victim.priority() == preemptor.priority()
                        && victim.queueTimestamp() > preemptor.queueTimestamp());
            };
        }

        /** The engine knows exactly the live workloads, and exactly the admitted ones hold quota. */
        void checkEngineAgreesOnWorkloads() {
            Set<String> engineKeys = new HashSet<>();
            Set<String> engineAdmitted = new HashSet<>();
            for (WorkloadInfo w : engine.workloads()) {
                engineKeys.add(w.key());
                if (w.isAdmitted()) {
                    engineAdmitted.add(w.key());
                }
            }
            assertThat(engineKeys).as("%s: engine's workloads", where()).isEqualTo(live.keySet());
            Set<String> expected = new HashSet<>(admitted);
            expected.addAll(evicting);
            assertThat(engineAdmitted).as("%s: engine's admitted workloads", where()).isEqualTo(expected);
        }

        /**
         * Every admission is in the workload's ClusterQueue, uses for each resource a flavor of
         * the group covering it (one flavor per group and pod set), counts within
         * [minCount, count], and its usage is requests x count.
         */
        void checkAdmissionsMatchQueues() {
            FlavorResources frs = engine.flavorResources();
            for (WorkloadInfo w : engine.workloads()) {
                if (!w.isAdmitted()) {
                    continue;
                }
                AdmissionRecord a = w.admission();
                Node q = queueOf(w.key());
                String what = where() + ": admission of " + w.key() + " " + describe(a);
                assertThat(a.clusterQueue()).as(what).isEqualTo(q.name);
                long[] expected = new long[K];
                Workload spec = live.get(w.key());
                assertThat(a.podSets()).as(what + ": pod sets").hasSize(spec.podSets().size());
                for (PodSetAdmission psa : a.podSets()) {
                    PodSet ps = spec.podSets().stream().filter(p -> p.name().equals(psa.name())).findFirst().orElse(null);
                    assertThat(ps).as(what + ": pod set " + psa.name()).isNotNull();
                    int min = ps.minCount() == null ? ps.count() : ps.minCount();
                    assertThat(psa.count()).as(what + ": count of " + ps.name()).isBetween(min, ps.count());
                    String[] flavorOfGroup = new String[q.groupResources.size()];
                    for (int i = 0; i < psa.resources().length; i++) {
                        String resource = frs.resources().name(psa.resources()[i]);
                        String flavor = psa.flavors()[i];
                        long perPod = ps.template().requests().getOrDefault(resource, 0L);
                        int g = q.groupOf(resource);
                        if (flavor == null) {
                            assertThat(g < 0 && perPod == 0).as(what + ": no flavor for " + resource).isTrue();
                            continue;
                        }
                        assertThat(g).as(what + ": " + resource + " is covered by a group").isNotNegative();
                        assertThat(q.groupFlavors.get(g)).as(what + ": flavor of " + resource).contains(flavor);
                        if (flavorOfGroup[g] == null) {
                            flavorOfGroup[g] = flavor;
                        }
                        assertThat(flavor).as(what + ": one flavor per resource group").isEqualTo(flavorOfGroup[g]);
                        expected[k(flavor, resource)] += perPod * psa.count();
                    }
                }
                for (PodSet ps : spec.podSets()) {
                    PodSetAdmission psa = a.podSets().stream().filter(p -> p.name().equals(ps.name())).findFirst()
                            .orElse(null);
                    assertThat(psa).as(what + ": pod set " + ps.name() + " admitted").isNotNull();
                    ps.template().requests().forEach((resource, perPod) -> {
                        if (perPod > 0) {
                            assertThat(psa.flavorOf(frs.resources().find(resource)))
                                    .as(what + ": flavor for " + resource + " of " + ps.name()).isNotNull();
                        }
                    });
                }
                assertThat(usageByModelIndex(a.usage())).as(what + ": usage is requests x count")
                        .containsExactly(expected);
            }
        }

        /**
         * Usage per ClusterQueue recomputed from the workloads holding quota: the engine's
         * admission usage, or for a workload not applied yet its status.admission. With
         * includeEvicting false, preemption victims that have not been evicted yet are left
         * out: like Kueue, the engine lets later heads of the same cycle use their quota, so
         * until the next cycle evicts them only the rest must respect the quota limits.
         */
        Map<Node, long[]> recomputeQueueUsage(boolean includeEvicting) {
            Map<Node, long[]> usage = new HashMap<>();
            for (Node n : nodes.values()) {
                usage.put(n, new long[K]);
            }
            Set<String> holding = new HashSet<>(admitted);
            if (includeEvicting) {
                holding.addAll(evicting);
            } else {
                holding.removeAll(evicting);
            }
            for (String key : holding) {
                WorkloadInfo w = engine.workload(key);
                long[] wu;
                String cq;
                if (w != null && w.isAdmitted()) {
                    wu = usageByModelIndex(w.admission().usage());
                    cq = w.admission().clusterQueue();
                } else {
                    Workload spec = live.get(key);
                    wu = usageOfStatusAdmission(spec);
                    cq = spec.admission().clusterQueue();
                }
                long[] u = usage.get(nodes.get(cq));
                for (int i = 0; i < K; i++) {
                    u[i] += wu[i];
                }
            }
            return usage;
        }

        static long[] usageOfStatusAdmission(Workload w) {
            long[] out = new long[K];
            for (PodSetAssignment psa : w.admission().podSetAssignments()) {
                PodSet ps = w.podSets().stream().filter(p -> p.name().equals(psa.name())).findFirst().orElseThrow();
                psa.flavors().forEach((resource, flavor) ->
                        out[k(flavor, resource)] += ps.template().requests().get(resource) * psa.count());
            }
            return out;
        }

        /** Adds each cohort's usage: what its children use above their guaranteed quota. */
        Map<Node, long[]> withCohortUsage(Map<Node, long[]> usage) {
            for (Node n : nodes.values()) {
                if (n.parent == null) {
                    pooled(n, usage);
                }
            }
            return usage;
        }

        private void pooled(Node n, Map<Node, long[]> usage) {
            if (n.queue) {
                return;
            }
            long[] u = usage.get(n);
            java.util.Arrays.fill(u, 0);
            for (Node c : n.children) {
                pooled(c, usage);
                long[] cu = usage.get(c);
                for (int i = 0; i < K; i++) {
                    u[i] += Math.max(0, cu[i] - c.guaranteed[i]);
                }
            }
        }

        /** The tree holds the spec's nominal quota, limits, and the subtree quota computed here. */
        void checkQuotasMatchSpec() {
            QuotaTree tree = engine.quotaTree();
            refreshFrMapping();
            assertThat(tree.clusterQueues()).as("%s: ClusterQueues in the tree", where()).hasSize(queues.size());
            assertThat(tree.cohorts()).as("%s: Cohorts in the tree", where()).hasSize(cohorts.size());
            for (Node n : nodes.values()) {
                QuotaNode node = engineNode(tree, n);
                assertThat(node).as("%s: %s in the tree", where(), n).isNotNull();
                assertThat(node.parent() == null ? null : node.parent().name())
                        .as("%s: parent of %s", where(), n).isEqualTo(n.parent == null ? null : n.parent.name);
                for (int fr = 0; fr < modelIndexOfFr.length; fr++) {
                    int i = modelIndexOfFr[fr];
                    String what = where() + ": " + n + " " + frName(i);
                    assertThat(millis(fr, node.nominal(fr))).as(what + " nominal").isEqualTo(n.nominal[i]);
                    assertThat(limitMillis(fr, node.borrowingLimit(fr))).as(what + " borrowingLimit")
                            .isEqualTo(n.borrowingLimit[i]);
                    assertThat(limitMillis(fr, node.lendingLimit(fr))).as(what + " lendingLimit")
                            .isEqualTo(n.lendingLimit[i]);
                    assertThat(millis(fr, node.subtreeQuota(fr))).as(what + " subtreeQuota").isEqualTo(n.subtree[i]);
                    assertThat(millis(fr, node.guaranteedQuota(fr))).as(what + " guaranteed").isEqualTo(n.guaranteed[i]);
                }
            }
        }

        /** Invariant 1: each ClusterQueue's usage is the sum of its admitted workloads' usage. */
        void checkQueueUsageMatchesAdmitted(Map<Node, long[]> queueUsage) {
            QuotaTree tree = engine.quotaTree();
            refreshFrMapping();
            for (Node q : queues) {
                QuotaNode node = tree.clusterQueue(q.name);
                for (int fr = 0; fr < modelIndexOfFr.length; fr++) {
                    assertThat(millis(fr, node.usage(fr))).as("%s: usage of %s in %s = sum of its admitted workloads", where(),
                            frName(modelIndexOfFr[fr]), q).isEqualTo(queueUsage.get(q)[modelIndexOfFr[fr]]);
                }
            }
        }

        /** Each Cohort's usage is the sum over its children of their usage above their guaranteed quota. */
        void checkCohortUsage(Map<Node, long[]> all) {
            QuotaTree tree = engine.quotaTree();
            for (Node c : cohorts) {
                QuotaNode node = tree.cohort(c.name);
                for (int fr = 0; fr < modelIndexOfFr.length; fr++) {
                    assertThat(millis(fr, node.usage(fr))).as("%s: usage of %s in %s = children's usage above guaranteed",
                            where(), frName(modelIndexOfFr[fr]), c).isEqualTo(all.get(c)[modelIndexOfFr[fr]]);
                }
            }
        }

        /**
         * Invariant 2: a ClusterQueue with a borrowingLimit uses at most nominal + borrowingLimit,
         * one without cohort at most nominal, and all ClusterQueues of a tree together at most the
         * quota in the tree (the root's subtree quota plus what nodes keep as guaranteed, i.e. the
         * sum of every nominal quota in it).
         */
        void checkQueueLimits(Map<Node, long[]> usage, List<String> problems) {
            for (Node q : queues) {
                long[] u = usage.get(q);
                for (int i = 0; i < K; i++) {
                    if (q.borrowingLimit[i] >= 0 && u[i] > q.nominal[i] + q.borrowingLimit[i]) {
                        problems.add(q + " uses " + u[i] + " of " + frName(i) + " > nominal " + q.nominal[i]
                                + " + borrowingLimit " + q.borrowingLimit[i]);
                    }
                    if (q.parent == null && u[i] > q.nominal[i]) {
                        problems.add(q + " (no cohort) uses " + u[i] + " of " + frName(i) + " > nominal " + q.nominal[i]);
                    }
                }
            }
            Map<Node, long[]> treeUsage = new HashMap<>();
            Map<Node, long[]> treeQuota = new HashMap<>();
            for (Node n : nodes.values()) {
                long[] quota = treeQuota.computeIfAbsent(n.root(), r -> new long[K]);
                long[] used = treeUsage.computeIfAbsent(n.root(), r -> new long[K]);
                for (int i = 0; i < K; i++) {
                    quota[i] += n.nominal[i];
                    used[i] += n.queue ? usage.get(n)[i] : 0;
                }
            }
            treeUsage.forEach((root, used) -> {
                for (int i = 0; i < K; i++) {
                    if (used[i] > treeQuota.get(root)[i]) {
                        problems.add("tree of " + root + " uses " + used[i] + " of " + frName(i)
                                + " > its total quota " + treeQuota.get(root)[i]);
                    }
                }
            });
        }

        /**
         * Invariant 3, per cohort: what the children use above their guaranteed quota fits the
         * cohort's subtree quota plus what the cohort may borrow itself (borrowingLimit; nothing
         * at a root; unbounded here otherwise, its parent is checked instead).
         */
        void checkPooledUsage(Map<Node, long[]> usage, List<String> problems) {
            for (Node c : cohorts) {
                long[] u = usage.get(c);
                for (int i = 0; i < K; i++) {
                    long mayBorrow = c.parent == null ? 0 : c.borrowingLimit[i] >= 0 ? c.borrowingLimit[i] : Long.MAX_VALUE / 4;
                    if (u[i] > c.subtree[i] + mayBorrow) {
                        problems.add(c + " pools " + u[i] + " of " + frName(i) + " > subtree quota " + c.subtree[i]
                                + " + " + (c.parent == null ? "0 (root)" : "borrowingLimit " + c.borrowingLimit[i]));
                    }
                }
            }
        }

        /**
         * Invariant 3, per lending node: ClusterQueues outside a node's subtree never use the
         * quota guaranteed inside it (each node's nominal - lendingLimit share, for the node and
         * its descendants): their usage is at most the tree's quota minus that.
         */
        void checkGuaranteedNotLent(Map<Node, long[]> usage, List<String> problems) {
            for (Node n : nodes.values()) {
                if (n.parent == null) {
                    continue;
                }
                Set<Node> inside = new HashSet<>();
                collect(n, inside);
                long[] kept = new long[K];
                for (Node m : inside) {
                    for (int i = 0; i < K; i++) {
                        kept[i] += m.guaranteed[i];
                    }
                }
                Node root = n.root();
                Set<Node> treeNodes = new HashSet<>();
                collect(root, treeNodes);
                for (int i = 0; i < K; i++) {
                    if (kept[i] == 0) {
                        continue;
                    }
                    long total = 0;
                    long outside = 0;
                    for (Node m : treeNodes) {
                        total += m.nominal[i];
                        if (m.queue && !inside.contains(m)) {
                            outside += usage.get(m)[i];
                        }
                    }
                    if (outside > total - kept[i]) {
                        problems.add("ClusterQueues outside " + n + " use " + outside + " of " + frName(i)
                                + " > tree quota " + total + " - guaranteed inside " + kept[i]);
                    }
                }
            }
        }

        static void collect(Node n, Set<Node> out) {
            out.add(n);
            n.children.forEach(c -> collect(c, out));
        }

        // ------------------------------------------------------------------ helpers

        void refreshFrMapping() {
            FlavorResources frs = engine.flavorResources();
            if (modelIndexOfFr.length == frs.size()) {
                return;
            }
            modelIndexOfFr = new int[frs.size()];
            for (int fr = 0; fr < frs.size(); fr++) {
                modelIndexOfFr[fr] = k(frs.flavorName(fr), frs.resourceName(fr));
                assertThat(modelIndexOfFr[fr]).as("%s: flavor-resource %s/%s", where(), frs.flavorName(fr),
                        frs.resourceName(fr)).isNotNegative();
            }
        }

        long[] usageByModelIndex(Usage usage) {
            FlavorResources frs = engine.flavorResources();
            long[] out = new long[K];
            for (int j = 0; j < usage.size(); j++) {
                int fr = usage.fr(j);
                out[k(frs.flavorName(fr), frs.resourceName(fr))] += millis(fr, usage.amount(j));
            }
            return out;
        }

        /** An engine amount of flavor-resource fr in the milli-units the model keeps. */
        long millis(int fr, long amount) {
            return engine.flavorResources().units().toMillis(engine.flavorResources().resourceName(fr), amount);
        }

        long limitMillis(int fr, long limit) {
            return limit == QuotaNode.NO_LIMIT ? limit : millis(fr, limit);
        }

        static QuotaNode engineNode(QuotaTree tree, Node n) {
            return n.queue ? tree.clusterQueue(n.name) : tree.cohort(n.name);
        }

        String describe(AdmissionRecord a) {
            FlavorResources frs = engine.flavorResources();
            StringBuilder sb = new StringBuilder(a.clusterQueue()).append(" [");
            for (PodSetAdmission psa : a.podSets()) {
                sb.append(psa.name()).append(" x").append(psa.count()).append(" {");
                Map<String, String> flavorOf = new TreeMap<>();
                for (int i = 0; i < psa.resources().length; i++) {
                    flavorOf.put(frs.resources().name(psa.resources()[i]), psa.flavors()[i]);
                }
                sb.append(flavorOf).append("} ");
            }
            return sb.append("]").toString();
        }

        static String describe(Node n) {
            StringBuilder sb = new StringBuilder(n.toString());
            sb.append(n.parent == null ? " (root)" : " parent " + n.parent.name);
            if (n.queue) {
                ClusterQueue cq = (ClusterQueue) n.object;
                sb.append(" ").append(n.strategy).append(n.active ? "" : " HOLD").append(" groups ")
                        .append(n.groupResources).append(" flavors ").append(n.groupFlavors).append(" ")
                        .append(cq.flavorFungibility()).append(" ").append(cq.preemption());
            } else if (n.implicit) {
                sb.append(" implicit");
            }
            for (int i = 0; i < K; i++) {
                if (n.nominal[i] != 0 || n.borrowingLimit[i] >= 0 || n.lendingLimit[i] >= 0 || n.subtree[i] != 0) {
                    sb.append("\n      ").append(frName(i)).append(": nominal ").append(n.nominal[i])
                            .append(n.borrowingLimit[i] >= 0 ? " borrowingLimit " + n.borrowingLimit[i] : "")
                            .append(n.lendingLimit[i] >= 0 ? " lendingLimit " + n.lendingLimit[i] : "")
                            .append(" subtree ").append(n.subtree[i]).append(" guaranteed ").append(n.guaranteed[i]);
                }
            }
            return sb.toString();
        }

        static String describe(Workload w) {
            StringBuilder sb = new StringBuilder();
            for (PodSet ps : w.podSets()) {
                sb.append(ps.name()).append(" x").append(ps.count())
                        .append(ps.minCount() == null ? "" : " (min " + ps.minCount() + ")")
                        .append(" ").append(ps.template().requests()).append("; ");
            }
            return sb.toString();
        }

        <T> void shuffle(List<T> list) {
            for (int i = list.size() - 1; i > 0; i--) {
                Collections.swap(list, i, rnd.nextInt(i + 1));
            }
        }

        List<String> nonEmptySubset(List<String> from) {
            List<String> copy = new ArrayList<>(from);
            shuffle(copy);
            return new ArrayList<>(copy.subList(0, 1 + rnd.nextInt(copy.size())));
        }
    }
}
