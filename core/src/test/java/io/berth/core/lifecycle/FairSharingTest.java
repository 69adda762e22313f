package io.berth.core.lifecycle;

import static io.berth.api.kueue.PreemptionPolicy.Any;
import static io.berth.core.lifecycle.Fixture.admitted;
import static io.berth.core.lifecycle.Fixture.at;
import static io.berth.core.lifecycle.Fixture.cohort;
import static io.berth.core.lifecycle.Fixture.config;
import static io.berth.core.lifecycle.Fixture.cpu;
import static io.berth.core.lifecycle.Fixture.cq;
import static io.berth.core.lifecycle.Fixture.engine;
import static io.berth.core.lifecycle.Fixture.fairSharing;
import static io.berth.core.lifecycle.Fixture.flavor;
import static io.berth.core.lifecycle.Fixture.group;
import static io.berth.core.lifecycle.Fixture.key;
import static io.berth.core.lifecycle.Fixture.lq;
import static io.berth.core.lifecycle.Fixture.preempted;
import static io.berth.core.lifecycle.Fixture.wl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import io.berth.core.cycle.PendingStatus;
import io.berth.core.quota.DominantResourceShare;
import io.berth.core.quota.QuotaTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fair sharing (Configuration fairSharing.enable): the Dominant Resource Share of quota nodes,
 * the admission tournament that lets the head whose queue would have the lower share go first,
 * and fair-sharing preemption with its strategies. Shares are "per mille of what the parent
 * could lend": borrowed (usage above subtree quota, summed over flavors) * 1000 / lendable,
 * the largest over resources, divided by the fair-sharing weight.
 */
class FairSharingTest {
    private static final Configuration FAIR = fairSharing();

    private static DominantResourceShare share(Engine e, String clusterQueue) {
        QuotaTree tree = e.quotaTree();
        return tree.clusterQueue(clusterQueue).dominantResourceShare(e.flavorResources());
    }

    // ------------------------------------------------------------------ Dominant Resource Share

    /**
     * Cohort co of cq-a and cq-b; cq-a runs one workload of "used" cpus; nothing else runs. The
     * cohort is the root, so what it could lend to a child is its whole subtree quota.
     */
    static Stream<Arguments> dominantResourceShare() {
        return Stream.of(
                //   a nominal, a weight, a uses, b nominal, ratio, weighted, weightedShare
                // lendable 5 + 5 = 10; 9 - 5 = 4 above nominal: 4 * 1000 / 10 = 400; / 2 = 200
                Arguments.of(5, 2.0, 9, 5, 400.0, 200.0, 200L),
                // the same 400 with weight 3: 133.33..., reported rounded up
                Arguments.of(5, 3.0, 9, 5, 400.0, 400.0 / 3, 134L),
                // weight 0.5 doubles the share: 1 above of 10 = 100; / 0.5 = 200
                Arguments.of(5, 0.5, 6, 5, 100.0, 200.0, 200L),
                // lendable 2 + 1 = 3; 1 above: 1000 / 3 = 333.33..., rounded up
                Arguments.of(2, 1.0, 3, 1, 1000.0 / 3, 1000.0 / 3, 334L),
                // within nominal: no share
                Arguments.of(5, 1.0, 5, 5, 0.0, 0.0, 0L),
                // within nominal with weight 0: still no share
                Arguments.of(5, 0.0, 4, 5, 0.0, 0.0, 0L));
    }

    @ParameterizedTest(name = "cq-a {0} cpus, weight {1}, uses {2}; cq-b {3} -> {4} / weight = {5} ~ {6}")
    @MethodSource
    void dominantResourceShare(int aNominal, double aWeight, int aUses, int bNominal,
                               double ratio, double weighted, long weightedShare) {
        Engine e = engine(FAIR, List.of(flavor("default"),
                cq("cq-a").cohort("co").weight(aWeight).groups(cpu(aNominal)).build(),
                cq("cq-b").cohort("co").groups(cpu(bNominal)).build(),
                lq("qa", "cq-a"),
                wl("run").queue("qa").pods(1, "cpu", aUses).admitted("cq-a", 0).build()));

        DominantResourceShare a = share(e, "cq-a");

        assertThat(a.unweightedRatio()).isCloseTo(ratio, within(1e-9));
        assertThat(a.preciseWeightedShare()).isCloseTo(weighted, within(1e-9));
        assertThat(a.weightedShare()).isEqualTo(weightedShare);
        assertThat(a.isBorrowing()).isEqualTo(aUses > aNominal);
        assertThat(share(e, "cq-b").weightedShare()).isZero();
        assertThat(e.quotaTree().cohort("co").dominantResourceShare(e.flavorResources()).weightedShare())
                .as("a root has no share").isZero();
    }

