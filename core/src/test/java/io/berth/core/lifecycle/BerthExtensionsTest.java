package io.berth.core.lifecycle;

import static io.berth.api.kueue.PreemptionPolicy.Any;
import static io.berth.api.kueue.PreemptionPolicy.LowerPriority;
import static io.berth.core.lifecycle.Fixture.admitted;
import static io.berth.core.lifecycle.Fixture.at;
import static io.berth.core.lifecycle.Fixture.config;
import static io.berth.core.lifecycle.Fixture.cpu;
import static io.berth.core.lifecycle.Fixture.cq;
import static io.berth.core.lifecycle.Fixture.engine;
import static io.berth.core.lifecycle.Fixture.fairSharing;
import static io.berth.core.lifecycle.Fixture.flavor;
import static io.berth.core.lifecycle.Fixture.holdingQuota;
import static io.berth.core.lifecycle.Fixture.key;
import static io.berth.core.lifecycle.Fixture.lq;
import static io.berth.core.lifecycle.Fixture.placements;
import static io.berth.core.lifecycle.Fixture.preempted;
import static io.berth.core.lifecycle.Fixture.wl;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.KubeObject;
import io.berth.api.config.BerthExtensions;
import io.berth.api.config.Configuration;
import io.berth.api.config.FairSharingConfig;
import io.berth.api.core.ObjectMeta;
import io.berth.api.kueue.BorrowWithinCohort;
import io.berth.api.kueue.ClusterQueuePreemption;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.FlavorFungibility;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.FungibilityPolicy;
import io.berth.api.kueue.FungibilityPreference;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.api.kueue.QueueingStrategy;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import io.berth.core.preempt.Target;
import io.berth.core.quota.ClusterQueueNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Berth's opt-in extensions beyond Kueue: several admissions per ClusterQueue per cycle (which
 * must equal running that many Kueue cycles one after the other), and a minimum runtime before
 * a workload may be preempted (ClusterQueue annotation berth.io/preemption-min-runtime).
 */
class BerthExtensionsTest {

    // ------------------------------------------------------------------ admissionsPerClusterQueue

    private static final String[] FLAVORS = {"f0", "f1", "f2"};
    private static final PreemptionPolicy[] WITHIN = {PreemptionPolicy.Never, LowerPriority, LowerPriority,
            PreemptionPolicy.LowerOrNewerEqualPriority};
    private static final PreemptionPolicy[] RECLAIM = {PreemptionPolicy.Never, LowerPriority, Any, Any};

    /** One random small world: objects, configuration without the extension, cycles to run. */
    private record World(List<KubeObject> objects, FairSharingConfig fairSharing, int perQueue, int cycles,
                         List<String> queues, List<String> resources) {
    }

