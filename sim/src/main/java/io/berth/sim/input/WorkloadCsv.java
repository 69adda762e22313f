package io.berth.sim.input;

import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimWorkload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Berth's own workload CSV, one workload of one pod set ({@code main}) per row:
 * <pre>
 * submit,duration,namespace,queue,priority,class,count,minCount,cpu,memory,gpu,gpuModels
 * 0,1h,team-a,research,100,large,4,2,8,32Gi,1,A100|H100
 * 1m30s,90,,research,,,,,500m,1Gi,0.5,
 * </pre>
 * Columns are found by name, in any order; {@code submit}, {@code duration} and {@code queue} are
 * required, the others may be left out of the header or left empty. submit and duration: plain
 * seconds ("90", "1.5") or a duration ("1m30s", "250ms"); namespace (default {@code default});
 * queue: the LocalQueue; priority (default 0); class (default {@code default}); count (default 1)
 * and minCount (partial admission, default none); cpu, memory, gpu: Kubernetes quantities per pod
 * (gpu below 1 is a share of one GPU, e.g. 0.5; above 1 it must be whole; empty or 0: none);
 * gpuModels: acceptable GPU models, '|'-separated. Each workload is named {@code row-<line>}.
 * Unknown columns are an error (a misspelt column would otherwise be ignored). Workloads come back
 * in submission order (file order among equal times).
 */
public final class WorkloadCsv {
    public static final List<String> COLUMNS = List.of("submit", "duration", "namespace", "queue", "priority", "class",
            "count", "minCount", "cpu", "memory", "gpu", "gpuModels");
    static final List<String> REQUIRED = List.of("submit", "duration", "queue");
    public static final String DEFAULT_NAMESPACE = "default";
    public static final String DEFAULT_CLASS = "default";

    private WorkloadCsv() {
    }

    public static ReadResult<SimWorkload> read(Path csv, BadRowPolicy policy) {
        CsvTable table = CsvTable.read(csv, REQUIRED, COLUMNS);
        BadRows bad = new BadRows(policy);
        List<SimWorkload> workloads = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            RowCheck c = new RowCheck(row);
            if (!c.sizeMatches(table.header().size())) { // values of a short or long row may be in the wrong columns
                bad.skip(c.errors());
                continue;
            }
            SimWorkload w = workload(c);
            if (c.ok()) {
                workloads.add(w);
            } else {
                bad.skip(c.errors());
            }
        }
        workloads.sort(Comparator.comparingLong(SimWorkload::submitMillis));
        return bad.result(workloads);
    }

    private static SimWorkload workload(RowCheck c) {
        String name = "row-" + c.line();
        Long submit = c.offset("submit", true);
        Long duration = c.offset("duration", true);
        String namespace = c.text("namespace");
        if (namespace == null) {
            namespace = DEFAULT_NAMESPACE;
        } else if (!Values.isDnsLabel(namespace)) {
            c.error("namespace", "invalid namespace " + Values.quote(namespace)
                    + ": expected a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)");
        }
        String queue = c.required("queue", "the name of a LocalQueue");
        if (queue != null && !Values.isDnsSubdomain(queue)) {
            c.error("queue", "invalid LocalQueue name " + Values.quote(queue)
                    + ": expected a DNS-1123 subdomain (lowercase letters, digits, '-' and '.')");
        }
        Integer priority = priority(c);
        String workloadClass = c.text("class");
        Long count = c.whole("count", 1, false);
        Long minCount = c.whole("minCount", 1, false);
        long pods = count == null ? 1 : count;
        if (pods > Integer.MAX_VALUE) {
            c.error("count", "expected at most " + Integer.MAX_VALUE + " pods, found " + pods);
        }
        if (minCount != null && minCount > pods) {
            c.error("minCount", "expected at most count (" + pods + "), found " + minCount);
        }
        Map<String, Long> requests = new LinkedHashMap<>();
        Long cpu = c.quantity("cpu");
        Long memory = c.quantity("memory");
        Long gpu = c.quantity("gpu");
        if (gpu != null && gpu > 1000 && gpu % 1000 != 0) {
            c.error("gpu", "a share of a GPU must be less than 1 and more than one GPU must be whole; found "
                    + c.text("gpu"));
        }
        if (cpu != null) {
            requests.put("cpu", cpu);
        }
        if (memory != null) {
            requests.put("memory", memory);
        }
        if (gpu != null && gpu > 0) {
            requests.put(SimPodSet.GPU, gpu);
        }
        List<String> models = models(c.text("gpuModels"));
        if (!c.ok()) {
            return null;
        }
        SimPodSet main = new SimPodSet("main", (int) pods, minCount == null ? null : minCount.intValue(), requests,
                models, null, null);
        return new SimWorkload(namespace, name, queue, priority == null ? 0 : priority,
                workloadClass == null ? DEFAULT_CLASS : workloadClass, submit, duration, List.of(main));
    }

    private static Integer priority(RowCheck c) {
        String v = c.text("priority");
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            c.error("priority", "expected a whole number (32-bit), found " + Values.quote(v));
            return null;
        }
    }

    private static List<String> models(String text) {
        if (text == null) {
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        Arrays.stream(text.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return List.copyOf(out);
    }
}
