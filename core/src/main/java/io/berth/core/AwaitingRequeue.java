package io.berth.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Workloads given with the condition Requeued=False. Kueue's scheduler leaves such a workload out
 * until its workload controller sets Requeued=True: once the backoff is over
 * (status.requeueState.requeueAt passed, or none), or the workload was reactivated or its queue
 * restarted. Berth takes that controller step after each cycle, so such a workload sits out at
 * least one cycle and is queued for the one after the step.
 */
final class AwaitingRequeue {
    /** Per workload not requeued yet, when its backoff ends (Long.MIN_VALUE: no requeueAt). */
    private final Map<String, Long> held = new TreeMap<>();
    /** Requeued by the step after the last cycle, to be queued for the next. */
    private final Set<String> requeued = new TreeSet<>();

    void hold(String key, long requeueAt) {
        requeued.remove(key);
        held.put(key, requeueAt);
    }

    boolean holds(String key) {
        return held.containsKey(key) || requeued.contains(key);
    }

    void forget(String key) {
        held.remove(key);
        requeued.remove(key);
    }

    /** Every workload still out of the queues, in key order. */
    Set<String> keys() {
        Set<String> all = new TreeSet<>(held.keySet());
        all.addAll(requeued);
        return all;
    }

    /** The controller step after the cycle at now: the workloads whose backoff is over are requeued. */
    void afterCycle(long now) {
        held.entrySet().removeIf(e -> {
            if (e.getValue() > now) {
                return false;
            }
            requeued.add(e.getKey());
            return true;
        });
    }

    /** The workloads requeued after the last cycle, in key order, now to be queued; no longer held. */
    List<String> takeRequeued() {
        List<String> keys = new ArrayList<>(requeued);
        requeued.clear();
        return keys;
    }

    /**
     * When a cycle is next needed for them, or Long.MAX_VALUE: right after now for those requeued
     * and those whose backoff is over but that have not sat out a cycle yet, else at the earliest
     * requeueAt.
     */
    long nextWakeUp(long now) {
        long next = requeued.isEmpty() ? Long.MAX_VALUE : now + 1;
        for (long requeueAt : held.values()) {
            next = Math.min(next, Math.max(requeueAt, now + 1));
        }
        return next;
    }
}
