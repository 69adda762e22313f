package io.berth.sim.report;

import io.berth.sim.model.SimResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * report.html: one self-contained page (inline CSS, charts as PNG data URIs, no scripts and no
 * external resources) for one run or several variants. With several variants a comparison section
 * comes first, then one section per variant: headline figures, utilization over time, pending
 * workloads per ClusterQueue over time, time-to-admission CDFs per ClusterQueue, and the tables.
 * The same input gives the same page.
 */
public final class HtmlReport {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    public static final String TITLE = "Berth simulation report";

    private HtmlReport() {
    }

    public static void write(Path file, String name, SimResult result, Metrics metrics) throws IOException {
        write(file, List.of(new Variant(name, result, metrics)));
    }

    public static void write(Path file, List<Variant> variants) throws IOException {
        Files.writeString(file, render(variants), StandardCharsets.UTF_8);
    }

    public static String render(List<Variant> variants) {
        Comparison comparison = new Comparison(variants); // validates: non-empty, unique names
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(TITLE).append("</title>\n<style>\n").append(Html.STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(TITLE).append("</h1>\n");
        if (variants.size() > 1) {
            sb.append("<nav><a href=\"#comparison\">comparison</a>");
            for (int i = 0; i < variants.size(); i++) {
                sb.append("<a href=\"#variant-").append(i).append("\">").append(Html.esc(variants.get(i).name()))
                        .append("</a>");
            }
            sb.append("</nav>\n");
            sb.append(comparison.html());
        }
        for (int i = 0; i < variants.size(); i++) {
            variant(sb, i, variants.get(i));
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void variant(StringBuilder sb, int index, Variant v) {
        Metrics m = v.metrics();
        sb.append("<section id=\"variant-").append(index).append("\">\n<h2>").append(Html.esc(v.name()))
                .append("</h2>\n<ul class=\"headline\">\n");
        for (String line : SummaryTable.headline(m)) {
            sb.append("<li>").append(Html.esc(line)).append("</li>\n");
        }
        sb.append("</ul>\n<h3>Utilization over time</h3>\n");
        Html.chart(sb, Charts.utilization(m.timeline(), "Cluster utilization (" + m.utilization().capacitySource()
                + " capacity)"), "Utilization over time");
        if (m.devices() != null) {
            sb.append("<h3>GPU devices over time</h3>\n");
            Html.chart(sb, Charts.devices(m.timeline(), m.devices(), "GPU devices (" + m.devices().placement()
                    + " placement): allocated and fragmented"), "GPU device allocation and fragmentation over time");
        }
        sb.append("<h3>Pending workloads per ClusterQueue</h3>\n");
        Html.chart(sb, Charts.pending(m.timeline(), "Pending workloads per ClusterQueue"),
                "Pending workloads per ClusterQueue over time");
        if (m.timeline().pendingByClusterQueue().size() > Charts.MAX_SERIES) {
            Html.chart(sb, Charts.pendingTotal(m.timeline(), "Pending workloads, all "
                    + m.timeline().pendingByClusterQueue().size() + " ClusterQueues"),
                    "All pending workloads over time");
        }
        sb.append("<h3>Time to admission per ClusterQueue</h3>\n");
        Html.chart(sb, Charts.waitCdf(Charts.waitsByClusterQueue(v.result().workloads()),
                Charts.allWaits(v.result().workloads()), "Time to admission per ClusterQueue (CDF)"),
                "Time to admission per ClusterQueue");
        sb.append("<h3>ClusterQueues (times in seconds)</h3>\n");
        Html.table(sb, SummaryTable.clusterQueueTable(m));
        sb.append("<h3>Workload classes (times in seconds)</h3>\n");
        Html.table(sb, SummaryTable.classTable(m));
        if (!m.clusterQueueClassUsage().isEmpty()) {
            sb.append("<h3>Kueue perf figures (wall ").append(Html.esc(SummaryTable.wallText(m))).append(")</h3>\n");
            Html.table(sb, SummaryTable.kueueTable(m));
        }
        sb.append("<details>\n<summary>LocalQueues (").append(m.byLocalQueue().size()).append(")</summary>\n");
        Html.table(sb, localQueueTable(m));
        sb.append("</details>\n</section>\n");
    }

    private static TextTable localQueueTable(Metrics m) {
        TextTable t = new TextTable("LocalQueue", "workloads", "admitted", "finished", "wait mean", "p95", "p99",
                "JCT mean");
        m.byLocalQueue().forEach((name, g) -> t.row(name, Integer.toString(g.count()), Integer.toString(g.admitted()),
                Integer.toString(g.finished()), Fmt.fixed(g.timeToAdmission().mean(), 1),
                Fmt.fixed(g.timeToAdmission().p95(), 1), Fmt.fixed(g.timeToAdmission().p99(), 1),
                Fmt.fixed(g.completionTime().mean(), 1)));
        return t;
    }
}
