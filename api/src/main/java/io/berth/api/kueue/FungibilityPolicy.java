package io.berth.api.kueue;

/**
 * flavorFungibility.whenCanBorrow / whenCanPreempt. v1beta1's "Borrow" and "Preempt" are read as
 * {@link #MayStopSearch}, which is what v1beta2 renamed them to.
 */
public enum FungibilityPolicy {
    MayStopSearch, TryNextFlavor
}