    /**
     * cpu and memory, each quota 5 cpus / 50 memory units in cq-a and cq-b, so the cohort could
     * lend 10 cpus and 100 memory. cq-a uses 7 cpus (2 above: 200) and 80 memory (30 above: 300):
     * memory dominates.
     */
    @Test
    void theDominantResourceIsTheOneWithTheLargestRatio() {
        Engine e = engine(FAIR, List.of(flavor("default"),
                cq("cq-a").cohort("co").groups(group("default", "cpu", 5, "memory", 50)).build(),
                cq("cq-b").cohort("co").groups(group("default", "cpu", 5, "memory", 50)).build(),
                lq("qa", "cq-a"),
                wl("run").queue("qa").pods(1, "cpu", 7, "memory", 80).admitted("cq-a", 0).build()));

        DominantResourceShare a = share(e, "cq-a");

        assertThat(a.dominantResource()).isEqualTo("memory");
        assertThat(a.unweightedRatio()).isCloseTo(300.0, within(1e-9));
        assertThat(a.weightedShare()).isEqualTo(300);
    }

    /**
     * root ← {x (6 cpus), team ← {cq-a (2), cq-b (2)}}: 10 cpus in all. cq-a runs 5 cpus.
     * cq-a: 3 above its 2; team could lend it guaranteed 0 + what root could lend, 10: 300.
     * team: uses 5 of its subtree 4, 1 above; root could lend 10: 100.
     */
    @Test
    void sharesInACohortTree() {
        Engine e = engine(FAIR, List.of(flavor("default"),
                cohort("root", null), cohort("team", "root"),
                cq("x").cohort("root").groups(cpu(6)).build(),
                cq("cq-a").cohort("team").groups(cpu(2)).build(),
                cq("cq-b").cohort("team").groups(cpu(2)).build(),
                lq("qa", "cq-a"),
                wl("run").queue("qa").pods(1, "cpu", 5).admitted("cq-a", 0).build()));

        assertThat(share(e, "cq-a").weightedShare()).isEqualTo(300);
        assertThat(e.quotaTree().cohort("team").dominantResourceShare(e.flavorResources()).weightedShare())
                .isEqualTo(100);
        assertThat(share(e, "x").weightedShare()).isZero();
    }

    /**
     * Cohort co: cq-a (5 cpus, weight 0), cq-b (5), cq-c (10): lendable 20. cq-b runs 14 cpus
     * (9 above: 450). cq-a borrowing even 1 cpu with weight 0 has share Long.MAX_VALUE and ranks
     * above every share with a positive weight; not borrowing it has none.
     */
    @Test
    void weightZeroWhileBorrowingRanksAboveEverything() {
        List<KubeObject> objects = new ArrayList<>(List.of(flavor("default"),
                cq("cq-a").cohort("co").weight(0).groups(cpu(5)).build(),
                cq("cq-b").cohort("co").groups(cpu(5)).build(),
                cq("cq-c").cohort("co").groups(cpu(10)).build(),
                lq("qa", "cq-a"), lq("qb", "cq-b"),
                wl("b-run").queue("qb").pods(1, "cpu", 14).admitted("cq-b", 0).build()));
        Engine within = engine(FAIR, objects);
        objects.add(wl("a-run").queue("qa").pods(1, "cpu", 6).admitted("cq-a", 0).build());
        Engine borrowing = engine(FAIR, objects);

        DominantResourceShare b = share(borrowing, "cq-b");
        DominantResourceShare zeroWeightBorrowing = share(borrowing, "cq-a");
        DominantResourceShare zeroWeightWithin = share(within, "cq-a");

        assertThat(b.weightedShare()).isEqualTo(450);
        assertThat(zeroWeightBorrowing.unweightedRatio()).isCloseTo(50.0, within(1e-9));
        assertThat(zeroWeightBorrowing.weightedShare()).isEqualTo(Long.MAX_VALUE);
        assertThat(DominantResourceShare.compare(zeroWeightBorrowing, b)).isPositive();
        assertThat(DominantResourceShare.compare(b, zeroWeightBorrowing)).isNegative();
        assertThat(zeroWeightWithin.weightedShare()).isZero();
        assertThat(DominantResourceShare.compare(zeroWeightWithin, b)).isNegative();
    }

