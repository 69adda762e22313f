package io.berth.core.quota;

import static io.berth.core.Kueue.units;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An overlay over one tree must read exactly as a second tree to which the same changes were made
 * for real: victims removed only in the overlay, admissions made to both the overlay and its tree.
 */
class UsageOverlayTest {
    private static final List<String> QUEUES = List.of("x", "y", "z");
    private static final List<String> NODES = List.of("x", "y", "z", "team", "org");

    private record Running(String cq, long amount) {
    }

    /** Two trees alike (a random team borrowing limit) running the same six random workloads. */
    private record Twins(QuotaNodeTest.Tree one, QuotaNodeTest.Tree other, List<Running> running) {
        static Twins running(Random random) {
            Long teamLimit = random.nextBoolean() ? null : (long) random.nextInt(8);
            Twins twins = new Twins(QuotaNodeTest.threeLevel(teamLimit), QuotaNodeTest.threeLevel(teamLimit),
                    new ArrayList<>());
            for (int i = 0; i < 6; i++) {
                Running w = new Running(QUEUES.get(random.nextInt(3)), units(1 + random.nextInt(6)));
                twins.running.add(w);
                twins.one.cq(w.cq()).addUsage(twins.one.fr, w.amount());
                twins.other.cq(w.cq()).addUsage(twins.other.fr, w.amount());
            }
            return twins;
        }
    }

    @Test
    void readsAsTheTreeWithTheSameChangesMadeForReal() {
        for (int seed = 0; seed < 2_000; seed++) {
            Random random = new Random(seed);
            Twins twins = Twins.running(random);
            QuotaNodeTest.Tree real = twins.one();
            QuotaNodeTest.Tree overlaid = twins.other();
            UsageOverlay overlay = new UsageOverlay(overlaid.tree);
            List<Running> running = twins.running();
            for (int step = 0; step < 12; step++) {
                String context = "seed " + seed + " step " + step;
                if (!running.isEmpty() && random.nextBoolean()) {
                    Running victim = running.remove(random.nextInt(running.size()));
                    real.cq(victim.cq()).removeUsage(real.fr, victim.amount());
                    overlay.remove(overlaid.cq(victim.cq()), overlaid.fr, victim.amount());
                } else {
                    String cq = QUEUES.get(random.nextInt(3));
                    long amount = units(1 + random.nextInt(4));
                    real.cq(cq).addUsage(real.fr, amount);
                    overlay.add(overlaid.cq(cq), overlaid.fr, amount);
                    overlaid.cq(cq).addUsage(overlaid.fr, amount);
                }
                for (String name : NODES) {
                    assertThat(overlay.usage(overlaid.node(name), overlaid.fr)).as(context + " usage of " + name)
                            .isEqualTo(real.node(name).usage(real.fr));
                    assertThat(overlaid.node(name).available(overlaid.fr, overlay)).as(context + " available " + name)
                            .isEqualTo(real.node(name).available(real.fr));
                }
            }
        }
    }

    /**
     * The scheduler's use: victims come out of the tree only, the overlay keeping their queues'
     * usage; admissions go to both. Written back, the tree must be the one no victim ever left,
     * down to who borrows and what each cohort lists as borrowing.
     */
    @Test
    void writtenBackTheTreeIsTheOneWithoutTheVictimsRemoved() {
        for (int seed = 0; seed < 2_000; seed++) {
            Random random = new Random(seed);
            Twins twins = Twins.running(random);
            QuotaNodeTest.Tree expected = twins.one();
            QuotaNodeTest.Tree worked = twins.other();
            UsageOverlay overlay = new UsageOverlay(worked.tree);
            List<Running> running = twins.running();
            for (int step = 0; step < 8; step++) {
                if (!running.isEmpty() && random.nextBoolean()) {
                    Running victim = running.remove(random.nextInt(running.size()));
                    overlay.keep(worked.cq(victim.cq()));
                    worked.cq(victim.cq()).removeUsage(worked.fr, victim.amount());
                } else {
                    String cq = QUEUES.get(random.nextInt(3));
                    long amount = units(1 + random.nextInt(4));
                    expected.cq(cq).addUsage(expected.fr, amount);
                    if (!overlay.readsThrough()) {
                        overlay.add(worked.cq(cq), worked.fr, amount);
                    }
                    worked.cq(cq).addUsage(worked.fr, amount);
                }
            }
            overlay.writeBack();
            for (String name : NODES) {
                String context = "seed " + seed + " " + name;
                QuotaNode want = expected.node(name);
                QuotaNode got = worked.node(name);
                assertThat(got.usage(worked.fr)).as(context + " usage").isEqualTo(want.usage(expected.fr));
                assertThat(got.isBorrowing()).as(context + " borrowing").isEqualTo(want.isBorrowing());
                assertThat(got.dominantResourceShare(worked.tree.flavorResources()))
                        .as(context + " share").isEqualTo(want.dominantResourceShare(expected.tree.flavorResources()));
                if (want instanceof CohortNode cohort) {
                    assertThat(names(((CohortNode) got).borrowingChildQueues())).as(context + " borrowing queues")
                            .isEqualTo(names(cohort.borrowingChildQueues()));
                    assertThat(names(((CohortNode) got).borrowingChildCohorts())).as(context + " borrowing cohorts")
                            .isEqualTo(names(cohort.borrowingChildCohorts()));
                }
            }
        }
    }

    private static List<String> names(Collection<? extends QuotaNode> nodes) {
        return nodes.stream().map(QuotaNode::name).toList();
    }

    @Test
    void removingThenAddingBackRestoresEveryNode() {
        QuotaNodeTest.Tree tree = QuotaNodeTest.threeLevel(null).use("x", 9, "y", 7, "z", 3);
        UsageOverlay overlay = new UsageOverlay(tree.tree);
        overlay.remove(tree.cq("y"), tree.fr, units(5));
        assertThat(overlay.usage(tree.node("team"), tree.fr)).isLessThan(tree.node("team").usage(tree.fr));
        overlay.add(tree.cq("y"), tree.fr, units(5));
        for (String name : NODES) {
            assertThat(overlay.usage(tree.node(name), tree.fr)).as(name).isEqualTo(tree.node(name).usage(tree.fr));
        }
    }
}
