package io.berth.api.config;

/**
 * Configuration.waitForPodsReady: an admitted workload whose pods are not all ready within
 * timeout is evicted and requeued after an exponential backoff (base, doubling, capped at max);
 * after backoffLimitCount requeues (null: never) it is deactivated. requeuingTimestamp decides
 * where it goes back in its queue: "Eviction" (default) or "Creation". recoveryTimeout (null:
 * timeout; 0: none) bounds how long a workload whose pods were ready waits for them to recover.
 */
public record WaitForPodsReadyConfig(boolean enable, long timeoutMillis, boolean blockAdmission,
                                     String requeuingTimestamp, Integer backoffLimitCount,
                                     int backoffBaseSeconds, int backoffMaxSeconds, Long recoveryTimeoutMillis) {
    public static final String EVICTION = "Eviction";
    public static final String CREATION = "Creation";
    public static final WaitForPodsReadyConfig DISABLED =
            new WaitForPodsReadyConfig(false, 300_000, false, EVICTION, null, 60, 3600);

    public WaitForPodsReadyConfig(boolean enable, long timeoutMillis, boolean blockAdmission, String requeuingTimestamp,
                                  Integer backoffLimitCount, int backoffBaseSeconds, int backoffMaxSeconds) {
        this(enable, timeoutMillis, blockAdmission, requeuingTimestamp, backoffLimitCount, backoffBaseSeconds,
                backoffMaxSeconds, null);
    }

    /** How long pods may take to recover, Long.MAX_VALUE when recovery is not timed (Kueue's default: timeout). */
    public long recoveryMillis() {
        if (recoveryTimeoutMillis == null) {
            return timeoutMillis;
        }
        return recoveryTimeoutMillis == 0 ? Long.MAX_VALUE : recoveryTimeoutMillis;
    }
}