    private static <T> T pick(Random rnd, T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private static World randomWorld(long seed) {
        Random rnd = new Random(seed);
        List<KubeObject> objects = new ArrayList<>();
        int flavorCount = 1 + rnd.nextInt(3);
        for (int f = 0; f < flavorCount; f++) {
            objects.add(flavor(FLAVORS[f]));
        }
        List<String> resources = rnd.nextBoolean() ? List.of("cpu") : List.of("cpu", "memory");
        List<String> cohorts = new ArrayList<>();
        int cohortCount = rnd.nextInt(3);
        for (int c = 0; c < cohortCount; c++) {
            String name = "co" + c;
            String parent = c > 0 && rnd.nextBoolean() ? "co0" : null;
            List<ResourceGroup> own = rnd.nextInt(4) == 0
                    ? List.of(randomGroup(rnd, resources, flavorCount, false)) : List.of();
            objects.add(new Cohort(ObjectMeta.named(name), parent, own, 1000));
            cohorts.add(name);
        }
        int queueCount = 2 + rnd.nextInt(3);
        List<String> queues = new ArrayList<>();
        for (int q = 0; q < queueCount; q++) {
            String cohort = cohorts.isEmpty() || rnd.nextInt(5) == 0 ? null : cohorts.get(rnd.nextInt(cohorts.size()));
            PreemptionPolicy reclaim = pick(rnd, RECLAIM);
            BorrowWithinCohort bwc = reclaim != PreemptionPolicy.Never && rnd.nextBoolean()
                    ? new BorrowWithinCohort(LowerPriority, rnd.nextBoolean() ? null : rnd.nextInt(3))
                    : BorrowWithinCohort.NEVER;
            FlavorFungibility fungibility = new FlavorFungibility(
                    rnd.nextBoolean() ? FungibilityPolicy.MayStopSearch : FungibilityPolicy.TryNextFlavor,
                    rnd.nextBoolean() ? FungibilityPolicy.MayStopSearch : FungibilityPolicy.TryNextFlavor,
                    rnd.nextInt(3) == 0 ? null : pick(rnd, FungibilityPreference.values()));
            objects.add(cq("cq" + q).cohort(cohort)
                    .groups(randomGroup(rnd, resources, flavorCount, cohort != null))
                    .strategy(rnd.nextBoolean() ? QueueingStrategy.BestEffortFIFO : QueueingStrategy.StrictFIFO)
                    .fungibility(fungibility)
                    .preemption(new ClusterQueuePreemption(reclaim, bwc, pick(rnd, WITHIN)))
                    .weight(pick(rnd, new Double[] {1.0, 1.0, 2.0, 0.5}))
                    .build());
            objects.add(lq("q" + q, "cq" + q));
            queues.add("q" + q);
        }
        int workloadCount = 4 + rnd.nextInt(10);
        for (int w = 0; w < workloadCount; w++) {
            objects.add(randomWorkload(rnd, "w" + w, queues, resources, rnd.nextInt(100), 3));
        }
        FairSharingConfig fs = rnd.nextInt(3) == 0 ? new FairSharingConfig(true, List.of()) : FairSharingConfig.DISABLED;
        return new World(objects, fs, 2 + rnd.nextInt(2), 2 + rnd.nextInt(3), queues, resources);
    }

    private static ResourceGroup randomGroup(Random rnd, List<String> resources, int flavorCount, boolean inCohort) {
        List<String> names = new ArrayList<>(List.of(FLAVORS).subList(0, flavorCount));
        Collections.shuffle(names, rnd);
        List<FlavorQuotas> flavors = new ArrayList<>();
        for (String f : names.subList(0, 1 + rnd.nextInt(flavorCount))) {
            List<ResourceQuota> quotas = new ArrayList<>();
            for (String r : resources) {
                long nominal = rnd.nextInt(7);
                Long borrowing = inCohort && rnd.nextInt(3) == 0 ? (long) rnd.nextInt(5) * 1000 : null;
                Long lending = inCohort && rnd.nextInt(3) == 0 ? (long) rnd.nextInt((int) nominal + 1) * 1000 : null;
                quotas.add(new ResourceQuota(r, nominal * 1000, borrowing, lending));
            }
            flavors.add(new FlavorQuotas(f, quotas));
        }
        return new ResourceGroup(resources, flavors);
    }

    private static KubeObject randomWorkload(Random rnd, String name, List<String> queues, List<String> resources,
                                             double created, int priorities) {
        Fixture.WL w = wl(name).queue(queues.get(rnd.nextInt(queues.size()))).priority(rnd.nextInt(priorities))
                .created(created);
        int count = 1 + rnd.nextInt(3);
        Integer minCount = count > 1 && rnd.nextInt(4) == 0 ? 1 : null;
        List<Object> requests = new ArrayList<>();
        for (String r : resources) {
            requests.add(r);
            requests.add(1 + rnd.nextInt(3));
        }
        return w.podSet("main", count, minCount, requests.toArray()).build();
    }

    private static List<String> preemptedWithReasons(List<Target> targets) {
        return targets.stream().map(t -> t.workload().key() + ":" + t.reason()).toList();
    }

    private static final int SEEDS = 200;

    /** Plain equality on the hot path; AssertJ's report only when they differ. */
    private static <T> void same(T actual, T expected, String what) {
        if (!actual.equals(expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
        }
    }

    /**
     * For 200 random small worlds (several ClusterQueues, cohorts, flavors, preemption
     * policies, sometimes fair sharing), engine A admitting N per ClusterQueue per cycle and
     * engine B admitting 1 per cycle but running N cycles at the same virtual time must admit
     * the same workloads in the same order with the same flavors, preempt the same ones for
     * the same reasons, and leave the same pending statuses; between cycles both see the same
     * new workloads and the same finished ones.
     */
    @Test
    void severalAdmissionsPerCycleEqualAsManyKueueCycles() {
        int admissions = 0;
        int preemptions = 0;
        int multiAdmissionCycles = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            World world = randomWorld(seed);
            Engine a = engine(new Configuration(world.fairSharing(), null, null, new BerthExtensions(world.perQueue())),
                    world.objects());
            Engine b = engine(new Configuration(world.fairSharing(), null, null, BerthExtensions.NONE), world.objects());
            Random ops = new Random(seed * 31 + 7);
            int nextWorkload = 100;
            for (int cycle = 0; cycle < world.cycles(); cycle++) {
                String where = "seed " + seed + ", cycle " + cycle + " (N=" + world.perQueue() + ")";
                long now = at(60.0 * cycle);
                CycleResult ra = a.schedule(now);
                List<String> bAdmitted = new ArrayList<>();
                List<String> bPreempted = new ArrayList<>();
                for (int sub = 0; sub < world.perQueue(); sub++) {
                    CycleResult rb = b.schedule(now);
                    bAdmitted.addAll(admitted(rb));
                    bPreempted.addAll(preemptedWithReasons(rb.preempted()));
                }
                same(admitted(ra), bAdmitted, "admitted, " + where);
                same(preemptedWithReasons(ra.preempted()), bPreempted, "preempted, " + where);
                same(placements(a), placements(b), "flavors of admitted workloads, " + where);
                same(a.pendingStatuses(), b.pendingStatuses(), "pending statuses, " + where);
                admissions += bAdmitted.size();
                preemptions += bPreempted.size();
                if (admitted(ra).size() > world.queues().size()) {
                    multiAdmissionCycles++;
                }
                // The same changes to both: one running workload finishes, new ones arrive.
                List<String> running = holdingQuota(a);
                if (!running.isEmpty() && ops.nextBoolean()) {
                    String done = running.get(ops.nextInt(running.size()));
                    a.remove(done);
                    b.remove(done);
                }
                for (int n = ops.nextInt(3); n > 0; n--) {
                    KubeObject w = randomWorkload(ops, "w" + nextWorkload++, world.queues(), world.resources(),
                            60.0 * cycle + 1, 5);
                    a.apply(w);
                    b.apply(w);
                }
            }
        }
        // The worlds exercise what they should.
        assertThat(admissions).isGreaterThan(SEEDS * 3);
        assertThat(preemptions).isGreaterThan(SEEDS / 10);
        assertThat(multiAdmissionCycles).isGreaterThan(SEEDS / 10);
    }

    @Test
    void severalAdmissionsPerClusterQueueInOneCycle() {
        List<KubeObject> objects = List.of(flavor("default"), cq("cq").groups(cpu(10)).build(), lq("q", "cq"),
                wl("a").created(1).build(), wl("b").created(2).build(), wl("c").created(3).build(),
                wl("d").created(4).build());
        Engine three = engine(Fixture.admissionsPerClusterQueue(3), objects);
        Engine one = engine(config(), objects);

        assertThat(admitted(three.schedule(at(0)))).containsExactly(key("a"), key("b"), key("c"));
        assertThat(admitted(one.schedule(at(0)))).containsExactly(key("a"));
        assertThat(admitted(three.schedule(at(1)))).containsExactly(key("d"));
    }

    /** Within one cycle of several admissions, a victim chosen early is gone before the preemptor's next turn. */
    @Test
    void preemptionCompletesWithinOneCycleOfSeveralAdmissions() {
        List<KubeObject> objects = List.of(flavor("default"),
                cq("cq").withinClusterQueue(LowerPriority).groups(cpu(4)).build(), lq("q", "cq"),
                wl("low").priority(0).pods(1, "cpu", 4).admitted("cq", 0).build(),
                wl("high").priority(5).created(1).pods(1, "cpu", 4).build());
        Engine e = engine(Fixture.admissionsPerClusterQueue(2), objects);

        CycleResult r = e.schedule(at(60));

        assertThat(preempted(r)).containsOnlyKeys(key("low"));
        assertThat(admitted(r)).containsExactly(key("high"));
        assertThat(holdingQuota(e)).containsExactly(key("high"));
    }

    // ------------------------------------------------------------------ minimum runtime before preemption

    private static final String TEN_MINUTES = "10m";

    /**
     * cq (4 cpus, withinClusterQueue LowerPriority, minimum runtime 10 minutes) runs "low"
     * (p0, admitted by the cycle at 0 s); "high" (p10) wants all 4 cpus.
     */
    static Stream<Arguments> minimumRuntime() {
        return Stream.of(
                Arguments.of(60.0, false),
                Arguments.of(599.999, false),
                Arguments.of(600.0, true),
                Arguments.of(3600.0, true));
    }

    @ParameterizedTest(name = "preemption attempted at {0} s -> preempted: {1}")
    @MethodSource
    void minimumRuntime(double when, boolean preempted) {
        Engine e = engine(config(), List.of(flavor("default"),
                cq("cq").withinClusterQueue(LowerPriority).annotation(ClusterQueueNode.MIN_RUNTIME_ANNOTATION, TEN_MINUTES)
                        .groups(cpu(4)).build(), lq("q", "cq"),
                wl("low").priority(0).pods(1, "cpu", 4).build()));
        assertThat(admitted(e.schedule(at(0)))).containsExactly(key("low"));
        e.apply(wl("high").priority(10).created(1).pods(1, "cpu", 4).build());

        CycleResult r = e.schedule(at(when));

        if (preempted) {
            assertThat(preempted(r)).isEqualTo(Map.of(key("low"), "InClusterQueue"));
            assertThat(admitted(e.schedule(at(when + 1)))).containsExactly(key("high"));
        } else {
            assertThat(r.preempted()).isEmpty();
            assertThat(r.pending().get(key("high")).reason()).isEqualTo("WaitingForQuota");
            assertThat(holdingQuota(e)).containsExactly(key("low"));
        }
    }

    /**
     * The same preemptor tried while its victim is protected and again once the protection has
     * expired (StrictFIFO keeps it at the head, so every cycle retries it).
     */
    @Test
    void minimumRuntimeExpiresForARetriedHead() {
        Engine e = engine(config(), List.of(flavor("default"),
                cq("cq").strategy(QueueingStrategy.StrictFIFO).withinClusterQueue(LowerPriority)
                        .annotation(ClusterQueueNode.MIN_RUNTIME_ANNOTATION, TEN_MINUTES).groups(cpu(4)).build(),
                lq("q", "cq"),
                wl("low").priority(0).pods(1, "cpu", 4).build()));
        e.schedule(at(0));
        e.apply(wl("high").priority(10).created(1).pods(1, "cpu", 4).build());

        assertThat(e.schedule(at(60)).preempted()).isEmpty();
        assertThat(e.schedule(at(599)).preempted()).isEmpty();
        assertThat(preempted(e.schedule(at(600)))).containsOnlyKeys(key("low"));
        assertThat(admitted(e.schedule(at(601)))).containsExactly(key("high"));
    }

    @Test
    void withoutTheAnnotationAFreshWorkloadIsPreemptedAtOnce() {
        Engine e = engine(config(), List.of(flavor("default"),
                cq("cq").withinClusterQueue(LowerPriority).groups(cpu(4)).build(), lq("q", "cq"),
                wl("low").priority(0).pods(1, "cpu", 4).build()));
        e.schedule(at(0));
        e.apply(wl("high").priority(10).created(1).pods(1, "cpu", 4).build());

        assertThat(preempted(e.schedule(at(1)))).containsOnlyKeys(key("low"));
    }

    /**
     * cq (4 cpus) runs "old" (2 cpus, admitted at 0 s) and "fresh" (2 cpus, admitted at 500 s),
     * both p0. At 700 s a p10 workload wants 2 cpus: Kueue would take the most recently admitted,
     * fresh; with a 10-minute minimum runtime fresh is protected and old goes instead.
     */
    @Test
    void aProtectedWorkloadIsSkippedForAnOlderOne() {
        for (boolean annotated : List.of(false, true)) {
            Fixture.CQ cq = cq("cq").withinClusterQueue(LowerPriority).groups(cpu(4));
            if (annotated) {
                cq.annotation(ClusterQueueNode.MIN_RUNTIME_ANNOTATION, TEN_MINUTES);
            }
            Engine e = engine(config(), List.of(flavor("default"), cq.build(), lq("q", "cq"),
                    wl("old").pods(1, "cpu", 2).admitted("cq", 0).build(),
                    wl("fresh").pods(1, "cpu", 2).admitted("cq", 500).build(),
                    wl("high").priority(10).created(600).pods(1, "cpu", 2).build()));

            CycleResult r = e.schedule(at(700));

            assertThat(preempted(r)).as("annotated: %s", annotated)
                    .containsOnlyKeys(key(annotated ? "old" : "fresh"));
        }
    }

    /**
     * Reclaiming across a cohort: cq-a (4 cpus, reclaimWithinCohort Any) and cq-b (4 cpus) which
     * runs b1 and b2 (4 cpus each, admitted at 0 s), borrowing cq-a's quota. The annotation of
     * the victim's queue protects it, the preemptor's queue's does not; with fair sharing as well.
     */
    static Stream<Arguments> minimumRuntimeAcrossTheCohort() {
        return Stream.of(
                //           fair   annotate cq-a  annotate cq-b  protected
                Arguments.of(false, false,         true,          true),
                Arguments.of(false, true,          false,         false),
                Arguments.of(false, false,         false,         false),
                Arguments.of(true,  false,         true,          true),
                Arguments.of(true,  true,          false,         false));
    }

    @ParameterizedTest(name = "fair sharing {0}, cq-a annotated {1}, cq-b annotated {2} -> protected: {3}")
    @MethodSource
    void minimumRuntimeAcrossTheCohort(boolean fair, boolean annotateA, boolean annotateB, boolean isProtected) {
        // StrictFIFO: the head is retried every cycle (see minimumRuntimeExpiresForARetriedHead).
        Fixture.CQ cqA = cq("cq-a").cohort("co").strategy(QueueingStrategy.StrictFIFO).reclaimWithinCohort(Any)
                .groups(cpu(4));
        Fixture.CQ cqB = cq("cq-b").cohort("co").groups(cpu(4));
        if (annotateA) {
            cqA.annotation(ClusterQueueNode.MIN_RUNTIME_ANNOTATION, TEN_MINUTES);
        }
        if (annotateB) {
            cqB.annotation(ClusterQueueNode.MIN_RUNTIME_ANNOTATION, TEN_MINUTES);
        }
        Engine e = engine(fair ? fairSharing() : config(), List.of(flavor("default"), cqA.build(), cqB.build(),
                lq("qa", "cq-a"), lq("qb", "cq-b"),
                wl("b1").queue("qb").pods(1, "cpu", 4).admitted("cq-b", 0).build(),
                wl("b2").queue("qb").pods(1, "cpu", 4).admitted("cq-b", 0).build(),
                wl("a1").queue("qa").created(1).pods(1, "cpu", 4).build()));

        CycleResult early = e.schedule(at(300));
        CycleResult late = e.schedule(at(600));

        if (isProtected) {
            assertThat(early.preempted()).isEmpty();
            assertThat(late.preempted()).hasSize(1);
        } else {
            assertThat(early.preempted()).hasSize(1);
        }
        assertThat(preempted(isProtected ? late : early).values()).containsOnly("InCohortReclamation");
    }
}
