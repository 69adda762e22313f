package io.berth.api.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    @Test
    void onlyASelectorWithoutRequirementsMatchesEverything() {
        assertThat(LabelSelector.EVERYTHING.matchesEverything()).isTrue();
        assertThat(new LabelSelector(null, null).matchesEverything()).isTrue();
        assertThat(new LabelSelector(Map.of("team", "a"), null).matchesEverything()).isFalse();
        LabelSelector exists = new LabelSelector(null, List.of(new LabelSelectorRequirement("team", "Exists", List.of())));
        assertThat(exists.matchesEverything()).isFalse();
        assertThat(exists.matches(Map.of())).isFalse();
    }
}
