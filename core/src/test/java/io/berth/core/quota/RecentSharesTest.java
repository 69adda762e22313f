package io.berth.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class RecentSharesTest {
    private static DominantResourceShare share(double ratio) {
        return new DominantResourceShare(1, ratio, "cpu", new BitSet());
    }

    @Test
    void findsTheSharesOfTheLastTwoUsagesItWasGiven() {
        RecentShares recent = new RecentShares();
        long[] usage = {5, 0};
        assertThat(recent.find(usage)).isNull();
        DominantResourceShare five = share(5);
        recent.remember(usage, five);
        usage[0] = 3; // the caller's array changes; what was remembered does not
        assertThat(recent.find(usage)).isNull();
        DominantResourceShare three = share(3);
        recent.remember(usage, three);
        assertThat(recent.find(new long[] {5, 0})).isSameAs(five);
        assertThat(recent.find(new long[] {3, 0})).isSameAs(three);
        recent.remember(new long[] {1, 0}, share(1));
        assertThat(recent.find(new long[] {5, 0})).as("the oldest is forgotten").isNull();
        assertThat(recent.find(new long[] {3, 0})).isSameAs(three);
        assertThat(recent.find(new long[] {3})).as("another length is another usage").isNull();
    }
}
