package io.berth.core;

import io.berth.api.config.WaitForPodsReadyConfig;
import io.berth.core.cycle.PendingStatus;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * waitForPodsReady: admitted workloads whose pods are not all ready yet, and workloads waiting
 * out their requeue backoff after a timeout. The n-th requeue waits base * 2^(n-1) seconds,
 * capped at max (Kueue adds random jitter; Berth does not, to stay deterministic); past
 * backoffLimitCount requeues the workload is deactivated.
 */
final class PodsReadyTracker {
    static final PendingStatus DEACTIVATED = new PendingStatus(PendingStatus.DEACTIVATED,
            Engine.REQUEUING_LIMIT_EXCEEDED_MESSAGE);

    private final WaitForPodsReadyConfig config;
    private final Map<String, WorkloadInfo> awaiting = new TreeMap<>();
    private final Map<String, Long> backoffUntil = new HashMap<>();

    PodsReadyTracker(WaitForPodsReadyConfig config) {
        this.config = config;
    }

    boolean enabled() {
        return config.enable();
    }

    /** A workload got (or holds) quota: its pods must become ready within the timeout. */
    void admitted(WorkloadInfo w) {
        if (config.enable() && !w.podsReady()) {
            awaiting.put(w.key(), w);
        }
    }

    void setReady(WorkloadInfo w, boolean ready) {
        w.setPodsReady(ready);
        if (ready) {
            awaiting.remove(w.key());
        } else {
            admitted(w);
        }
    }

    /** The workload no longer holds quota (finished, evicted, removed). */
    void released(String key) {
        awaiting.remove(key);
    }

    void forget(String key) {
        awaiting.remove(key);
        backoffUntil.remove(key);
    }

    /** Quota is about to be recounted from scratch (configuration changed). */
    void clearAwaiting() {
        awaiting.clear();
    }

    /** A workload given already in backoff (status.requeueState) waits until then. */
    void holdUntil(String key, long until) {
        backoffUntil.put(key, until);
    }

    /** When the workload's backoff ends, or null when it is not in one. */
    Long backoffUntil(String key) {
        return backoffUntil.get(key);
    }

    boolean inBackoff(String key) {
        return backoffUntil.containsKey(key);
    }

    /** Keys of workloads waiting out a backoff, in order. */
    java.util.Set<String> inBackoff() {
        return new java.util.TreeSet<>(backoffUntil.keySet());
    }

    /** blockAdmission: nothing is admitted while an admitted workload's pods are not ready. */
    boolean blocksAdmission() {
        return config.enable() && config.blockAdmission() && !awaiting.isEmpty();
    }

    /** Admitted workloads whose pods were not all ready within the timeout, in namespace/name order. */
    List<WorkloadInfo> timedOut(long now) {
        List<WorkloadInfo> late = new ArrayList<>();
        for (WorkloadInfo w : awaiting.values()) {
            if (now >= deadline(w)) {
                late.add(w);
            }
        }
        return late;
    }

    /**
     * After a timeout eviction: counts the requeue and returns the status the workload waits
     * with — deactivated past the limit, otherwise pending until its backoff expires.
     */
    PendingStatus requeue(WorkloadInfo w, long now) {
        w.countRequeue();
        if (config.backoffLimitCount() != null && w.requeueCount() > config.backoffLimitCount()) {
            return DEACTIVATED;
        }
        if (config.requeuingTimestamp().equals(WaitForPodsReadyConfig.EVICTION)) {
            w.setQueueTimestamp(now);
        }
        long delay = delayMillis(w.requeueCount());
        backoffUntil.put(w.key(), now + delay);
        return new PendingStatus(PendingStatus.PENDING,
                "Requeued after PodsReadyTimeout; waiting for the backoff (" + delay / 1000 + "s) to expire");
    }

    /** When an admitted workload's pods time out: timeout after admission, or recoveryTimeout after a failure. */
    private long deadline(WorkloadInfo w) {
        long wait = w.recovering() ? config.recoveryMillis() : config.timeoutMillis();
        long since = w.podsReadySince();
        return since > Long.MAX_VALUE - wait ? Long.MAX_VALUE : since + wait;
    }

    /** The earliest time a timeout or a backoff expiry is due, or Long.MAX_VALUE. */
    long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (WorkloadInfo w : awaiting.values()) {
            next = Math.min(next, deadline(w));
        }
        for (long until : backoffUntil.values()) {
            next = Math.min(next, until);
        }
        return next;
    }

    /** Keys whose backoff ended by now; they are no longer in backoff. */
    List<String> expiredBackoffs(long now) {
        List<String> expired = new ArrayList<>();
        backoffUntil.entrySet().removeIf(e -> {
            if (e.getValue() > now) {
                return false;
            }
            expired.add(e.getKey());
            return true;
        });
        expired.sort(null);
        return expired;
    }

    long delayMillis(int n) {
        double seconds = config.backoffBaseSeconds() * Math.pow(2, n - 1);
        return (long) (Math.min(seconds, config.backoffMaxSeconds()) * 1000);
    }
}
