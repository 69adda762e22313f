package io.berth.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourcesConfigTest {
    private static final long UNIT = 1000;

    private static ResourceTransformation replace(String input, String multiplyBy, Map<String, String> outputs) {
        return transformation(input, true, multiplyBy, outputs);
    }

    private static ResourceTransformation transformation(String input, boolean replace, String multiplyBy,
                                                         Map<String, String> outputs) {
        Map<String, BigDecimal> perUnit = new java.util.LinkedHashMap<>();
        outputs.forEach((k, v) -> perUnit.put(k, new BigDecimal(v)));
        return new ResourceTransformation(input, replace, multiplyBy, perUnit);
    }

    private static ResourcesConfig with(ResourceTransformation... ts) {
        return new ResourcesConfig(false, List.of(), List.of(ts));
    }

    @Test
    void replaceCountsTheOutputsPerUnitOfInputInsteadOfTheInput() {
        // Kueue's integration case: 2 MIG slices of 5Ki accelerator memory and 10 credits each.
        ResourcesConfig c = with(replace("nvidia.com/mig-1g.5gb", null,
                Map.of("example.com/accelerator-memory", "5120", "example.com/credits", "10")));
        assertThat(c.effectiveRequests(Map.of("nvidia.com/mig-1g.5gb", 2 * UNIT, "cpu", 500L)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("example.com/accelerator-memory", 10240 * UNIT,
                        "example.com/credits", 20 * UNIT, "cpu", 500L));
    }

    @Test
    void multiplyByScalesTheOutputsByTheRequestOfAnotherResource() {
        ResourcesConfig c = with(replace("nvidia.com/gpucores", "nvidia.com/gpu", Map.of("nvidia.com/total-gpucores", "1")),
                replace("nvidia.com/gpumem", "nvidia.com/gpu", Map.of("nvidia.com/total-gpumem", "1")));
        assertThat(c.effectiveRequests(Map.of("nvidia.com/gpu", 2 * UNIT, "nvidia.com/gpucores", 20 * UNIT,
                "nvidia.com/gpumem", 1024 * UNIT)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("nvidia.com/gpu", 2 * UNIT,
                        "nvidia.com/total-gpucores", 40 * UNIT, "nvidia.com/total-gpumem", 2048 * UNIT));
        assertThat(c.effectiveRequests(Map.of("nvidia.com/gpucores", 20 * UNIT)))
                .as("without the multiplier's request the input is not multiplied")
                .containsExactlyInAnyOrderEntriesOf(Map.of("nvidia.com/total-gpucores", 20 * UNIT));
    }

    @Test
    void retainKeepsTheInputAndOutputsAddToAnOrdinaryRequestOfTheSameName() {
        ResourcesConfig c = with(transformation("cpu", false, null, Map.of("cpu-credits", "1")));
        assertThat(c.effectiveRequests(Map.of("cpu", 1500L, "cpu-credits", 2 * UNIT)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", 1500L, "cpu-credits", 3500L));
    }

    @Test
    void negativeOutputsCancelOthersButNeverReduceWhatIsKept() {
        ResourcesConfig c = with(replace("a", null, Map.of("credits", "5")), replace("b", null, Map.of("credits", "-3")),
                replace("c", null, Map.of("other", "-1")));
        assertThat(c.effectiveRequests(Map.of("a", UNIT, "b", UNIT))).containsExactlyInAnyOrderEntriesOf(
                Map.of("credits", 2 * UNIT));
        assertThat(c.effectiveRequests(Map.of("c", UNIT, "other", 4 * UNIT)))
                .as("what transformations produce below zero counts as nothing, not against the request")
                .containsExactlyInAnyOrderEntriesOf(Map.of("other", 4 * UNIT));
    }

    @Test
    void excludedResourcesGoBeforeTransformationsAndFractionsRoundUpToAMilliUnit() {
        ResourcesConfig c = new ResourcesConfig(false, List.of("example.com/"),
                List.of(replace("pseudo-cpu", null, Map.of("cpu", "0.0015"))));
        assertThat(c.effectiveRequests(Map.of("example.com/fpga", UNIT, "pseudo-cpu", 1L)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", 1L));
        assertThat(ResourcesConfig.DEFAULT.effectiveRequests(Map.of("cpu", UNIT))).isEqualTo(Map.of("cpu", UNIT));
    }
}
