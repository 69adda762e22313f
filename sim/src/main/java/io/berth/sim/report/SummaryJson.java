package io.berth.sim.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * summary.json: the {@link Metrics} as pretty JSON with stable keys in a fixed order (documented in
 * docs/simulate.md, "Outputs"). Seconds carry 3 decimals (ms), percentages 2, hours 3, ratios 4;
 * a figure that does not exist (no sample, zero capacity) is null, never omitted.
 */
public final class SummaryJson {
    /** Version of the layout below; bumped on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;
    /** The top-level keys, in order. */
    public static final List<String> KEYS = List.of("schemaVersion", "run", "overall", "workloadClasses",
            "clusterQueues", "localQueues", "kueuePerf", "utilization", "idleCapacityWhilePending", "disruption",
            "fairness", "gpuFragmentation", "devices", "timeSeries");
    /** Keys of each group object (overall, workloadClasses.*, clusterQueues.*, localQueues.*). */
    public static final List<String> GROUP_KEYS = List.of("count", "admitted", "finished", "preemptions",
            "evictions", "timeToAdmissionSeconds", "completionTimeSeconds", "makespanSeconds");
    /** Keys of each distribution object (timeToAdmissionSeconds, completionTimeSeconds). */
    public static final List<String> DISTRIBUTION_KEYS = List.of("n", "mean", "min", "p50", "p95", "p99", "max");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private SummaryJson() {
    }

    public static void write(Metrics m, Path file) throws IOException {
        Files.writeString(file, toJson(m), StandardCharsets.UTF_8);
    }

