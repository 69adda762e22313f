package io.berth.core.preempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayedSequenceTest {
    @Test
    void readersShareOnePassOverTheSourceAndReadOnlyWhatTheyNeed() {
        List<Integer> pulled = new ArrayList<>();
        Iterator<Integer> source = List.of(1, 2, 3, 4).iterator();
        ReplayedSequence<Integer> sequence = new ReplayedSequence<>(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Integer next() {
                Integer v = source.next();
                pulled.add(v);
                return v;
            }
        }, v -> false);

        Iterator<Integer> first = sequence.iterator();
        assertThat(first.next()).isEqualTo(1);
        assertThat(first.next()).isEqualTo(2);
        assertThat(pulled).as("only as far as a reader went").containsExactly(1, 2);

        Iterator<Integer> second = sequence.iterator();
        List<Integer> all = new ArrayList<>();
        second.forEachRemaining(all::add);
        assertThat(all).containsExactly(1, 2, 3, 4);
        assertThat(first.next()).as("the first reader goes on where it was").isEqualTo(3);
        assertThat(pulled).as("each element pulled once").containsExactly(1, 2, 3, 4);
        assertThatThrownBy(second::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void elementsThatGoAreSkippedByEveryReaderFromThenOn() {
        Set<Integer> gone = new HashSet<>(Set.of(3));
        ReplayedSequence<Integer> sequence = new ReplayedSequence<>(List.of(1, 2, 3, 4, 5).iterator(), gone::contains);
        assertThat(sequence.first()).isEqualTo(1);

        Iterator<Integer> before = sequence.iterator();
        assertThat(before.next()).isEqualTo(1);
        gone.addAll(Set.of(1, 4));
        List<Integer> rest = new ArrayList<>();
        before.forEachRemaining(rest::add);
        assertThat(rest).as("gone before the reader got there").containsExactly(2, 5);

        gone.add(2);
        assertThat(sequence.first()).isEqualTo(5);
        List<Integer> all = new ArrayList<>();
        sequence.iterator().forEachRemaining(all::add);
        assertThat(all).containsExactly(5);
        gone.add(5);
        assertThat(sequence.first()).isNull();
    }

    @Test
    void anUnfilteredReaderPassesOnlyWhatIsGoneAtTheFront() {
        Set<Integer> gone = new HashSet<>(Set.of(1, 3));
        ReplayedSequence<Integer> sequence = new ReplayedSequence<>(List.of(1, 2, 3, 4, 5).iterator(), gone::contains);
        List<Integer> all = new ArrayList<>();
        sequence.iterator().forEachRemaining(all::add);
        assertThat(all).as("gone before they were read: never kept").containsExactly(2, 4, 5);

        gone.addAll(Set.of(2, 5));
        List<Integer> unfiltered = new ArrayList<>();
        sequence.unfiltered().forEachRemaining(unfiltered::add);
        assertThat(unfiltered).as("2 is gone at the front; 5 is left to the reader").containsExactly(4, 5);
        List<Integer> filtered = new ArrayList<>();
        sequence.iterator().forEachRemaining(filtered::add);
        assertThat(filtered).containsExactly(4);
    }
}
