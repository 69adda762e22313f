package io.berth.core.quota;

import static io.berth.core.Kueue.cohort;
import static io.berth.core.Kueue.cpuGroup;
import static io.berth.core.Kueue.cq;
import static io.berth.core.Kueue.flavorQuotas;
import static io.berth.core.Kueue.quota;
import static io.berth.core.Kueue.units;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.ResourceGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kueue's quota arithmetic on the Cohort / ClusterQueue tree (pkg/cache/scheduler/resource_node.go
 * and hierarchical_preemption.go). One resource, cpu in flavor "default"; every amount below is in
 * whole cpus.
 *
 * <pre>
 * Vocabulary, as in Kueue:
 *   guaranteed(n)   = max(0, subtree(n) - lendingLimit(n))   (0 without a lendingLimit)
 *   subtree(cq)     = nominal(cq)
 *   subtree(cohort) = nominal(cohort) + sum over children of (subtree(child) - guaranteed(child))
 *   usage above guaranteed(n) is also counted in n's parent
 * </pre>
 */
class QuotaNodeTest {

    // ------------------------------------------------------------------ trees used below

    /**
     * Two levels.
     * <pre>
     *   cohort c (own quota 2)
     *   ├── cq a: nominal 10, lendingLimit 4   → guaranteed 6, lends 4
     *   └── cq b: nominal 5, borrowingLimit bLimit (null: none) → guaranteed 0, lends 5
     *   subtree(c) = 2 + (10 - 6) + (5 - 0) = 11
     * </pre>
     */
    static Tree twoLevel(Long bBorrowingLimit) {
        return new Tree(
                List.of(cq("a").cohort("c").groups(cpu(quota("cpu", 10, null, 4L))).build(),
                        cq("b").cohort("c").groups(cpu(quota("cpu", 5, bBorrowingLimit, null))).build()),
                List.of(cohort("c", null, cpu(quota("cpu", 2)))));
    }

    /**
     * Three levels.
     * <pre>
     *   cohort org (no quota of its own)
     *   ├── cohort team: own quota 4, lendingLimit 6, borrowingLimit teamLimit (null: none)
     *   │   ├── cq x: nominal 10, lendingLimit 2  → guaranteed 8, lends 2
     *   │   └── cq y: nominal 6                   → guaranteed 0, lends 6
     *   └── cq z: nominal 3, borrowingLimit 1     → guaranteed 0, lends 3
     *   subtree(team) = 4 + (10 - 8) + (6 - 0) = 12, guaranteed(team) = 12 - 6 = 6
     *   subtree(org)  = 0 + (12 - 6) + (3 - 0) = 9
     *   everything: 4 + 10 + 6 + 3 = 23 = guaranteed(x) 8 + guaranteed(team) 6 + subtree(org) 9
     * </pre>
     */
    static Tree threeLevel(Long teamBorrowingLimit) {
        return new Tree(
                List.of(cq("x").cohort("team").groups(cpu(quota("cpu", 10, null, 2L))).build(),
                        cq("y").cohort("team").groups(cpu(quota("cpu", 6))).build(),
                        cq("z").cohort("org").groups(cpu(quota("cpu", 3, 1L, null))).build()),
                List.of(cohort("org", null),
                        cohort("team", "org", cpu(quota("cpu", 4, teamBorrowingLimit, 6L)))));
    }

    private static ResourceGroup cpu(io.berth.api.kueue.ResourceQuota q) {
        return cpuGroup(flavorQuotas("default", q));
    }

    /** A quota tree built the way the engine builds it, with the default/cpu id at hand. */
    static final class Tree {
        final QuotaTree tree;
        final int fr;

        Tree(List<ClusterQueue> cqs, List<Cohort> cohorts) {
            FlavorResources frs = new FlavorResources();
            tree = new QuotaTree(frs, cqs, cohorts, Set.of("default"));
            fr = frs.id("default", "cpu");
        }

        QuotaNode node(String name) {
            QuotaNode n = tree.clusterQueue(name);
            return n != null ? n : tree.cohort(name);
        }

        ClusterQueueNode cq(String name) {
            return tree.clusterQueue(name);
        }

        /** Adds usage (whole cpus) to ClusterQueues: "x", 5, "y", 2 ... */
        Tree use(Object... cqAndUnits) {
            for (int i = 0; i < cqAndUnits.length; i += 2) {
                cq((String) cqAndUnits[i]).addUsage(fr, units(((Number) cqAndUnits[i + 1]).longValue()));
            }
            return this;
        }

