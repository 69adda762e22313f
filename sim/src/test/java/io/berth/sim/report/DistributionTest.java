package io.berth.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DistributionTest {
    @Test
    void nearestRankPercentilesOfOneToTwenty() {
        long[] ms = new long[20];
        for (int i = 0; i < 20; i++) {
            ms[19 - i] = (i + 1) * 1000L; // given unsorted
        }
        Distribution d = Distribution.ofMillis(ms);
        // rank = ceil(p/100 * 20): p50 -> 10th, p95 -> 19th, p99 -> 20th value
        assertThat(d.n()).isEqualTo(20);
        assertThat(d.mean()).isEqualTo(10.5);
        assertThat(d.min()).isEqualTo(1.0);
        assertThat(d.p50()).isEqualTo(10.0);
        assertThat(d.p95()).isEqualTo(19.0);
        assertThat(d.p99()).isEqualTo(20.0);
        assertThat(d.max()).isEqualTo(20.0);
        assertThat(ms[0]).isEqualTo(20_000L); // input untouched
    }

    @Test
    void smallSamplesAndEdges() {
        assertThat(Distribution.ofMillis(new long[] {7000})).isEqualTo(
                new Distribution(1, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0));
        Distribution three = Distribution.ofMillis(new long[] {0, 20_000, 0});
        assertThat(three.p50()).isEqualTo(0.0); // rank ceil(1.5) = 2 -> 0
        assertThat(three.p95()).isEqualTo(20.0); // rank ceil(2.85) = 3
        assertThat(Distribution.ofMillis(new long[0])).isEqualTo(Distribution.EMPTY);
        assertThat(Distribution.nearestRank(new long[] {1, 2, 3, 4}, 0)).isEqualTo(1);
        assertThat(Distribution.nearestRank(new long[] {1, 2, 3, 4}, 25)).isEqualTo(1);
        assertThat(Distribution.nearestRank(new long[] {1, 2, 3, 4}, 26)).isEqualTo(2);
        assertThat(Distribution.nearestRank(new long[] {1, 2, 3, 4}, 100)).isEqualTo(4);
        assertThatThrownBy(() -> Distribution.nearestRank(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
    }
}
