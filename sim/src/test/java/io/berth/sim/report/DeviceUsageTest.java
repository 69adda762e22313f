package io.berth.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceUsageTest {
    /**
     * 2 GPUs over 100 s in 2 buckets: 0-20 s nothing, 20-60 s one share of 500 (500 free on a partly
     * used GPU out of 1500 free), 60-100 s a whole GPU (nothing partly used).
     */
    @Test
    void utilizationAndFragmentationAreTimeWeightedExactly() {
        DeviceSeries s = new DeviceSeries("dra", 2, List.of(new long[] {0, 0, 0}, new long[] {20_000, 500, 500},
                new long[] {60_000, 1000, 0}), 3, 1, 0, null);

        DeviceUsage u = DeviceUsage.of(s, new TimeBuckets(0, 100_000, 2, 50_000));

        // allocated: 500 x 40 s + 1000 x 40 s over 2000 x 100 s
        assertThat(u.meanUtilizationPct()).isCloseTo(30.0, within(1e-9));
        // partly used free: 500 x 40 s; free: 2000 x 20 + 1500 x 40 + 1000 x 40
        assertThat(u.meanFragmentationPct()).isCloseTo(100.0 * 20_000 / 140_000, within(1e-9));
        assertThat(u.utilizationPct()).containsExactly(15.0, 45.0);
        assertThat(u.fragmentationPct().get(0)).isCloseTo(100.0 * 15_000 / 85_000, within(1e-9));
        assertThat(u.peakUtilizationPct()).isEqualTo(45.0);
        assertThat(u.attempts()).isEqualTo(3);
    }

    @Test
    void noGpusNoFigures() {
        assertThat(DeviceUsage.of(DeviceSeries.NONE, new TimeBuckets(0, 10, 1, 10))).isNull();
        DeviceUsage idle = DeviceUsage.of(new DeviceSeries("count", 4, List.of(), 0, 0, 0, null), new TimeBuckets(0, 10, 1, 10));
        assertThat(idle.meanUtilizationPct()).isZero();
        assertThat(idle.meanFragmentationPct()).isZero();
    }
}
