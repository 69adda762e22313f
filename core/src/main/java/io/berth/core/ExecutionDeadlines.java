package io.berth.core;

import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * spec.maximumExecutionTimeSeconds: when each admitted workload that sets it has run its time
 * (since its admission, after the time it already ran in earlier admissions), as Kueue's workload
 * controller counts it before deactivating the workload.
 */
final class ExecutionDeadlines {
    private final TreeMap<Long, TreeSet<String>> byDeadline = new TreeMap<>();
    private final Map<String, Long> deadlineOf = new HashMap<>();

    /** A workload got (or holds) quota. */
    void admitted(WorkloadInfo w) {
        Integer max = w.spec().maximumExecutionTimeSeconds();
        if (max == null) {
            return;
        }
        Integer past = w.spec().accumulatedPastExecutionTimeSeconds();
        long deadline = w.admittedAt() + (max - (past == null ? 0L : past)) * 1000L;
        released(w.key());
        deadlineOf.put(w.key(), deadline);
        byDeadline.computeIfAbsent(deadline, d -> new TreeSet<>()).add(w.key());
    }

    /** The workload no longer holds quota. */
    void released(String key) {
        Long deadline = deadlineOf.remove(key);
        if (deadline != null) {
            TreeSet<String> keys = byDeadline.get(deadline);
            keys.remove(key);
            if (keys.isEmpty()) {
                byDeadline.remove(deadline);
            }
        }
    }

    /** The workloads whose time ran out by now, in deadline then key order; they are forgotten. */
    List<String> due(long now) {
        List<String> due = new ArrayList<>();
        while (!byDeadline.isEmpty() && byDeadline.firstKey() <= now) {
            for (String key : byDeadline.pollFirstEntry().getValue()) {
                deadlineOf.remove(key);
                due.add(key);
            }
        }
        return due;
    }

    long nextDeadline() {
        return byDeadline.isEmpty() ? Long.MAX_VALUE : byDeadline.firstKey();
    }

    void clear() {
        byDeadline.clear();
        deadlineOf.clear();
    }
}