    // ------------------------------------------------------------------ admission order

    /**
     * Cohort co: cq-a, cq-b, cq-c with 4 cpus each (12). cq-a runs 6, cq-b runs 5: 1 cpu is left.
     * a-head and b-head want 1 cpu each. After admission cq-a would use 7 (3 above: 250 / weight),
     * cq-b 6 (2 above: 166.67 / weight): the lower share goes first, whatever the age or priority.
     * Without fair sharing, Kueue's classical order (priority, then age) decides.
     */
    static Stream<Arguments> admissionOrder() {
        return Stream.of(
                //   fair,  a created, a prio, b created, b prio, a weight, b weight, winner
                Arguments.of(true, 1, 0, 2, 0, 1.0, 1.0, "b-head"),
                Arguments.of(true, 2, 0, 1, 0, 1.0, 1.0, "b-head"),
                Arguments.of(true, 1, 10, 2, 0, 1.0, 1.0, "b-head"),
                // weight 2 on cq-a: 250 / 2 = 125 < 166.67
                Arguments.of(true, 2, 0, 1, 0, 2.0, 1.0, "a-head"),
                // weight 0 on cq-b, which borrows: it ranks last
                Arguments.of(true, 2, 0, 1, 0, 1.0, 0.0, "a-head"),
                Arguments.of(false, 1, 0, 2, 0, 1.0, 1.0, "a-head"),
                Arguments.of(false, 2, 10, 1, 0, 1.0, 1.0, "a-head"),
                Arguments.of(false, 2, 0, 1, 0, 1.0, 1.0, "b-head"));
    }

    @ParameterizedTest(name = "fair {0}: a-head created {1}s p{2}, b-head created {3}s p{4}, weights {5}/{6} -> {7}")
    @MethodSource
    void admissionOrder(boolean fair, int aCreated, int aPriority, int bCreated, int bPriority,
                        double aWeight, double bWeight, String winner) {
        Engine e = engine(fair ? FAIR : config(), List.of(flavor("default"),
                cq("cq-a").cohort("co").weight(aWeight).groups(cpu(4)).build(),
                cq("cq-b").cohort("co").weight(bWeight).groups(cpu(4)).build(),
                cq("cq-c").cohort("co").groups(cpu(4)).build(),
                lq("qa", "cq-a"), lq("qb", "cq-b"),
                wl("a-run").queue("qa").pods(1, "cpu", 6).admitted("cq-a", 0).build(),
                wl("b-run").queue("qb").pods(1, "cpu", 5).admitted("cq-b", 0).build(),
                wl("a-head").queue("qa").created(aCreated).priority(aPriority).pods(1, "cpu", 1).build(),
                wl("b-head").queue("qb").created(bCreated).priority(bPriority).pods(1, "cpu", 1).build()));

        CycleResult r = e.schedule(at(60));

        assertThat(admitted(r)).containsExactly(key(winner));
        String loser = winner.equals("a-head") ? "b-head" : "a-head";
        assertThat(r.pending().get(key(loser))).isEqualTo(new PendingStatus(PendingStatus.WAITING_FOR_QUOTA,
                "Workload no longer fits after processing another workload"));
    }

    // ------------------------------------------------------------------ fair-sharing preemption

