package io.berth.api.kueue;

/** Whether to try the next flavor before borrowing or preempting; preference may be null. */
public record FlavorFungibility(FungibilityPolicy whenCanBorrow, FungibilityPolicy whenCanPreempt,
                                FungibilityPreference preference) {
    /** Kueue's defaults: stop at a flavor that can borrow, try the next one before preempting. */
    public static final FlavorFungibility DEFAULT =
            new FlavorFungibility(FungibilityPolicy.MayStopSearch, FungibilityPolicy.TryNextFlavor, null);
}
