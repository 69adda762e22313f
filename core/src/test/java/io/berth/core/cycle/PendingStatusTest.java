package io.berth.core.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PendingStatusTest {
    @Test
    void aRecipeIsFollowedOnceAndOnlyWhenTheMessageIsRead() {
        AtomicInteger built = new AtomicInteger();
        PendingStatus status = new PendingStatus(PendingStatus.WAITING_FOR_QUOTA,
                () -> "built " + built.incrementAndGet());

        assertThat(built).as("nothing built before the message is read").hasValue(0);
        assertThat(status.message()).isEqualTo("built 1");
        assertThat(status.message()).isEqualTo("built 1");
        assertThat(built).hasValue(1);
    }

    @Test
    void equalsComparesReasonAndMessageHoweverTheMessageIsGiven() {
        PendingStatus eager = new PendingStatus(PendingStatus.PENDING, "waiting");
        PendingStatus lazy = new PendingStatus(PendingStatus.PENDING, () -> "wait" + "ing");

        assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager);
        assertThat(lazy).isNotEqualTo(new PendingStatus(PendingStatus.WAITING_FOR_QUOTA, "waiting"));
        assertThat(new PendingStatus(PendingStatus.PENDING, (String) null).message()).isNull();
    }
}
