package io.berth.core;

import io.berth.api.config.WaitForPodsReadyConfig;

/**
 * waitForPodsReady requeuing: the n-th requeue waits base * 2^(n-1) seconds, capped at max
 * (Kueue adds random jitter; Berth does not, to stay deterministic).
 */
final class PodsReadyBackoff {
    private PodsReadyBackoff() {
    }

    /** Milliseconds to wait before the workload may be admitted again after its n-th requeue (n >= 1). */
    static long delayMillis(WaitForPodsReadyConfig config, int n) {
        double seconds = config.backoffBaseSeconds() * Math.pow(2, n - 1);
        return (long) (Math.min(seconds, config.backoffMaxSeconds()) * 1000);
    }

    /** Whether the workload has used up its requeues and must be deactivated. */
    static boolean limitExceeded(WaitForPodsReadyConfig config, int requeues) {
        return config.backoffLimitCount() != null && requeues > config.backoffLimitCount();
    }
}
