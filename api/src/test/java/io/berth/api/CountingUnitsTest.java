package io.berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CountingUnitsTest {
    private static final CountingUnits KUEUE = CountingUnits.KUEUE;

    @Test
    void cpuStaysInMilliUnitsAndEveryOtherResourceCountsWholeUnitsRoundedAwayFromZero() {
        assertThat(KUEUE.fromMillis("cpu", 1500)).isEqualTo(1500);
        assertThat(KUEUE.fromMillis("memory", 2_000)).isEqualTo(2);
        assertThat(KUEUE.fromMillis("example.com/gpu", 500)).isEqualTo(1);
        assertThat(KUEUE.fromMillis("memory", 1_001)).isEqualTo(2);
        assertThat(KUEUE.fromMillis("memory", -1_500)).isEqualTo(-2);
        assertThat(KUEUE.fromMillis("pods", 0)).isZero();
    }

    @Test
    void aSaturatedAmountStaysSaturated() {
        assertThat(KUEUE.fromMillis("memory", Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(KUEUE.fromMillis("memory", Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(KUEUE.toMillis("memory", Long.MAX_VALUE / 100)).isEqualTo(Long.MAX_VALUE);
        assertThat(KUEUE.toMillis("memory", Long.MIN_VALUE / 100)).isEqualTo(Long.MIN_VALUE);
        assertThat(KUEUE.ofUnits("cpu", Long.MAX_VALUE / 100)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void backToMilliUnitsAndStandardUnits() {
        assertThat(KUEUE.toMillis("memory", 3)).isEqualTo(3_000);
        assertThat(KUEUE.toMillis("cpu", 250)).isEqualTo(250);
        assertThat(KUEUE.ofUnits("pods", 4)).isEqualTo(4);
        assertThat(KUEUE.ofUnits("cpu", 4)).isEqualTo(4_000);
        assertThat(KUEUE.inStandardUnits("cpu", 1_500)).isEqualTo(1.5);
        assertThat(KUEUE.inStandardUnits("memory", 1_500)).isEqualTo(1_500.0);
    }

    @Test
    void formatsInKubernetesCanonicalForm() {
        assertThat(KUEUE.format("cpu", 500)).isEqualTo("500m");
        assertThat(KUEUE.format("cpu", 2_000)).isEqualTo("2");
        assertThat(KUEUE.format("memory", 1L << 30)).isEqualTo("1Gi");
        assertThat(KUEUE.format("example.com/gpu", 8)).isEqualTo("8");
        // 5000Ti in bytes is beyond what milli-units of memory could hold.
        assertThat(KUEUE.format("memory", 5_000L << 40)).isEqualTo("5000Ti");
    }

    @Test
    void chosenResourcesCountInMilliUnitsAsCpuDoes() {
        CountingUnits shared = CountingUnits.withMilli(List.of("nvidia.com/gpu"));
        assertThat(shared.fromMillis("nvidia.com/gpu", 500)).isEqualTo(500);
        assertThat(shared.format("nvidia.com/gpu", 500)).isEqualTo("500m");
        assertThat(shared.fromMillis("memory", 500)).isEqualTo(1);
        assertThat(shared.inMilli("cpu")).isTrue();
        assertThat(CountingUnits.withMilli(List.of())).isSameAs(KUEUE);
        assertThat(KUEUE.inMilli("nvidia.com/gpu")).isFalse();
    }
}
