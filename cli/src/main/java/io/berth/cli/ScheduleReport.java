package io.berth.cli;

import io.berth.core.cycle.PendingStatus;
import io.berth.core.preempt.PreemptionExplanation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What `berth schedule` prints: workloads admitted during the run (namespace/name to
 * clusterQueue, flavor per resource per pod set, and count when partial admission reduced a pod
 * set), workloads preempted, workloads left pending in a ClusterQueue, workloads in none (their
 * LocalQueue or ClusterQueue is missing or stopped; listed only when there are some), and with
 * --explain why each one waits, what preemption would do for it, and (with fair sharing) each
 * queue's and cohort's weighted share.
 */
record ScheduleReport(Map<String, AdmittedWorkload> admitted, List<String> preempted, List<String> pending,
                      List<String> notQueued, Map<String, Explanation> explain, Map<String, Long> weightedShares) {

    /** Why one workload waits, and with --explain what preemption would do for it. */
    record Explanation(PendingStatus status, PreemptionExplanation preemption) {
    }

    /**
     * One admitted workload, in the contract's shape; subrequests (per pod set, claim/request to the
     * firstAvailable subrequest charged) only when it has such requests, resourceUsage only with --explain.
     */
    record AdmittedWorkload(String clusterQueue, Map<String, Map<String, String>> podSets, Map<String, Integer> count,
                            Map<String, Map<String, String>> subrequests, Map<String, Map<String, String>> resourceUsage) {
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
            if (!a.subrequests().isEmpty()) {
                entry.put("subrequests", a.subrequests());
            }
            if (withExplain && !a.resourceUsage().isEmpty()) {
                entry.put("resourceUsage", a.resourceUsage());
            }
            admittedOut.put(key, entry);
        });
        out.put("admitted", admittedOut);
        out.put("preempted", preempted);
        out.put("pending", pending);
        if (!notQueued.isEmpty()) {
            out.put("notQueued", notQueued);
        }
        if (withExplain) {
            Map<String, Object> why = new LinkedHashMap<>();
            explain.forEach((key, e) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("reason", e.status().reason());
                entry.put("message", e.status().message());
                if (!e.preemption().wouldPreempt().isEmpty()) {
                    entry.put("wouldPreempt", e.preemption().wouldPreempt());
                }
                if (!e.preemption().blockedBy().isEmpty()) {
                    entry.put("preemptionBlockedBy", e.preemption().blockedBy());
                }
                why.put(key, entry);
            });
            out.put("explain", why);
            if (!weightedShares.isEmpty()) {
                out.put("weightedShare", weightedShares);
            }
        }
        return out;
    }
}
