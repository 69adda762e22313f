package io.berth.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CycleProbeTest {
    private static final Path BASELINE = Path.of("../../shared/perf/kueue-scheduler-configs/baseline/generator.yaml");

    @Test
    void aShapeRunsToTheSameDecisionsEveryTimeWithItsCyclesTimed() {
        long[] first = CycleProbe.run("fair-sharing-100");
        long[] second = CycleProbe.run("fair-sharing-100");
        assertThat(second[0]).as("digest").isEqualTo(first[0]);
        assertThat(first[1]).as("cycles").isPositive();
        assertThat(first[2]).as("slowest").isPositive().isLessThanOrEqualTo(first[4]);
        assertThat(first[3]).as("preempting").isPositive().isLessThanOrEqualTo(first[4]);
    }

    @Test
    void aPerfConfigWithFairSharingOnDecidesOtherwise() {
        assumeTrue(Files.isRegularFile(BASELINE), "../shared is not here: " + BASELINE.toAbsolutePath());
        long[] off = CycleProbe.run(BASELINE.toString());
        long[] on = CycleProbe.run(BASELINE + ":fs");
        assertThat(CycleProbe.run(BASELINE.toString())[0]).as("the same run, the same digest").isEqualTo(off[0]);
        assertThat(on[0]).as("fair sharing on").isNotEqualTo(off[0]);
        assertThat(on[1]).as("cycles").isPositive();
    }

    @Test
    void aRunThatIsNotThereIsNamedWithWhatIsExpected() {
        assertThat(CycleProbe.problemWith("fair-sharing-100")).isNull();
        assertThat(CycleProbe.problemWith("no-such-shape")).contains("unknown shape no-such-shape")
                .contains("fair-sharing-1000-many").contains("generator.yaml");
        assertThat(CycleProbe.problemWith("missing/generator.yaml:fs"))
                .isEqualTo(Path.of("missing/generator.yaml") + ": no such generator.yaml");
    }
}
