package io.berth.api.kueue;

/**
 * Quota of one resource in one flavor, in milli-units; null limits mean "no limit". An amount at
 * or beyond what Kueue counts in an int64 (2^63-1 units; for cpu 2^63-1 milli-cpus, rounded down to
 * whole cpus) is Kueue's Unlimited, {@link #UNLIMITED}; one beyond the milli-units of a long but
 * not that far is {@link #BEYOND_MILLI_RANGE}.
 */
public record ResourceQuota(String name, long nominalQuota, Long borrowingLimit, Long lendingLimit) {
    public static final long UNLIMITED = Long.MAX_VALUE;
    public static final long BEYOND_MILLI_RANGE = Long.MAX_VALUE - 1;
}
