package io.berth.api.config;

/**
 * Configuration.waitForPodsReady: an admitted workload whose pods are not all ready within
 * timeout is evicted and requeued after an exponential backoff (base, doubling, capped at max);
 * after backoffLimitCount requeues (null: never) it is deactivated. requeuingTimestamp decides
 * where it goes back in its queue: "Eviction" (default) or "Creation".
 */
public record WaitForPodsReadyConfig(boolean enable, long timeoutMillis, boolean blockAdmission,
                                     String requeuingTimestamp, Integer backoffLimitCount,
                                     int backoffBaseSeconds, int backoffMaxSeconds) {
    public static final String EVICTION = "Eviction";
    public static final String CREATION = "Creation";
    public static final WaitForPodsReadyConfig DISABLED =
            new WaitForPodsReadyConfig(false, 300_000, false, EVICTION, null, 60, 3600);
}
