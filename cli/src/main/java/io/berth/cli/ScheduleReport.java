package io.berth.cli;

import io.berth.core.cycle.PendingStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What `berth schedule` prints: workloads admitted during the run (namespace/name to
 * clusterQueue, flavor per resource per pod set, and count when partial admission reduced a pod
 * set), workloads preempted, workloads left pending, and with --explain why each one waits.
 */
record ScheduleReport(Map<String, AdmittedWorkload> admitted, List<String> preempted, List<String> pending,
                      Map<String, PendingStatus> explain) {

    /** One admitted workload, in the contract's shape. */
    record AdmittedWorkload(String clusterQueue, Map<String, Map<String, String>> podSets, Map<String, Integer> count) {
    }

    /** Plain maps and lists in the contract's key order, for YAML or JSON output. */
    Map<String, Object> toData(boolean withExplain) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> admittedOut = new LinkedHashMap<>();
        admitted.forEach((key, a) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("clusterQueue", a.clusterQueue());
            entry.put("podSets", a.podSets());
            if (!a.count().isEmpty()) {
                entry.put("count", a.count());
            }
            admittedOut.put(key, entry);
        });
        out.put("admitted", admittedOut);
        out.put("preempted", preempted);
        out.put("pending", pending);
        if (withExplain) {
            Map<String, Object> why = new LinkedHashMap<>();
            explain.forEach((key, s) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("reason", s.reason());
                entry.put("message", s.message());
                why.put(key, entry);
            });
            out.put("explain", why);
        }
        return out;
    }
}