    /**
     * Cohort co holds all 12 cpus itself; cq-a, cq-b and cq-c have nominal 0, so every share is
     * usage * 1000 / 12. cq-a may reclaim from any priority. Every running workload has 1 cpu.
     */
    private static List<KubeObject> cohortOfTwelve(int bRunning, int cRunning, int bPriority, int cPriority) {
        List<KubeObject> objects = new ArrayList<>(List.of(flavor("default"),
                cohort("co", null, cpu(12)),
                cq("cq-a").cohort("co").reclaimWithinCohort(Any).groups(cpu(0)).build(),
                cq("cq-b").cohort("co").groups(cpu(0)).build(),
                cq("cq-c").cohort("co").groups(cpu(0)).build(),
                lq("qa", "cq-a"), lq("qb", "cq-b"), lq("qc", "cq-c")));
        for (int i = 1; i <= bRunning; i++) {
            objects.add(wl("b" + i).queue("qb").priority(bPriority).pods(1, "cpu", 1).admitted("cq-b", 10 + i).build());
        }
        for (int i = 1; i <= cRunning; i++) {
            objects.add(wl("c" + i).queue("qc").priority(cPriority).pods(1, "cpu", 1).admitted("cq-c", 20 + i).build());
        }
        return objects;
    }

    /**
     * cq-b runs 7 (583), cq-c runs 5 (417), all 12 used. a-head wants 2 (167 after admission).
     * The first victim comes from cq-b, the highest share (500 after); cq-b still has the highest
     * share, so the second comes from it as well — although cq-c's workloads have lower priority.
     */
    @Test
    void preemptionTakesFromTheQueueWithTheHighestShare() {
        List<KubeObject> objects = cohortOfTwelve(7, 5, 5, 0);
        objects.add(wl("a-head").queue("qa").created(30).pods(1, "cpu", 2).build());
        Engine e = engine(FAIR, objects);
        assertThat(share(e, "cq-b").weightedShare()).isEqualTo(584);
        assertThat(share(e, "cq-c").weightedShare()).isEqualTo(417);

        CycleResult first = e.schedule(at(60));

        assertThat(preempted(first)).containsOnlyKeys(key("b7"), key("b6"));
        assertThat(preempted(first).values()).containsOnly("InCohortFairSharing");
        assertThat(first.pending().get(key("a-head")).reason()).isEqualTo(PendingStatus.WAITING_FOR_PREEMPTED);
        assertThat(admitted(e.schedule(at(61)))).containsExactly(key("a-head"));
    }

    /**
     * cq-b and cq-c run 6 each (500 each), all 12 used. a-head wants n cpus, a share of
     * n * 1000 / 12 after admission. With LessThanOrEqualToFinalShare a victim may go only if
     * its queue's share afterwards is still at least that. Ties between queues go to the most
     * recently admitted candidate (cq-c's). Wanting 5 (417): one from each queue leaves both at
     * 417, a third would leave 333 — refused, and LessThanInitialShare (417 < 417) refuses too.
     */
    static Stream<Arguments> preemptionNeverTakesBelowThePreemptorsShare() {
        return Stream.of(
                Arguments.of(2, Set.of("ns/b6", "ns/c6")),
                Arguments.of(3, Set.of("ns/b6", "ns/c6", "ns/c5")),
                Arguments.of(4, Set.of("ns/b6", "ns/c6", "ns/c5", "ns/b5")),
                Arguments.of(5, Set.of()));
    }

    @ParameterizedTest(name = "a-head wants {0} cpus -> victims {1}")
    @MethodSource
    void preemptionNeverTakesBelowThePreemptorsShare(int wanted, Set<String> victims) {
        List<KubeObject> objects = cohortOfTwelve(6, 6, 0, 0);
        objects.add(wl("a-head").queue("qa").created(30).pods(1, "cpu", wanted).build());
        Engine e = engine(FAIR, objects);

        CycleResult first = e.schedule(at(60));

        assertThat(preempted(first).keySet()).isEqualTo(victims);
        CycleResult second = e.schedule(at(61));
        if (victims.isEmpty()) {
            assertThat(first.pending().get(key("a-head")).reason()).isEqualTo(PendingStatus.WAITING_FOR_QUOTA);
            assertThat(admitted(second)).isEmpty();
        } else {
            assertThat(admitted(second)).containsExactly(key("a-head"));
            // Every queue ends at or above the preemptor's final share.
            long aShare = share(e, "cq-a").weightedShare();
            assertThat(share(e, "cq-b").weightedShare()).isGreaterThanOrEqualTo(aShare);
            assertThat(share(e, "cq-c").weightedShare()).isGreaterThanOrEqualTo(aShare);
        }
    }

