package io.berth.api.io;

import io.berth.api.CountingUnits;
import io.berth.api.Quantity;
import io.berth.api.kueue.PodSet;
import io.berth.api.kueue.PodSetAssignment;
import io.berth.api.kueue.Workload;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Kueue's Workload validation: pod set count and names, counts, minCount, requests, admission names, admission gates. */
final class WorkloadRules {
    static final int MAX_POD_SETS = 18;
    private static final int MAX_GATE_LENGTH = 63;
    /** The path part of a domain-prefixed path, as Kubernetes checks it (Kueue reuses the check for gate names). */
    private static final Pattern HTTP_PATH = Pattern.compile("[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+");

    private WorkloadRules() {
    }

    static void workload(Workload w, Problems p) {
        admissionGates(w.admissionGatedBy(), p);
        if (w.maximumExecutionTimeSeconds() != null && w.maximumExecutionTimeSeconds() < 1) {
            p.add("spec.maximumExecutionTimeSeconds", "must be at least 1; found " + w.maximumExecutionTimeSeconds());
        }
        List<PodSet> podSets = w.podSets();
        if (podSets.isEmpty()) {
            p.add("spec.podSets", "at least one pod set is required");
        } else if (podSets.size() > MAX_POD_SETS) {
            p.add("spec.podSets", "at most " + MAX_POD_SETS + " pod sets are allowed; found " + podSets.size());
        }
        Map<String, String> namedAt = new LinkedHashMap<>();
        String minCountAt = null;
        for (int i = 0; i < podSets.size(); i++) {
            PodSet ps = podSets.get(i);
            String pp = "spec.podSets[" + i + "]";
            String previous = namedAt.putIfAbsent(ps.name(), pp);
            if (!YamlNode.isDnsLabel(ps.name())) {
                p.add(pp + ".name", "invalid pod set name \"" + ps.name() + "\": " + YamlNode.DNS_LABEL_EXPECTED);
            } else if (previous != null) {
                p.add(pp + ".name", "duplicate pod set name \"" + ps.name() + "\": already used by " + previous);
            }
            if (ps.count() < 0) {
                p.add(pp + ".count", "must be greater than or equal to 0; found " + ps.count());
            }
            if (ps.minCount() != null) {
                if (ps.minCount() < 1 || ps.minCount() > ps.count()) {
                    p.add(pp + ".minCount", "must be between 1 and count (" + ps.count() + "); found " + ps.minCount());
                }
                // Kueue's partial admission reduces a single pod set.
                if (minCountAt != null) {
                    p.add(pp + ".minCount", "only one pod set may set minCount; " + minCountAt + " already does");
                } else {
                    minCountAt = pp;
                }
            }
            if (ps.template() != null) {
                ps.template().requests().forEach((resource, amount) -> {
                    if (amount < 0) {
                        p.add(pp + ".template.spec", "requests must not be negative; found " + resource + " "
                                + Quantity.format(amount, resource) + " per pod");
                    }
                });
            }
        }
        reclaimablePods(w, p);
        if (w.admission() != null) {
            List<PodSetAssignment> assignments = w.admission().podSetAssignments();
            for (int j = 0; j < assignments.size(); j++) {
                String name = assignments.get(j).name();
                if (!namedAt.containsKey(name)) {
                    p.add("status.admission.podSetAssignments[" + j + "].name", "unknown pod set \"" + name
                            + "\"; expected one of " + String.join(", ", namedAt.keySet()));
                }
                usageDividesByCount(assignments.get(j), "status.admission.podSetAssignments[" + j + "]", p);
            }
        }
    }

    /**
     * An assignment's usage is per-pod usage times its count, so each amount is a multiple of the
     * count: of milli-units for cpu, of whole units (rounded up) for the others, as Kueue counts them.
     */
    private static void usageDividesByCount(PodSetAssignment a, String at, Problems p) {
        Integer count = a.count();
        if (count == null || count <= 0) {
            return;
        }
        new TreeMap<>(a.resourceUsage()).forEach((resource, millis) -> {
            long value = CountingUnits.KUEUE.fromMillis(resource, millis);
            if (value % count != 0) {
                p.add(at + ".resourceUsage[" + resource + "]", Quantity.format(millis, resource) + " is not a multiple of "
                        + "the count, " + count);
            }
        });
    }

    /**
     * The admission-gated-by annotation: comma-separated gate names, each a domain-prefixed path
     * ("example.com/controller") of at most 63 characters, none empty or repeated.
     */
    private static void admissionGates(String value, Problems p) {
        if (value.isBlank()) {
            return;
        }
        String field = "metadata.annotations[" + Workload.ADMISSION_GATED_BY + "]";
        Set<String> seen = new HashSet<>();
        for (String part : value.split(",", -1)) {
            String gate = part.strip();
            if (gate.isEmpty()) {
                p.add(field, "gate names must not be empty; found \"" + value + "\"");
            } else if (!seen.add(gate)) {
                p.add(field, "duplicate gate name \"" + gate + "\"");
            } else if (!isDomainPrefixedPath(gate)) {
                p.add(field, "invalid gate name \"" + gate + "\": expected a domain-prefixed path such as \"example.com/controller\"");
            } else if (gate.length() > MAX_GATE_LENGTH) {
                p.add(field, "gate name \"" + gate + "\" is longer than " + MAX_GATE_LENGTH + " characters");
            }
        }
    }

    private static boolean isDomainPrefixedPath(String s) {
        int slash = s.indexOf('/');
        return slash > 0 && slash < s.length() - 1 && YamlNode.isDnsSubdomain(s.substring(0, slash))
                && HTTP_PATH.matcher(s.substring(slash + 1)).matches();
    }

    /** status.reclaimablePods: each names a pod set of the workload, with at most its count (Kueue's webhook). */
    private static void reclaimablePods(Workload w, Problems p) {
        new TreeMap<>(w.reclaimablePods()).forEach((name, count) -> { // by name: the record keeps no order
            String at = "status.reclaimablePods[" + name + "]";
            PodSet ps = w.podSets().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
            if (ps == null) {
                p.add(at + ".name", "unknown pod set \"" + name + "\"; expected one of "
                        + String.join(", ", w.podSets().stream().map(PodSet::name).toList()));
            } else if (count < 0 || count > ps.count()) {
                p.add(at + ".count", "must be between 0 and the pod set's count (" + ps.count() + "); found " + count);
            }
        });
    }
}
