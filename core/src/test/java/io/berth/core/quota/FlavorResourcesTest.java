package io.berth.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlavorResourcesTest {
    private final FlavorResources frs = new FlavorResources();
    private final int cpu = frs.id("default", "cpu");
    private final int memory = frs.id("default", "memory");

    @Test
    void aSetOfOneIsTheSharedSetOfThatIdAlone() {
        FlavorResources.SetBuilder set = frs.newSet();
        set.add(memory);
        set.add(memory);
        assertThat(set.isEmpty()).isFalse();
        assertThat(set.build()).isSameAs(frs.alone(memory));
        assertThat(frs.alone(memory).stream().toArray()).containsExactly(memory);
    }

    @Test
    void aSetOfSeveralHoldsEachOnce() {
        FlavorResources.SetBuilder set = frs.newSet();
        set.add(memory);
        set.add(cpu);
        set.add(memory);
        assertThat(set.build().stream().toArray()).containsExactly(cpu, memory);
        assertThat(frs.alone(memory).cardinality()).as("the shared set is left alone").isEqualTo(1);
    }

    @Test
    void anEmptySetHoldsNothing() {
        FlavorResources.SetBuilder set = frs.newSet();
        assertThat(set.isEmpty()).isTrue();
        assertThat(set.build().isEmpty()).isTrue();
    }
}
