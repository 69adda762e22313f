package io.berth.sim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The main figures as plain text for a terminal: a few summary lines, then aligned tables per
 * ClusterQueue and per workload class (times in seconds), and Kueue's perf-checker figures.
 */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static String render(Metrics m) {
        return render(m, Integer.MAX_VALUE);
    }

    /** maxRows: at most this many rows per table (the rest summarised in one line). */
    public static String render(Metrics m, int maxRows) {
        StringBuilder sb = new StringBuilder();
        for (String line : headline(m)) {
            sb.append(line).append('\n');
        }
        sb.append('\n').append("ClusterQueues\n");
        append(sb, clusterQueueTable(m), maxRows);
        sb.append('\n').append("Workload classes\n");
        append(sb, classTable(m), maxRows);
        if (!m.clusterQueueClassUsage().isEmpty()) {
            sb.append('\n').append("Kueue perf figures (wall ").append(wallText(m)).append(")\n");
            append(sb, kueueTable(m), maxRows);
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, TextTable t, int maxRows) {
        if (t.size() <= maxRows) {
            sb.append(t.render());
            return;
        }
        TextTable cut = new TextTable(t.header());
        t.rows().subList(0, maxRows).forEach(cut::row);
        sb.append(cut.render()).append("... ").append(t.size() - maxRows).append(" more\n");
    }

    static String wallText(Metrics m) {
        return m.run().wallMillis() == null ? "-" : Fmt.fixed(m.run().wallMillis() / 1000.0, 1) + " s";
    }

    /** The summary lines above the tables. */
    static List<String> headline(Metrics m) {
        List<String> out = new ArrayList<>();
        GroupStats all = m.overall();
        out.add(String.format(Locale.ROOT,
                "Run: %s s simulated, %d workloads (%d admitted, %d finished), %d cycles, %d events",
                Fmt.fixed(m.run().durationSeconds(), 1), all.count(), all.admitted(), all.finished(), m.run().cycles(),
                m.run().events()));
        out.add("Time to admission (s): mean " + Fmt.fixed(all.timeToAdmission().mean(), 1) + ", p50 "
                + Fmt.fixed(all.timeToAdmission().p50(), 1) + ", p95 " + Fmt.fixed(all.timeToAdmission().p95(), 1)
                + ", p99 " + Fmt.fixed(all.timeToAdmission().p99(), 1) + "; completion time mean "
                + Fmt.fixed(all.completionTime().mean(), 1) + ", p95 " + Fmt.fixed(all.completionTime().p95(), 1)
                + "; makespan " + Fmt.fixed(all.makespanSeconds(), 1));
        Utilization u = m.utilization();
        List<String> parts = new ArrayList<>();
        for (String r : Metrics.RESOURCES) {
            if (u.meanPct().get(r) != null) {
                parts.add(r + " " + Fmt.fixed(u.meanPct().get(r), 1) + " % (peak " + Fmt.fixed(u.peakPct().get(r), 1)
                        + " %)");
            }
        }
        out.add("Utilization (capacity from " + u.capacitySource() + "): "
                + (parts.isEmpty() ? "-" : String.join(", ", parts)));
        IdleCapacity i = m.idleWhilePending();
        out.add("Idle while pending (" + Fmt.fixed(i.pendingHours(), 2) + " h with work pending): "
                + Fmt.fixed(i.cpuCoreHours(), 2) + " cpu core-h, " + Fmt.fixed(i.memoryGiBHours(), 2) + " GiB-h, "
                + Fmt.fixed(i.gpuHours(), 2) + " GPU-h");
        Disruption d = m.disruption();
        out.add("Disruption: " + d.preemptions() + " preemptions, " + d.evictions() + " evictions ("
                + d.disruptedWorkloads() + " workloads), lost " + Fmt.fixed(d.lostCpuHours(), 2) + " cpu core-h, "
                + Fmt.fixed(d.lostGpuHours(), 2) + " GPU-h");
        out.add("Fairness on " + m.fairness().resource() + ": Jain's index " + Fmt.fixed(m.fairness().jainIndex(), 4)
                + (m.meanFragmentedGpus() == null ? ""
                        : "; mean fragmented GPUs " + Fmt.fixed(m.meanFragmentedGpus(), 2)));
        DeviceUsage dev = m.devices();
        if (dev != null) {
            out.add("Devices (" + dev.placement() + " placement, " + dev.gpus() + " GPUs): allocated "
                    + Fmt.fixed(dev.meanUtilizationPct(), 1) + " % (peak " + Fmt.fixed(dev.peakUtilizationPct(), 1)
                    + " %), fragmentation " + Fmt.fixed(dev.meanFragmentationPct(), 1) + " % of free capacity on partly "
                    + "used GPUs (peak " + Fmt.fixed(dev.peakFragmentationPct(), 1) + " %)"
                    + ("dra".equals(dev.placement()) ? "; allocator " + dev.attempts() + " runs, " + dev.refusals()
                            + " refused, " + dev.errors() + " errors" : "")
                    + (dev.firstError() == null ? "" : "; first error: " + dev.firstError()));
        }
        return out;
    }

    static TextTable clusterQueueTable(Metrics m) {
        TextTable t = new TextTable("ClusterQueue", "workloads", "admitted", "finished", "wait mean", "p50", "p95",
                "p99", "JCT mean", "JCT p95", "preempted", "share %", "entitled %");
        for (Map.Entry<String, GroupStats> e : m.byClusterQueue().entrySet()) {
            FairShare f = m.fairness().byClusterQueue().get(e.getKey());
            List<String> cells = new ArrayList<>(groupCells(e.getValue()));
            cells.add(f == null ? "-" : Fmt.fixed(f.share() * 100, 1));
            cells.add(f == null ? "-" : Fmt.fixed(f.entitlement() * 100, 1));
            t.row(cells);
        }
        return t;
    }

    static TextTable classTable(Metrics m) {
        TextTable t = new TextTable("class", "workloads", "admitted", "finished", "wait mean", "p50", "p95", "p99",
                "JCT mean", "JCT p95", "preempted", "makespan");
        for (Map.Entry<String, GroupStats> e : m.byClass().entrySet()) {
            List<String> cells = new ArrayList<>(groupCells(e.getValue()));
            cells.add(Fmt.fixed(e.getValue().makespanSeconds(), 1));
            t.row(cells);
        }
        return t;
    }

    static TextTable kueueTable(Metrics m) {
        TextTable t = new TextTable("ClusterQueue class", "queues", "nominal cpu", "usage %");
        m.clusterQueueClassUsage().forEach((name, u) -> t.row(name, Integer.toString(u.clusterQueues().size()),
                Fmt.fixed(u.nominalCpuMilli() / 1000.0, 1), Fmt.fixed(u.usagePct(), 1)));
        return t;
    }

    private static List<String> groupCells(GroupStats g) {
        Distribution w = g.timeToAdmission();
        Distribution c = g.completionTime();
        return List.of(g.name(), Integer.toString(g.count()), Integer.toString(g.admitted()),
                Integer.toString(g.finished()), Fmt.fixed(w.mean(), 1), Fmt.fixed(w.p50(), 1), Fmt.fixed(w.p95(), 1),
                Fmt.fixed(w.p99(), 1), Fmt.fixed(c.mean(), 1), Fmt.fixed(c.p95(), 1),
                Integer.toString(g.preemptions()));
    }
}
