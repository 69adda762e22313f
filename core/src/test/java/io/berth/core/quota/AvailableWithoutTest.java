package io.berth.core.quota;

import static io.berth.core.Kueue.units;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * availableWithout must read as available after the same usage is taken out for real (and put
 * back): the fair-sharing search asks it of the queue holding the preemptor's simulated usage.
 */
class AvailableWithoutTest {
    private static final List<String> QUEUES = List.of("x", "y", "z");

    @Test
    void readsAsAvailableWithTheUsageTakenOutForReal() {
        for (int seed = 0; seed < 2_000; seed++) {
            Random random = new Random(seed);
            Long teamLimit = random.nextBoolean() ? null : (long) random.nextInt(8);
            QuotaNodeTest.Tree tree = QuotaNodeTest.threeLevel(teamLimit);
            for (int i = 0; i < 6; i++) {
                tree.cq(QUEUES.get(random.nextInt(3))).addUsage(tree.fr, units(1 + random.nextInt(6)));
            }
            ClusterQueueNode cq = tree.cq(QUEUES.get(random.nextInt(3)));
            long held = units(1 + random.nextInt(5));
            cq.addUsage(tree.fr, held);
            long without = cq.availableWithout(tree.fr, held);

            cq.removeUsage(tree.fr, held);
            assertThat(without).as("seed " + seed).isEqualTo(cq.available(tree.fr));
            cq.addUsage(tree.fr, held);
        }
    }
}
