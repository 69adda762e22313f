package io.berth.sim.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Several named runs side by side (e.g. policy variants on the same trace): a table of the main
 * figures with one column per variant, a table of mean / p95 time to admission per ClusterQueue,
 * and an HTML section with charts overlaying the variants.
 */
public final class Comparison {
    private final List<Variant> variants;

    public Comparison(List<Variant> variants) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: no variants");
        }
        Set<String> names = new HashSet<>();
        for (Variant v : variants) {
            if (!names.add(v.name())) {
                throw new IllegalArgumentException("two variants are named " + v.name());
            }
        }
        this.variants = List.copyOf(variants);
    }

    public static Comparison of(List<Variant> variants) {
        return new Comparison(variants);
    }

    public List<Variant> variants() {
        return variants;
    }

    /** Both tables as plain text. */
    public String table() {
        return figuresTable().render() + "\n" + clusterQueueTable().render();
    }

    /** The main figures: one row per figure, one column per variant. */
    TextTable figuresTable() {
        List<String> header = new ArrayList<>();
        header.add("figure");
        variants.forEach(v -> header.add(v.name()));
        TextTable t = new TextTable(header);
        row(t, "workloads", m -> Integer.toString(m.overall().count()));
        row(t, "admitted", m -> Integer.toString(m.overall().admitted()));
        row(t, "finished", m -> Integer.toString(m.overall().finished()));
        row(t, "makespan (s)", m -> Fmt.fixed(m.overall().makespanSeconds(), 1));
        row(t, "wait mean (s)", m -> Fmt.fixed(m.overall().timeToAdmission().mean(), 1));
        row(t, "wait p50 (s)", m -> Fmt.fixed(m.overall().timeToAdmission().p50(), 1));
        row(t, "wait p95 (s)", m -> Fmt.fixed(m.overall().timeToAdmission().p95(), 1));
        row(t, "wait p99 (s)", m -> Fmt.fixed(m.overall().timeToAdmission().p99(), 1));
        row(t, "JCT mean (s)", m -> Fmt.fixed(m.overall().completionTime().mean(), 1));
        row(t, "JCT p95 (s)", m -> Fmt.fixed(m.overall().completionTime().p95(), 1));
        for (String r : Metrics.RESOURCES) {
            if (variants.stream().anyMatch(v -> v.metrics().utilization().meanPct().get(r) != null)) {
                row(t, r + " utilization %", m -> Fmt.fixed(m.utilization().meanPct().get(r), 1));
            }
        }
        row(t, "idle cpu while pending (core-h)", m -> Fmt.fixed(m.idleWhilePending().cpuCoreHours(), 2));
        row(t, "idle GPUs while pending (GPU-h)", m -> Fmt.fixed(m.idleWhilePending().gpuHours(), 2));
        row(t, "preemptions", m -> Integer.toString(m.disruption().preemptions()));
        row(t, "evictions", m -> Integer.toString(m.disruption().evictions()));
        row(t, "lost cpu (core-h)", m -> Fmt.fixed(m.disruption().lostCpuHours(), 2));
        row(t, "lost GPU (GPU-h)", m -> Fmt.fixed(m.disruption().lostGpuHours(), 2));
        row(t, "Jain's fairness index", m -> Fmt.fixed(m.fairness().jainIndex(), 4));
        if (variants.stream().anyMatch(v -> v.metrics().meanFragmentedGpus() != null)) {
            row(t, "mean fragmented GPUs", m -> Fmt.fixed(m.meanFragmentedGpus(), 2));
        }
        if (variants.stream().anyMatch(v -> v.metrics().devices() != null)) {
            row(t, "GPU devices allocated %", m -> m.devices() == null ? "-" : Fmt.fixed(m.devices().meanUtilizationPct(), 1));
            row(t, "GPU fragmentation %", m -> m.devices() == null ? "-" : Fmt.fixed(m.devices().meanFragmentationPct(), 1));
        }
        Set<String> cqClasses = new TreeSet<>();
        Set<String> wlClasses = new TreeSet<>();
        variants.forEach(v -> {
            cqClasses.addAll(v.metrics().clusterQueueClassUsage().keySet());
            wlClasses.addAll(v.metrics().workloadClassFigures().keySet());
        });
        if (cqClasses.size() <= Charts.MAX_SERIES) {
            for (String c : cqClasses) {
                row(t, "usage % of ClusterQueue class " + c, m -> {
                    QueueClassUsage u = m.clusterQueueClassUsage().get(c);
                    return u == null ? "-" : Fmt.fixed(u.usagePct(), 1);
                });
            }
        }
        for (String c : wlClasses) {
            row(t, "avg time to admission of class " + c + " (s)", m -> {
                WorkloadClassFigures f = m.workloadClassFigures().get(c);
                return f == null || f.averageTimeToAdmissionMs() == null ? "-"
                        : Fmt.fixed(f.averageTimeToAdmissionMs() / 1000.0, 1);
            });
        }
        return t;
    }

    private void row(TextTable t, String label, Function<Metrics, String> value) {
        List<String> cells = new ArrayList<>();
        cells.add(label);
        variants.forEach(v -> cells.add(value.apply(v.metrics())));
        t.row(cells);
    }

    /** Mean and p95 time to admission per ClusterQueue, two columns per variant. */
    TextTable clusterQueueTable() {
        List<String> header = new ArrayList<>();
        header.add("ClusterQueue");
        for (Variant v : variants) {
            header.add(v.name() + " wait mean");
            header.add(v.name() + " p95");
        }
        TextTable t = new TextTable(header);
        Set<String> queues = new TreeSet<>();
        variants.forEach(v -> queues.addAll(v.metrics().byClusterQueue().keySet()));
        for (String q : queues) {
            List<String> cells = new ArrayList<>();
            cells.add(q);
            for (Variant v : variants) {
                GroupStats g = v.metrics().byClusterQueue().get(q);
                cells.add(g == null ? "-" : Fmt.fixed(g.timeToAdmission().mean(), 1));
                cells.add(g == null ? "-" : Fmt.fixed(g.timeToAdmission().p95(), 1));
            }
            t.row(cells);
        }
        return t;
    }

    /** The comparison as an HTML section (id "comparison") with its tables and charts. */
    public String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<section id=\"comparison\">\n<h2>Comparison of ").append(variants.size())
                .append(" variants</h2>\n");
        Html.table(sb, figuresTable());
        sb.append("<h3>Time to admission</h3>\n");
        Html.chart(sb, Charts.waitBars(variants), "Mean and p95 time to admission per variant");
        Html.chart(sb, Charts.waitCdfOverlay(variants), "Time to admission per variant (CDF)");
        sb.append("<h3>Utilization</h3>\n");
        Html.chart(sb, Charts.utilizationBars(variants), "Mean utilization per variant");
        for (String r : Metrics.RESOURCES) {
            if (variants.stream().anyMatch(v -> !v.metrics().timeline().utilizationPct().get(r).isEmpty())) {
                Html.chart(sb, Charts.utilizationOverlay(variants, r), r + " utilization per variant");
            }
        }
        sb.append("<h3>Time to admission per ClusterQueue (s)</h3>\n");
        Html.table(sb, clusterQueueTable());
        sb.append("</section>\n");
        return sb.toString();
    }
}
