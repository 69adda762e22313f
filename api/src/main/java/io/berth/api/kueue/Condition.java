package io.berth.api.kueue;

import java.time.Instant;

/** A metav1.Condition. */
public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {
    public boolean isTrue() {
        return "True".equals(status);
    }
}