        /** Usage of every node, in whole cpus, for comparing whole trees. */
        Map<String, Long> usages() {
            Map<String, Long> m = new LinkedHashMap<>();
            tree.clusterQueues().forEach(n -> m.put(n.name(), n.usage(fr) / 1000));
            tree.cohorts().forEach(n -> m.put(n.name(), n.usage(fr) / 1000));
            return m;
        }
    }

    // ------------------------------------------------------------------ subtree quota

    static Stream<Arguments> subtreeQuota() {
        return Stream.of(
                Arguments.of("a ClusterQueue without cohort: subtree = nominal",
                        new Tree(List.of(cq("a").groups(cpu(quota("cpu", 10))).build()), List.of()),
                        Map.of("a", 10L), Map.of("a", 0L)),
                Arguments.of("without lendingLimit a cohort pools all of its children's quota: 10 + 5",
                        new Tree(List.of(cq("a").cohort("c").groups(cpu(quota("cpu", 10))).build(),
                                cq("b").cohort("c").groups(cpu(quota("cpu", 5))).build()), List.of()),
                        Map.of("a", 10L, "b", 5L, "c", 15L), Map.of("a", 0L, "b", 0L, "c", 0L)),
                Arguments.of("lendingLimit 4 of nominal 10 keeps 6 guaranteed; the cohort gets 4 + 5 = 9",
                        new Tree(List.of(cq("a").cohort("c").groups(cpu(quota("cpu", 10, null, 4L))).build(),
                                cq("b").cohort("c").groups(cpu(quota("cpu", 5))).build()), List.of()),
                        Map.of("a", 10L, "b", 5L, "c", 9L), Map.of("a", 6L, "b", 0L)),
                Arguments.of("a cohort's own resourceGroups add to the pool: 2 + 4 + 5 = 11",
                        twoLevel(null),
                        Map.of("a", 10L, "b", 5L, "c", 11L), Map.of("a", 6L, "b", 0L, "c", 0L)),
                Arguments.of("lendingLimit above nominal lends everything: guaranteed max(0, 3 - 5) = 0",
                        new Tree(List.of(cq("a").cohort("c").groups(cpu(quota("cpu", 3, null, 5L))).build()),
                                List.of()),
                        Map.of("a", 3L, "c", 3L), Map.of("a", 0L)),
                Arguments.of("lendingLimit 0 lends nothing: guaranteed 7, the cohort only has its own 1",
                        new Tree(List.of(cq("a").cohort("c").groups(cpu(quota("cpu", 7, null, 0L))).build()),
                                List.of(cohort("c", null, cpu(quota("cpu", 1))))),
                        Map.of("a", 7L, "c", 1L), Map.of("a", 7L)),
                Arguments.of("three levels: team = 4 + 2 + 6 = 12 keeps 12 - 6 = 6; org = 6 + 3 = 9",
                        threeLevel(null),
                        Map.of("x", 10L, "y", 6L, "z", 3L, "team", 12L, "org", 9L),
                        Map.of("x", 8L, "y", 0L, "z", 0L, "team", 6L, "org", 0L)),
                Arguments.of("a cohort named by a ClusterQueue but not defined exists, without quota of its own",
                        new Tree(List.of(cq("a").cohort("implicit").groups(cpu(quota("cpu", 10))).build()),
                                List.of()),
                        Map.of("a", 10L, "implicit", 10L), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void subtreeQuota(String description, Tree t, Map<String, Long> subtree, Map<String, Long> guaranteed) {
        subtree.forEach((node, expected) ->
                assertThat(t.node(node).subtreeQuota(t.fr)).as("subtree quota of " + node).isEqualTo(units(expected)));
        guaranteed.forEach((node, expected) ->
                assertThat(t.node(node).guaranteedQuota(t.fr)).as("guaranteed quota of " + node)
                        .isEqualTo(units(expected)));
    }

    // ------------------------------------------------------------------ available / potentialAvailable

    static Stream<Arguments> availability() {
        return Stream.of(
                // two levels: subtree(c) = 11, guaranteed(a) = 6
                Arguments.of("a at rest: its guaranteed 6 + the whole pool 11",
                        twoLevel(null), new Object[0], "a", 17, 17),
                Arguments.of("b at rest: guarantees nothing, sees the pool 11 (a's 6 stay hidden)",
                        twoLevel(null), new Object[0], "b", 11, 11),
                Arguments.of("b with borrowingLimit 3: min(stored 5 - used 0 + 3, pool 11) = 8; potential min(5 + 3, 11)",
                        twoLevel(3L), new Object[0], "b", 8, 8),
                Arguments.of("a uses 4 of its guaranteed 6: pool untouched, 2 + 11 left",
                        twoLevel(null), new Object[] {"a", 4}, "a", 13, 17),
                Arguments.of("a uses 4 of its guaranteed 6: b still sees the whole pool",
                        twoLevel(null), new Object[] {"a", 4}, "b", 11, 11),
                Arguments.of("a uses 8: 2 above guaranteed sit in c; a has 0 + (11 - 2)",
                        twoLevel(null), new Object[] {"a", 8}, "a", 9, 17),
                Arguments.of("a uses 8: b sees 11 - 2",
                        twoLevel(null), new Object[] {"a", 8}, "b", 9, 11),
                Arguments.of("a uses 8, b borrowingLimit 3: min(5 - 0 + 3, 9) = 8",
                        twoLevel(3L), new Object[] {"a", 8}, "b", 8, 8),
                Arguments.of("b uses 7 with borrowingLimit 3: min(5 - 7 + 3, 11 - 7) = 1",
                        twoLevel(3L), new Object[] {"b", 7}, "b", 1, 8),
                Arguments.of("b uses 7: a has guaranteed 6 + (11 - 7)",
                        twoLevel(3L), new Object[] {"b", 7}, "a", 10, 17),
                Arguments.of("over-admitted (a uses 20 of 17): available goes negative, 0 + (11 - 14)",
                        twoLevel(null), new Object[] {"a", 20}, "a", -3, 17),
                // three levels: subtree(team) = 12, guaranteed(team) = 6, subtree(org) = 9, guaranteed(x) = 8
                Arguments.of("x at rest: 8 + team's 6 + org's 9 = everything (23)",
                        threeLevel(null), new Object[0], "x", 23, 23),
                Arguments.of("y at rest: 0 + 6 + 9 (x's guaranteed 8 hidden)",
                        threeLevel(null), new Object[0], "y", 15, 15),
                Arguments.of("z at rest, borrowingLimit 1: min(3 - 0 + 1, org 9) = 4; potential min(3 + 1, 9)",
                        threeLevel(null), new Object[0], "z", 4, 4),
                Arguments.of("team borrowingLimit 1 caps what x gets from org: 8 + 6 + min(6 - 0 + 1, 9) = 21",
                        threeLevel(1L), new Object[0], "x", 21, 21),
                Arguments.of("team borrowingLimit 1: y gets 0 + 6 + 7 = 13",
                        threeLevel(1L), new Object[0], "y", 13, 13),
                Arguments.of("x uses 15 (7 in team, 1 of it in org): x has 0 + 0 + (9 - 1) = 8",
                        threeLevel(null), new Object[] {"x", 15}, "x", 8, 23),
                Arguments.of("x uses 15: y has 0 + max(0, 6 - 7) + 8 = 8",
                        threeLevel(null), new Object[] {"x", 15}, "y", 8, 15),
                Arguments.of("x uses 15: z has min(3 - 0 + 1, 8) = 4",
                        threeLevel(null), new Object[] {"x", 15}, "z", 4, 4),
                Arguments.of("x uses 15, y uses 5 (org holds 1 + 5 = 6): z has min(4, 9 - 6) = 3",
                        threeLevel(null), new Object[] {"x", 15, "y", 5}, "z", 3, 4),
                Arguments.of("x uses 15, y uses 5: x has 0 + 0 + 3 = 3 (23 - 20)",
                        threeLevel(null), new Object[] {"x", 15, "y", 5}, "x", 3, 23),
                Arguments.of("z uses 4, its borrowing limit: min(3 - 4 + 1, 9 - 4) = 0",
                        threeLevel(null), new Object[] {"z", 4}, "z", 0, 4),
                Arguments.of("z uses 4: x has 8 + 6 + (9 - 4) = 19",
                        threeLevel(null), new Object[] {"z", 4}, "x", 19, 23));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void availability(String description, Tree t, Object[] usage, String cq, long available, long potential) {
        t.use(usage);
        assertThat(t.cq(cq).available(t.fr)).as("available").isEqualTo(units(available));
        assertThat(t.cq(cq).potentialAvailable(t.fr)).as("potentialAvailable").isEqualTo(units(potential));
    }

    @Test
    void cohortAvailabilityFollowsTheSameRules() {
        Tree t = threeLevel(1L).use("x", 15);
        // team: guaranteed 6, usage 7 → localAvailable 0; org has 9 - 1 = 8;
        // borrowingLimit 1: min(stored 12 - 6 - used (7 - 6) + 1, 8) = 6
        assertThat(t.node("team").available(t.fr)).isEqualTo(units(6));
        // potential: min(12 + 1, 6 + 9) = 13; the root's is its subtree, 9
        assertThat(t.node("team").potentialAvailable(t.fr)).isEqualTo(units(13));
        assertThat(t.node("org").potentialAvailable(t.fr)).isEqualTo(units(9));
    }

    @Test
    void aCohortKnowsWhichOfItsQueuesBorrowAsUsageChanges() {
        Tree t = twoLevel(null); // a: nominal 10, b: nominal 5, both in c
        CohortNode c = t.tree.cohort("c");
        assertThat(c.borrowingChildQueues()).isEmpty();
        t.use("a", 10);
        assertThat(c.borrowingChildQueues()).as("at its nominal quota a does not borrow").isEmpty();
        t.use("a", 1, "b", 6);
        assertThat(c.borrowingChildQueues()).containsExactly(t.cq("a"), t.cq("b"));
        assertThat(t.cq("a").isBorrowing()).isTrue();
        assertThat(t.cq("a").dominantResourceShare(t.tree.flavorResources()).isBorrowing()).isTrue();
        t.cq("a").removeUsage(t.fr, units(1));
        assertThat(c.borrowingChildQueues()).containsExactly(t.cq("b"));
        assertThat(c.borrowingChildQueues()).doesNotContain(t.cq("a"));
        assertThat(t.cq("a").dominantResourceShare(t.tree.flavorResources()).isBorrowing()).isFalse();
        t.cq("a").addUsage(t.fr, units(1));
        assertThat(c.borrowingChildQueues()).as("in child order").containsExactly(t.cq("a"), t.cq("b"));
        t.cq("b").removeUsage(t.fr, units(2));
        assertThat(c.borrowingChildQueues()).hasSize(1).containsExactly(t.cq("a"));
    }

    @Test
    void aCohortKnowsWhichOfItsChildCohortsBorrowAsUsageChanges() {
        Tree t = new Tree(
                List.of(cq("x").cohort("a-team").groups(cpu(quota("cpu", 4))).build(),
                        cq("y").cohort("b-team").groups(cpu(quota("cpu", 4))).build()),
                List.of(cohort("org", null), cohort("a-team", "org"), cohort("b-team", "org")));
        CohortNode org = t.tree.cohort("org");
        CohortNode a = t.tree.cohort("a-team");
        CohortNode b = t.tree.cohort("b-team");
        t.use("x", 4, "y", 4);
        assertThat(org.borrowingChildCohorts()).as("each team within its quota").isEmpty();
        t.use("y", 1);
        assertThat(org.borrowingChildCohorts()).containsExactly(b);
        t.use("x", 2);
        assertThat(org.borrowingChildCohorts()).as("in child order").containsExactly(a, b);
        assertThat(org.borrowingChildQueues()).as("the queues are not the root's children").isEmpty();
        assertThat(org.borrowingChildQueues().contains(a)).as("a cohort is not among the queues").isFalse();
        t.cq("y").removeUsage(t.fr, units(1));
        assertThat(org.borrowingChildCohorts()).containsExactly(a);
        assertThat(org.borrowingChildCohorts().contains(b)).isFalse();
    }

    // ------------------------------------------------------------------ usage propagation

    static Stream<Arguments> addUsage() {
        return Stream.of(
                Arguments.of("within guaranteed (x 5 ≤ 8): nothing reaches team",
                        threeLevel(null), new Object[] {"x", 5}, Map.of("x", 5L, "team", 0L, "org", 0L)),
                Arguments.of("x 12: 12 - 8 = 4 in team, within team's guaranteed 6",
                        threeLevel(null), new Object[] {"x", 12}, Map.of("x", 12L, "team", 4L, "org", 0L)),
                Arguments.of("x 15: 7 in team, 7 - 6 = 1 in org",
                        threeLevel(null), new Object[] {"x", 15}, Map.of("x", 15L, "team", 7L, "org", 1L)),
                Arguments.of("x 12 then 3 is x 15",
                        threeLevel(null), new Object[] {"x", 12, "x", 3}, Map.of("x", 15L, "team", 7L, "org", 1L)),
                Arguments.of("y guarantees nothing: 5 goes to team, which keeps it (guaranteed 6)",
                        threeLevel(null), new Object[] {"y", 5}, Map.of("y", 5L, "team", 5L, "org", 0L)),
                Arguments.of("y 7: team holds 7, 1 of it in org",
                        threeLevel(null), new Object[] {"y", 7}, Map.of("y", 7L, "team", 7L, "org", 1L)),
                Arguments.of("x 15 then y 5: team 7 + 5 = 12, org 1 + 5 = 6",
                        threeLevel(null), new Object[] {"x", 15, "y", 5},
                        Map.of("x", 15L, "y", 5L, "team", 12L, "org", 6L)),
                Arguments.of("z directly under org: all of it in org",
                        threeLevel(null), new Object[] {"z", 2}, Map.of("z", 2L, "org", 2L, "team", 0L)),
                Arguments.of("two levels, a 8: 8 - 6 = 2 in c",
                        twoLevel(null), new Object[] {"a", 8}, Map.of("a", 8L, "b", 0L, "c", 2L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void addUsage(String description, Tree t, Object[] usage, Map<String, Long> expected) {
        t.use(usage);
        expected.forEach((node, units) -> assertThat(t.usages().get(node)).as("usage of " + node).isEqualTo(units));
    }

    static Stream<Arguments> removeUsageUndoesAddUsage() {
        return Stream.of(
                Arguments.of("three levels", (java.util.function.Supplier<Tree>) () -> threeLevel(null),
                        List.of(new Use("x", 5), new Use("x", 7), new Use("y", 4), new Use("z", 2), new Use("x", 3))),
                Arguments.of("two levels with borrowingLimit", (java.util.function.Supplier<Tree>) () -> twoLevel(3L),
                        List.of(new Use("a", 4), new Use("b", 6), new Use("a", 5), new Use("b", 1))));
    }

    record Use(String cq, long units) {
    }

    /**
     * After adding every usage and removing them in any order, each intermediate state is the
     * state of a fresh tree holding only the usages not yet removed; at the end everything is 0.
     * (Kueue keeps parent usage = sum of max(0, child usage - guaranteed), so state depends only
     * on how much each ClusterQueue uses.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void removeUsageUndoesAddUsage(String description, java.util.function.Supplier<Tree> build, List<Use> uses) {
        for (List<Integer> order : permutations(uses.size())) {
            Tree t = build.get();
            uses.forEach(u -> t.cq(u.cq()).addUsage(t.fr, units(u.units())));
            List<Integer> remaining = new ArrayList<>(List.of(0, 1, 2, 3, 4).subList(0, uses.size()));
            for (int i : order) {
                Use u = uses.get(i);
                t.cq(u.cq()).removeUsage(t.fr, units(u.units()));
                remaining.remove(Integer.valueOf(i));
                Tree fresh = build.get();
                remaining.forEach(j -> fresh.cq(uses.get(j).cq()).addUsage(fresh.fr, units(uses.get(j).units())));
                assertThat(t.usages()).as("removal order " + order + ", after removing #" + i).isEqualTo(fresh.usages());
            }
            assertThat(t.usages().values()).as("removal order " + order).containsOnly(0L);
        }
    }

    private static List<List<Integer>> permutations(int n) {
        List<List<Integer>> result = new ArrayList<>();
        permute(new ArrayList<>(), n, result);
        return result;
    }

    private static void permute(List<Integer> prefix, int n, List<List<Integer>> out) {
        if (prefix.size() == n) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!prefix.contains(i)) {
                prefix.add(i);
                permute(prefix, n, out);
                prefix.remove(prefix.size() - 1);
            }
        }
    }

    // ------------------------------------------------------------------ borrow height

    static Stream<Arguments> heightOfLowestSubtreeThatFits() {
        return Stream.of(
                Arguments.of("within nominal (x 5 ≤ 10): height 0, reclaim possible in the hierarchy",
                        threeLevel(null), new Object[0], "x", 5, 0, true),
                Arguments.of("exactly nominal (x 10): not borrowing",
                        threeLevel(null), new Object[0], "x", 10, 0, true),
                Arguments.of("x 14: 14 - guaranteed 8 = 6 fits in team (12): team's height 1",
                        threeLevel(null), new Object[0], "x", 14, 1, true),
                Arguments.of("x 20: 12 fits in team exactly",
                        threeLevel(null), new Object[0], "x", 20, 1, true),
                Arguments.of("x 21: 13 > team's 12; 13 - team's 6 = 7 fits in org (9): org is the root, height 2",
                        threeLevel(null), new Object[0], "x", 21, 2, false),
                Arguments.of("x 30 fits nowhere: the root's height",
                        threeLevel(null), new Object[0], "x", 30, 2, false),
                Arguments.of("y 6 = nominal: height 0",
                        threeLevel(null), new Object[0], "y", 6, 0, true),
                Arguments.of("y 7: 7 - 0 fits in team",
                        threeLevel(null), new Object[0], "y", 7, 1, true),
                Arguments.of("z 4: borrows from org directly",
                        threeLevel(null), new Object[0], "z", 4, 2, false),
                Arguments.of("x uses 12 (team 4): y 7 → 4 + 7 ≤ 12 still fits in team",
                        threeLevel(null), new Object[] {"x", 12}, "y", 7, 1, true),
                Arguments.of("x uses 15 (team 7, org 1): y 7 → 7 + 7 > 12; team keeps nothing free, 1 + 7 ≤ 9 in org",
                        threeLevel(null), new Object[] {"x", 15}, "y", 7, 2, false),
                Arguments.of("only the ClusterQueue's own nominal decides height 0: y 6 ≤ 6 even when team is crowded",
                        threeLevel(null), new Object[] {"x", 15}, "y", 6, 0, true),
                Arguments.of("a ClusterQueue without cohort: 0, and nothing to reclaim",
                        new Tree(List.of(cq("solo").groups(cpu(quota("cpu", 10))).build()), List.of()),
                        new Object[0], "solo", 20, 0, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void heightOfLowestSubtreeThatFits(String description, Tree t, Object[] usage, String cq, long request,
                                       int height, boolean mayReclaim) {
        t.use(usage);
        ClusterQueueNode.BorrowHeight h = t.cq(cq).heightOfLowestSubtreeThatFits(t.fr, units(request));
        assertThat(h).isEqualTo(new ClusterQueueNode.BorrowHeight(height, mayReclaim));
    }

    // ------------------------------------------------------------------ cohort height

    static Stream<Arguments> cohortHeight() {
        ResourceGroup one = cpu(quota("cpu", 1));
        return Stream.of(
                Arguments.of("a cohort of ClusterQueues only: 1",
                        new Tree(List.of(cq("a").cohort("c").groups(one).build()), List.of()), "c", 1),
                Arguments.of("a cohort without children: 0",
                        new Tree(List.of(), List.of(cohort("c", null, one))), "c", 0),
                Arguments.of("a cohort whose only child is an empty cohort: 1",
                        new Tree(List.of(), List.of(cohort("p", null), cohort("c", "p"))), "p", 1),
                Arguments.of("org with child cohort team (of ClusterQueues) and a ClusterQueue: 2",
                        threeLevel(null), "org", 2),
                Arguments.of("team, of ClusterQueues only: 1",
                        threeLevel(null), "team", 1),
                Arguments.of("a chain of three cohorts above a ClusterQueue: 3",
                        new Tree(List.of(cq("a").cohort("c3").groups(one).build()),
                                List.of(cohort("c1", null), cohort("c2", "c1"), cohort("c3", "c2"))), "c1", 3),
                Arguments.of("the highest child counts: max(1 + 1, 1 + 0)",
                        new Tree(List.of(cq("a").cohort("deep").groups(one).build()),
                                List.of(cohort("r", null), cohort("deep", "r"), cohort("empty", "r"))), "r", 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void cohortHeight(String description, Tree t, String cohort, int height) {
        assertThat(t.tree.cohort(cohort).height()).isEqualTo(height);
    }
}
