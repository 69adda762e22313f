package io.berth.core.assign;

import java.util.function.Supplier;

/**
 * Outcome of checking one flavor-resource against the quota tree: how it can fit, the borrow
 * height, and when it does not simply fit, the message and Kueue's QuotaReserved reason.
 */
record QuotaFit(GranularMode.Outcome outcome, int borrow, Supplier<String> message, String noFitReason) {
    static final String NO_MATCHING_FLAVOR = "NoMatchingFlavor";
    static final String EXCEEDS_MAX_QUOTA = "ExceedsMaxQuota";
    static final String WAITING_FOR_QUOTA = "WaitingForQuota";

    static int severity(String reason) {
        return switch (reason) {
            case NO_MATCHING_FLAVOR -> 3;
            case EXCEEDS_MAX_QUOTA -> 2;
            default -> 1;
        };
    }
}