    /**
     * cq-b runs b1 (6 cpus, 500), cq-c runs c1 (6 cpus, 500, admitted later). a-head wants 4 (333
     * after admission). Taking a whole 6-cpu workload would leave its queue at 0 < 333:
     * LessThanOrEqualToFinalShare refuses; LessThanInitialShare (333 < 500) accepts. Kueue's
     * default is the first, then the second for what the first refused.
     */
    static Stream<Arguments> strategies() {
        return Stream.of(
                Arguments.of(List.of(), 4, Set.of("ns/c1")),
                Arguments.of(List.of("LessThanOrEqualToFinalShare"), 4, Set.of()),
                Arguments.of(List.of("LessThanInitialShare"), 4, Set.of("ns/c1")),
                Arguments.of(List.of("LessThanOrEqualToFinalShare", "LessThanInitialShare"), 4, Set.of("ns/c1")),
                // wanting 6 (500 after admission) is not below 500
                Arguments.of(List.of("LessThanInitialShare"), 6, Set.of()));
    }

    @ParameterizedTest(name = "strategies {0}, a-head wants {1} -> victims {2}")
    @MethodSource
    void strategies(List<String> strategies, int wanted, Set<String> victims) {
        List<KubeObject> objects = new ArrayList<>(List.of(flavor("default"),
                cohort("co", null, cpu(12)),
                cq("cq-a").cohort("co").reclaimWithinCohort(Any).groups(cpu(0)).build(),
                cq("cq-b").cohort("co").groups(cpu(0)).build(),
                cq("cq-c").cohort("co").groups(cpu(0)).build(),
                lq("qa", "cq-a"), lq("qb", "cq-b"), lq("qc", "cq-c"),
                wl("b1").queue("qb").pods(1, "cpu", 6).admitted("cq-b", 10).build(),
                wl("c1").queue("qc").pods(1, "cpu", 6).admitted("cq-c", 20).build(),
                wl("a-head").queue("qa").created(30).pods(1, "cpu", wanted).build()));
        Engine e = engine(fairSharing(strategies.toArray(String[]::new)), objects);

        CycleResult first = e.schedule(at(60));

        assertThat(preempted(first).keySet()).isEqualTo(victims);
        assertThat(preempted(first).values()).allMatch("InCohortFairSharing"::equals);
        assertThat(admitted(e.schedule(at(61)))).containsExactlyElementsOf(
                victims.isEmpty() ? List.of() : List.of(key("a-head")));
    }

    /**
     * cq-b runs b-small1 and b-small2 (1 cpu each) and, admitted last, b-big (6): 8 of 12, 667;
     * cq-c runs c1 (4, 333). a-head wants 3 (250 after admission). LessThanOrEqualToFinalShare
     * refuses b-big (cq-b would drop to 167) but takes both small ones (583, then 500) and refuses
     * c1 (0): not enough. The second strategy then gets, per queue, the first candidate the first
     * one refused: b-big (250 < 500) is enough on its own, and the small ones are put back.
     */
    static Stream<Arguments> refusedCandidatesGoToTheSecondStrategy() {
        return Stream.of(
                Arguments.of(List.of(), Set.of("ns/b-big")),
                Arguments.of(List.of("LessThanOrEqualToFinalShare"), Set.of()));
    }

