package io.berth.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Workloads given with the condition Requeued=False. Kueue's scheduler leaves such a workload out
 * until its workload controller sets Requeued=True: once the backoff is over
 * (status.requeueState.requeueAt passed, or none), or the workload was reactivated or its queue
 * restarted. Berth takes that controller step after each cycle, so such a workload sits out at
 * least the next cycle.
 */
final class AwaitingRequeue {
    /** Per workload, when its backoff ends (Long.MIN_VALUE: no requeueAt). */
    private final Map<String, Long> requeueAt = new TreeMap<>();

    void hold(String key, long requeueAt) {
        this.requeueAt.put(key, requeueAt);
    }

    boolean holds(String key) {
        return requeueAt.containsKey(key);
    }

    void forget(String key) {
        requeueAt.remove(key);
    }

    Set<String> keys() {
        return requeueAt.keySet();
    }

    /** After the cycle at now: the workloads requeued (their backoff is over), in key order, no longer held. */
    List<String> requeuedAfterCycle(long now) {
        List<String> requeued = new ArrayList<>();
        requeueAt.entrySet().removeIf(e -> {
            if (e.getValue() > now) {
                return false;
            }
            requeued.add(e.getKey());
            return true;
        });
        return requeued;
    }

    /** The earliest backoff end still ahead, or Long.MAX_VALUE. */
    long nextDeadline(long now) {
        long next = Long.MAX_VALUE;
        for (long at : requeueAt.values()) {
            if (at > now) {
                next = Math.min(next, at);
            }
        }
        return next;
    }
}