    /** The pretty-printed document, ending with a newline. */
    public static String toJson(Metrics m) {
        try {
            return MAPPER.writeValueAsString(tree(m)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as a Jackson tree (keys in their documented order). */
    public static ObjectNode tree(Metrics m) {
        ObjectNode root = F.objectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.set("run", run(m.run()));
        root.set("overall", group(m.overall()));
        root.set("workloadClasses", groups(m.byClass()));
        root.set("clusterQueues", groups(m.byClusterQueue()));
        root.set("localQueues", groups(m.byLocalQueue()));
        root.set("kueuePerf", kueuePerf(m));
        root.set("utilization", utilization(m.utilization()));
        root.set("idleCapacityWhilePending", idle(m.idleWhilePending()));
        root.set("disruption", disruption(m.disruption()));
        root.set("fairness", fairness(m.fairness()));
        ObjectNode frag = F.objectNode();
        frag.put("meanFragmentedGpus", Fmt.round(m.meanFragmentedGpus(), 3));
        root.set("gpuFragmentation", frag);
        root.set("devices", devices(m.devices()));
        root.set("timeSeries", timeSeries(m.timeline()));
        return root;
    }

    private static ObjectNode run(RunInfo r) {
        ObjectNode o = F.objectNode();
        o.put("startMillis", r.startMillis());
        o.put("endMillis", r.endMillis());
        o.put("durationSeconds", Fmt.round(r.durationSeconds(), 3));
        o.put("cycles", r.cycles());
        o.put("events", r.events());
        o.put("workloads", r.workloads());
        return o;
    }

    private static ObjectNode groups(Map<String, GroupStats> groups) {
        ObjectNode o = F.objectNode();
        groups.forEach((name, g) -> o.set(name, group(g)));
        return o;
    }

    private static ObjectNode group(GroupStats g) {
        ObjectNode o = F.objectNode();
        o.put("count", g.count());
        o.put("admitted", g.admitted());
        o.put("finished", g.finished());
        o.put("preemptions", g.preemptions());
        o.put("evictions", g.evictions());
        o.set("timeToAdmissionSeconds", distribution(g.timeToAdmission()));
        o.set("completionTimeSeconds", distribution(g.completionTime()));
        o.put("makespanSeconds", Fmt.round(g.makespanSeconds(), 3));
        return o;
    }

    private static ObjectNode distribution(Distribution d) {
        ObjectNode o = F.objectNode();
        o.put("n", d.n());
        o.put("mean", Fmt.round(d.mean(), 3));
        o.put("min", Fmt.round(d.min(), 3));
        o.put("p50", Fmt.round(d.p50(), 3));
        o.put("p95", Fmt.round(d.p95(), 3));
        o.put("p99", Fmt.round(d.p99(), 3));
        o.put("max", Fmt.round(d.max(), 3));
        return o;
    }

    private static ObjectNode kueuePerf(Metrics m) {
        ObjectNode o = F.objectNode();
        Long wall = m.run().wallMillis();
        if (wall == null) {
            o.putNull("wallMs");
        } else {
            o.put("wallMs", wall);
        }
        ObjectNode cqClasses = F.objectNode();
        m.clusterQueueClassUsage().forEach((name, u) -> {
            ObjectNode c = F.objectNode();
            c.put("clusterQueues", u.clusterQueues().size());
            c.put("nominalCpu", Fmt.round(u.nominalCpuMilli() / 1000.0, 3));
            c.put("cpuUsedCoreSeconds", Fmt.round(u.cpuMilliMillisUsed() / 1_000_000.0, 3));
            c.put("monitorSeconds", Fmt.round(u.monitorSeconds(), 3));
            c.put("usagePct", Fmt.round(u.usagePct(), 2));
            cqClasses.set(name, c);
        });
        o.set("clusterQueueClasses", cqClasses);
        ObjectNode wlClasses = F.objectNode();
        m.workloadClassFigures().forEach((name, w) -> {
            ObjectNode c = F.objectNode();
            c.put("count", w.count());
            c.put("averageTimeToAdmissionMs", Fmt.round(w.averageTimeToAdmissionMs(), 0));
            c.put("averageTimeToFinishMs", Fmt.round(w.averageTimeToFinishMs(), 0));
            c.put("totalEvictions", w.totalEvictions());
            wlClasses.set(name, c);
        });
        o.set("workloadClasses", wlClasses);
        return o;
    }

    private static ObjectNode utilization(Utilization u) {
        ObjectNode o = F.objectNode();
        o.put("capacitySource", u.capacitySource());
        ObjectNode cap = F.objectNode();
        cap.put("cpu", Fmt.round(u.capacity().get(Metrics.CPU), 3));
        cap.put("memoryGiB", Fmt.round(u.capacity().get(Metrics.MEMORY), 3));
        cap.put(Metrics.GPU, Fmt.round(u.capacity().get(Metrics.GPU), 3));
        o.set("capacity", cap);
        o.set("meanPct", perResource(u.meanPct(), 2));
        o.set("peakPct", perResource(u.peakPct(), 2));
        return o;
    }

    private static ObjectNode perResource(Map<String, Double> values, int decimals) {
        ObjectNode o = F.objectNode();
        for (String r : Metrics.RESOURCES) {
            o.put(r, Fmt.round(values.get(r), decimals));
        }
        return o;
    }

    private static ObjectNode idle(IdleCapacity i) {
        ObjectNode o = F.objectNode();
        o.put("pendingHours", Fmt.round(i.pendingHours(), 3));
        o.put("cpuCoreHours", Fmt.round(i.cpuCoreHours(), 3));
        o.put("memoryGiBHours", Fmt.round(i.memoryGiBHours(), 3));
        o.put("gpuHours", Fmt.round(i.gpuHours(), 3));
        return o;
    }

    private static ObjectNode disruption(Disruption d) {
        ObjectNode o = F.objectNode();
        o.put("preemptions", d.preemptions());
        o.put("evictions", d.evictions());
        o.put("disruptedWorkloads", d.disruptedWorkloads());
        o.put("lostCpuHours", Fmt.round(d.lostCpuHours(), 3));
        o.put("lostGpuHours", Fmt.round(d.lostGpuHours(), 3));
        return o;
    }

    private static ObjectNode fairness(Fairness f) {
        ObjectNode o = F.objectNode();
        o.put("resource", f.resource());
        o.put("jainIndex", Fmt.round(f.jainIndex(), 4));
        ObjectNode queues = F.objectNode();
        f.byClusterQueue().forEach((name, s) -> {
            ObjectNode q = F.objectNode();
            q.put("usedHours", Fmt.round(s.usedHours(), 3));
            q.put("share", Fmt.round(s.share(), 4));
            q.put("entitlement", Fmt.round(s.entitlement(), 4));
            q.put("ratio", Fmt.round(s.ratio(), 4));
            queues.set(name, q);
        });
        o.set("clusterQueues", queues);
        return o;
    }

    /** GPU devices: placement, utilization and fragmentation (series over the timeline's buckets); null without GPUs. */
    private static com.fasterxml.jackson.databind.JsonNode devices(DeviceUsage d) {
        if (d == null) {
            return F.nullNode();
        }
        ObjectNode o = F.objectNode();
        o.put("placement", d.placement());
        o.put("gpus", d.gpus());
        ObjectNode util = F.objectNode();
        util.put("meanPct", Fmt.round(d.meanUtilizationPct(), 2));
        util.put("peakPct", Fmt.round(d.peakUtilizationPct(), 2));
        o.set("utilization", util);
        ObjectNode frag = F.objectNode();
        frag.put("meanPct", Fmt.round(d.meanFragmentationPct(), 2));
        frag.put("peakPct", Fmt.round(d.peakFragmentationPct(), 2));
        o.set("fragmentation", frag);
        if ("dra".equals(d.placement())) {
            ObjectNode a = F.objectNode();
            a.put("attempts", d.attempts());
            a.put("refusals", d.refusals());
            a.put("errors", d.errors());
            a.put("firstError", d.firstError());
            o.set("allocator", a);
        } else {
            o.putNull("allocator");
        }
        o.set("utilizationPct", array(d.utilizationPct(), 2));
        o.set("fragmentationPct", array(d.fragmentationPct(), 2));
        return o;
    }

    private static ObjectNode timeSeries(Timeline t) {
        ObjectNode o = F.objectNode();
        o.put("buckets", t.buckets());
        o.put("bucketSeconds", Fmt.round(t.bucketMillis() / 1000.0, 3));
        ArrayNode times = F.arrayNode();
        for (int i = 0; i < t.buckets(); i++) {
            times.add(Fmt.round(t.bucketStartSeconds(i), 3));
        }
        o.set("t", times);
        ObjectNode util = F.objectNode();
        for (String r : Metrics.RESOURCES) {
            List<Double> series = t.utilizationPct().get(r);
            if (series == null || series.isEmpty()) {
                util.putNull(r);
            } else {
                util.set(r, array(series, 2));
            }
        }
        o.set("utilizationPct", util);
        o.set("pendingTotal", array(t.pendingTotal(), 2));
        ObjectNode pending = F.objectNode();
        t.pendingByClusterQueue().forEach((cq, series) -> pending.set(cq, array(series, 2)));
        o.set("pendingByClusterQueue", pending);
        return o;
    }

    private static ArrayNode array(List<Double> values, int decimals) {
        ArrayNode a = F.arrayNode();
        values.forEach(v -> a.add(Fmt.round(v, decimals)));
        return a;
    }
}
