package io.berth.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntMapTest {

    /** Random puts, removes and clears over a small key range (many collisions, wrapped probe runs), as HashMap. */
    @Test
    void behavesAsAHashMapUnderRandomOperations() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            IntMap<String> map = new IntMap<>();
            Map<Integer, String> reference = new HashMap<>();
            int range = 1 + random.nextInt(64);
            for (int step = 0; step < 2_000; step++) {
                int key = random.nextInt(range) - (random.nextInt(8) == 0 ? range : 0); // some 0 and negatives
                int op = random.nextInt(100);
                if (op < 55) {
                    String value = "v" + step;
                    map.put(key, value);
                    reference.put(key, value);
                } else if (op < 95) {
                    assertThat(map.remove(key)).as("seed %d step %d remove %d", seed, step, key)
                            .isEqualTo(reference.remove(key));
                } else if (op < 96) {
                    map.clear();
                    reference.clear();
                }
                assertThat(map.get(key)).as("seed %d step %d get %d", seed, step, key).isEqualTo(reference.get(key));
                assertThat(map.size()).isEqualTo(reference.size());
            }
            for (int key = -range; key < range; key++) {
                assertThat(map.get(key)).as("seed %d key %d", seed, key).isEqualTo(reference.get(key));
            }
            List<String> values = new ArrayList<>();
            map.forEachValue(values::add);
            assertThat(values).containsExactlyInAnyOrderElementsOf(reference.values());
        }
    }

    @Test
    void clearAfterAPeakLeavesAnEmptyMapThatStillWorks() {
        IntMap<Integer> map = new IntMap<>();
        for (int k = 1; k <= 1_000; k++) {
            map.put(k, k);
        }
        map.clear();
        assertThat(map.size()).isZero();
        assertThat(map.get(500)).isNull();
        map.put(500, 5);
        assertThat(map.get(500)).isEqualTo(5);
        List<Integer> values = new ArrayList<>();
        map.forEachValue(values::add);
        assertThat(values).containsExactly(5);
    }
}