    @ParameterizedTest(name = "strategies {0} -> victims {1}")
    @MethodSource
    void refusedCandidatesGoToTheSecondStrategy(List<String> strategies, Set<String> victims) {
        Engine e = engine(fairSharing(strategies.toArray(String[]::new)), List.of(flavor("default"),
                cohort("co", null, cpu(12)),
                cq("cq-a").cohort("co").reclaimWithinCohort(Any).groups(cpu(0)).build(),
                cq("cq-b").cohort("co").groups(cpu(0)).build(),
                cq("cq-c").cohort("co").groups(cpu(0)).build(),
                lq("qa", "cq-a"), lq("qb", "cq-b"), lq("qc", "cq-c"),
                wl("b-small1").queue("qb").pods(1, "cpu", 1).admitted("cq-b", 10).build(),
                wl("b-small2").queue("qb").pods(1, "cpu", 1).admitted("cq-b", 11).build(),
                wl("b-big").queue("qb").pods(1, "cpu", 6).admitted("cq-b", 20).build(),
                wl("c1").queue("qc").pods(1, "cpu", 4).admitted("cq-c", 5).build(),
                wl("a-head").queue("qa").created(30).pods(1, "cpu", 3).build()));

        CycleResult first = e.schedule(at(60));

        assertThat(preempted(first).keySet()).isEqualTo(victims);
        assertThat(admitted(e.schedule(at(61)))).containsExactlyElementsOf(
                victims.isEmpty() ? List.of() : List.of(key("a-head")));
    }

    /**
     * Four queues of the cohort run one 3-cpu workload each (250 each, all 12 used), admitted in
     * the order b, c, d, e. a-head wants 2 (167 after admission). LessThanOrEqualToFinalShare
     * refuses every candidate (each queue would drop to 0), so the search walks the cohort once per
     * queue; LessThanInitialShare (167 < 250) then takes from the tie's winner: the most recently
     * admitted candidate, e1.
     */
    static Stream<Arguments> aSearchThatWalksEveryQueueStillBreaksTiesByCandidate() {
        return Stream.of(
                Arguments.of(List.of(), Set.of("ns/e1")),
                Arguments.of(List.of("LessThanOrEqualToFinalShare"), Set.of()));
    }

    @ParameterizedTest(name = "strategies {0} -> victims {1}")
    @MethodSource
    void aSearchThatWalksEveryQueueStillBreaksTiesByCandidate(List<String> strategies, Set<String> victims) {
        List<KubeObject> objects = new ArrayList<>(List.of(flavor("default"), cohort("co", null, cpu(12)),
                cq("cq-a").cohort("co").reclaimWithinCohort(Any).groups(cpu(0)).build(), lq("qa", "cq-a")));
        List<String> others = List.of("b", "c", "d", "e");
        for (int i = 0; i < others.size(); i++) {
            String q = others.get(i);
            objects.add(cq("cq-" + q).cohort("co").groups(cpu(0)).build());
            objects.add(lq("q" + q, "cq-" + q));
            objects.add(wl(q + "1").queue("q" + q).pods(1, "cpu", 3).admitted("cq-" + q, 10 * (i + 1)).build());
        }
        objects.add(wl("a-head").queue("qa").created(60).pods(1, "cpu", 2).build());
        Engine e = engine(fairSharing(strategies.toArray(String[]::new)), objects);

        CycleResult first = e.schedule(at(70));

        assertThat(preempted(first).keySet()).isEqualTo(victims);
    }

    /**
     * A preemptor that stays within its nominal quota reclaims from borrowing queues whatever the
     * shares: cq-a (4 cpus, nothing running) and cq-b (4 cpus, running 8 by borrowing cq-a's).
     */
    @Test
    void aPreemptorWithinNominalReclaims() {
        Engine e = engine(fairSharing("LessThanOrEqualToFinalShare"), List.of(flavor("default"),
                cq("cq-a").cohort("co").reclaimWithinCohort(PreemptionPolicy.LowerPriority).groups(cpu(4)).build(),
                cq("cq-b").cohort("co").groups(cpu(4)).build(),
                lq("qa", "cq-a"), lq("qb", "cq-b"),
                wl("b1").queue("qb").pods(1, "cpu", 4).admitted("cq-b", 10).build(),
                wl("b2").queue("qb").pods(1, "cpu", 4).admitted("cq-b", 20).build(),
                wl("a-head").queue("qa").priority(1).created(30).pods(1, "cpu", 4).build()));

        CycleResult first = e.schedule(at(60));

        assertThat(preempted(first)).containsExactly(java.util.Map.entry(key("b2"), "InCohortReclamation"));
        assertThat(admitted(e.schedule(at(61)))).containsExactly(key("a-head"));
    }
}
