package io.berth.api.kueue;

/** flavorFungibility.preference: which is worse when both are needed. */
public enum FungibilityPreference {
    BorrowingOverPreemption, PreemptionOverBorrowing
}
