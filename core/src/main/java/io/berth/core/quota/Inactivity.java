package io.berth.core.quota;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a ClusterQueue admits nothing, as Kueue's ClusterQueue condition Active=False says it:
 * reason (Terminating, Stopped, FlavorNotFound, or Unknown for what Kueue has no reason for) and
 * message.
 */
public record Inactivity(String reason, String message) {
    private static final String CANNOT_ADMIT = "Can't admit new workloads";
    private static final String TERMINATING = "Terminating";

    /** Being deleted: Kueue's terminating state overrides every other. */
    static Inactivity terminating() {
        return new Inactivity(TERMINATING, CANNOT_ADMIT + "; clusterQueue is terminating");
    }

    public boolean isTerminating() {
        return reason.equals(TERMINATING);
    }

    /** Stopped and/or referencing missing flavors, in Kueue's order; null when neither. */
    static Inactivity of(boolean stopped, List<String> missingFlavors) {
        List<String> reasons = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        if (stopped) {
            reasons.add("Stopped");
            messages.add("is stopped");
        }
        if (!missingFlavors.isEmpty()) {
            reasons.add("FlavorNotFound");
            messages.add("references missing ResourceFlavor(s): " + String.join(",", missingFlavors));
        }
        return reasons.isEmpty() ? null
                : new Inactivity(reasons.get(0), CANNOT_ADMIT + ": " + String.join(", ", messages) + ".");
    }

    /** Under a cohort on a parent cycle, which Kueue's scheduler skips without a condition reason of its own. */
    static Inactivity cohortCycle(String cohort) {
        return new Inactivity("Unknown", CANNOT_ADMIT + ": Cohort " + cohort + " has a cycle.");
    }
}
