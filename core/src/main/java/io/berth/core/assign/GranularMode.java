package io.berth.core.assign;

import io.berth.api.kueue.FlavorFungibility;
import io.berth.api.kueue.FungibilityPolicy;
import io.berth.api.kueue.FungibilityPreference;

/**
 * How good a flavor is for a request: the preemption outcome and how high in the cohort tree
 * the request would borrow (0: not borrowing). Used to pick among flavors.
 */
record GranularMode(Outcome outcome, int borrowingLevel) {
    /** Outcomes, worst first. */
    enum Outcome {
        NO_FIT, NO_PREEMPTION_CANDIDATES, PREEMPT, RECLAIM, FIT;

        Mode mode() {
            return switch (this) {
                case NO_FIT -> Mode.NO_FIT;
                case FIT -> Mode.FIT;
                default -> Mode.PREEMPT;
            };
        }
    }

    static final GranularMode BEST = new GranularMode(Outcome.FIT, 0);
    static final GranularMode WORST = new GranularMode(Outcome.NO_FIT, Integer.MAX_VALUE);

    boolean needsPreemption() {
        return outcome == Outcome.PREEMPT || outcome == Outcome.RECLAIM;
    }

    /** Whether this is preferred over other under the queue's fungibility preference. */
    boolean isPreferredOver(GranularMode other, FlavorFungibility fungibility) {
        if (outcome == Outcome.NO_FIT) {
            return false;
        }
        if (other.outcome == Outcome.NO_FIT) {
            return true;
        }
        boolean noCandidates = outcome == Outcome.NO_PREEMPTION_CANDIDATES;
        boolean otherNoCandidates = other.outcome == Outcome.NO_PREEMPTION_CANDIDATES;
        if (noCandidates != otherNoCandidates) {
            return !noCandidates;
        }
        if (fungibility.preference() == FungibilityPreference.PreemptionOverBorrowing) {
            if (borrowingLevel != other.borrowingLevel) {
                return borrowingLevel < other.borrowingLevel;
            }
            return outcome.compareTo(other.outcome) > 0;
        }
        if (outcome != other.outcome) {
            return outcome.compareTo(other.outcome) > 0;
        }
        return borrowingLevel < other.borrowingLevel;
    }

    /** Whether the search should go on to the next flavor after finding this one. */
    boolean shouldTryNextFlavor(FlavorFungibility fungibility) {
        if (outcome == Outcome.NO_FIT || outcome == Outcome.NO_PREEMPTION_CANDIDATES) {
            return true;
        }
        if (needsPreemption() && fungibility.whenCanPreempt() == FungibilityPolicy.TryNextFlavor) {
            return true;
        }
        return borrowingLevel > 0 && fungibility.whenCanBorrow() == FungibilityPolicy.TryNextFlavor;
    }
}
