package io.berth.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SortedChunksTest {
    @Test
    void agreesWithATreeSetUnderRandomAddsAndRemovals() {
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            SortedChunks<Integer> chunks = new SortedChunks<>(Comparator.naturalOrder());
            TreeSet<Integer> tree = new TreeSet<>();
            // Ranges small and large, so chunks fill, split, empty and go, many times over.
            int range = 1 + rnd.nextInt(seed % 2 == 0 ? 50 : 5000);
            int steps = 2000 + rnd.nextInt(4000);
            for (int i = 0; i < steps; i++) {
                int v = rnd.nextInt(range);
                // Phases that mostly add, then mostly remove.
                boolean add = rnd.nextInt(100) < ((i / 500) % 2 == 0 ? 75 : 25);
                boolean changed = add ? chunks.add(v) : chunks.remove(v);
                assertThat(changed).as("seed %d step %d %s %d", seed, i, add ? "add" : "remove", v)
                        .isEqualTo(add ? tree.add(v) : tree.remove(v));
                assertThat(chunks.size()).isEqualTo(tree.size());
                assertThat(chunks.first()).isEqualTo(tree.isEmpty() ? null : tree.first());
                if (i % 97 == 0) {
                    assertThat(new ArrayList<>(chunks)).as("seed %d step %d", seed, i).isEqualTo(new ArrayList<>(tree));
                }
            }
            assertThat(new ArrayList<>(chunks)).isEqualTo(new ArrayList<>(tree));
        }
    }

    @Test
    void keepsOrderAcrossChunkBoundaries() {
        SortedChunks<Integer> chunks = new SortedChunks<>(Comparator.reverseOrder());
        List<Integer> expected = new ArrayList<>();
        for (int v = 0; v < SortedChunks.CHUNK * 5; v++) {
            chunks.add(v);
            expected.add(0, v);
        }
        assertThat(new ArrayList<>(chunks)).isEqualTo(expected);
        assertThat(chunks.first()).isEqualTo(SortedChunks.CHUNK * 5 - 1);
        assertThat(chunks.remove(-1)).isFalse();
        assertThat(chunks.add(7)).isFalse();
    }

    @Test
    void appendsInOrderAndStillPlacesWhatComesBetween() {
        SortedChunks<Integer> chunks = new SortedChunks<>(Comparator.naturalOrder());
        List<Integer> expected = new ArrayList<>();
        for (int v = 0; v < SortedChunks.CHUNK * 6; v += 2) {
            chunks.add(v);
            expected.add(v);
        }
        assertThat(chunks.add(SortedChunks.CHUNK * 6 - 2)).as("the last again").isFalse();
        for (int v = 1; v < SortedChunks.CHUNK * 6; v += 2 * SortedChunks.CHUNK / 4) {
            chunks.add(v);
            expected.add(v);
        }
        expected.sort(Comparator.naturalOrder());
        assertThat(new ArrayList<>(chunks)).isEqualTo(expected);
    }

    @Test
    void anIteratorFailsFastWhenTheSetChanges() {
        SortedChunks<Integer> chunks = new SortedChunks<>(Comparator.naturalOrder());
        chunks.add(1);
        chunks.add(2);
        Iterator<Integer> it = chunks.iterator();
        assertThat(it.next()).isEqualTo(1);
        chunks.add(3);
        assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
    }

    @Test
    void anEmptySetHasNothingToGive() {
        SortedChunks<Integer> chunks = new SortedChunks<>(Comparator.naturalOrder());
        assertThat(chunks.first()).isNull();
        assertThat(chunks.remove(1)).isFalse();
        assertThat(chunks.iterator().hasNext()).isFalse();
        chunks.add(1);
        chunks.remove(1);
        assertThat(chunks).isEmpty();
        assertThat(chunks.first()).isNull();
    }
}
