package io.berth.sim.report;

import io.berth.sim.model.WorkloadRecord;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart off-screen (java.awt.headless=true, set before any AWT
 * class loads) and returned as PNG data URIs. A chart with nothing to draw is null.
 */
final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    static final int WIDTH = 960;
    static final int HEIGHT = 360;
    /** At most this many lines per chart; the rest is summed (pending) or left out (wait CDFs). */
    static final int MAX_SERIES = 10;
    private static final int CDF_POINTS = 400;
    private static final String ALL = "(all)";

    private Charts() {
    }

    /** The x-axis unit for a run of the given length: seconds up to 2 h, hours up to 2 days, else days. */
    record TimeAxis(double millisPerUnit, String unit) {
        static TimeAxis forDuration(double millis) {
            if (millis <= 2 * 3_600_000.0) {
                return new TimeAxis(1000.0, "s");
            }
            if (millis <= 48 * 3_600_000.0) {
                return new TimeAxis(3_600_000.0, "h");
            }
            return new TimeAxis(86_400_000.0, "days");
        }
    }

    static String dataUri(Chart<?, ?> chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return c;
    }

    private static CategoryChart bars(String title, String xTitle, String yTitle) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(c.getStyler());
        return c;
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setMarkerSize(0);
        s.setYAxisMin(0.0);
        s.setChartPadding(12);
    }

    /**
     * A bucketed series as a step line: one flat segment per run of equal values, vertical jumps
     * between runs. An extra point a third into the first bucket keeps the x values unevenly
     * spaced, else XChart would put a tick label at every point.
     */
    static double[][] steps(List<Double> series, double bucketMillis, TimeAxis axis) {
        List<double[]> points = new ArrayList<>();
        double w = bucketMillis / axis.millisPerUnit();
        int i = 0;
        while (i < series.size()) {
            double v = value(series.get(i));
            int j = i;
            while (j + 1 < series.size() && value(series.get(j + 1)) == v) {
                j++;
            }
            points.add(new double[] {i * w, v});
            if (i == 0) {
                points.add(new double[] {w / 3, v});
            }
            points.add(new double[] {(j + 1) * w, v});
            i = j + 1;
        }
        double[][] xy = new double[2][points.size()];
        for (int k = 0; k < points.size(); k++) {
            xy[0][k] = points.get(k)[0];
            xy[1][k] = points.get(k)[1];
        }
        return xy;
    }

    private static double value(Double v) {
        return v == null ? 0 : v;
    }

    private static XYChart timeChart(String title, String yTitle, double durationMillis) {
        TimeAxis axis = TimeAxis.forDuration(durationMillis);
        XYChart c = xy(title, "time (" + axis.unit() + ")", yTitle);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(durationMillis / axis.millisPerUnit());
        return c;
    }

    private static void line(XYChart c, String name, double[] x, double[] y) {
        c.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }

    /** Used / capacity per resource over time, in percent. */
    static String utilization(Timeline t, String title) {
        if (t.buckets() == 0) {
            return null;
        }
        double duration = t.bucketMillis() * t.buckets();
        XYChart c = timeChart(title, "used / capacity (%)", duration);
        TimeAxis axis = TimeAxis.forDuration(duration);
        int added = 0;
        for (Map.Entry<String, List<Double>> e : t.utilizationPct().entrySet()) {
            if (!e.getValue().isEmpty()) {
                double[][] xy = steps(e.getValue(), t.bucketMillis(), axis);
                line(c, e.getKey(), xy[0], xy[1]);
                added++;
            }
        }
        return added == 0 ? null : dataUri(c);
    }

    /** GPU devices over time: allocated capacity and fragmentation (see {@link DeviceUsage}), in percent. */
    static String devices(Timeline t, DeviceUsage d, String title) {
        if (t.buckets() == 0 || d == null || d.utilizationPct().isEmpty()) {
            return null;
        }
        double duration = t.bucketMillis() * t.buckets();
        XYChart c = timeChart(title, "%", duration);
        TimeAxis axis = TimeAxis.forDuration(duration);
        double[][] used = steps(d.utilizationPct(), t.bucketMillis(), axis);
        line(c, "allocated / all GPU capacity", used[0], used[1]);
        double[][] frag = steps(d.fragmentationPct(), t.bucketMillis(), axis);
        line(c, "free capacity on partly used GPUs / all free", frag[0], frag[1]);
        return dataUri(c);
    }

    /**
     * Pending workloads per ClusterQueue over time: all queues when there are at most
     * {@link #MAX_SERIES}, else those with the highest peaks (see {@link #pendingTotal}).
     */
    static String pending(Timeline t, String title) {
        if (t.buckets() == 0 || t.pendingByClusterQueue().isEmpty()) {
            return null;
        }
        List<Map.Entry<String, List<Double>>> queues = new ArrayList<>(t.pendingByClusterQueue().entrySet());
        queues.sort(Comparator.comparingDouble((Map.Entry<String, List<Double>> e) -> -peak(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        int shown = Math.min(MAX_SERIES, queues.size());
        String suffix = shown < queues.size() ? " (" + shown + " highest peaks of " + queues.size() + ")" : "";
        double duration = t.bucketMillis() * t.buckets();
        XYChart c = timeChart(title + suffix, "pending workloads", duration);
        TimeAxis axis = TimeAxis.forDuration(duration);
        for (Map.Entry<String, List<Double>> e : queues.subList(0, shown)) {
            double[][] xy = steps(e.getValue(), t.bucketMillis(), axis);
            line(c, e.getKey(), xy[0], xy[1]);
        }
        return dataUri(c);
    }

    /** All pending workloads over time, one line. */
    static String pendingTotal(Timeline t, String title) {
        if (t.buckets() == 0) {
            return null;
        }
        double duration = t.bucketMillis() * t.buckets();
        XYChart c = timeChart(title, "pending workloads", duration);
        double[][] xy = steps(t.pendingTotal(), t.bucketMillis(), TimeAxis.forDuration(duration));
        line(c, "all ClusterQueues", xy[0], xy[1]);
        return dataUri(c);
    }

    private static double peak(List<Double> series) {
        return series.stream().mapToDouble(v -> v == null ? 0 : v).max().orElse(0);
    }

    /** First admission minus creation, in ms, per ClusterQueue (admitted workloads only). */
    static Map<String, long[]> waitsByClusterQueue(List<WorkloadRecord> records) {
        Map<String, List<Long>> lists = new java.util.TreeMap<>();
        for (WorkloadRecord r : records) {
            if (r.firstAdmitted() >= 0) {
                lists.computeIfAbsent(MetricsCalculator.cqName(r), k -> new ArrayList<>())
                        .add(r.firstAdmitted() - r.created());
            }
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        lists.forEach((k, v) -> out.put(k, v.stream().mapToLong(Long::longValue).toArray()));
        return out;
    }

    static long[] allWaits(List<WorkloadRecord> records) {
        return records.stream().filter(r -> r.firstAdmitted() >= 0)
                .mapToLong(r -> r.firstAdmitted() - r.created()).toArray();
    }

    /**
     * Empirical CDFs of waits (ms) per group, as step lines: x the wait, y the fraction of the
     * group's admitted workloads admitted within it. The largest groups when there are many; with
     * all (may be null) and more than one group, first a line "(all)" over every workload.
     */
    static String waitCdf(Map<String, long[]> waits, long[] all, String title) {
        List<Map.Entry<String, long[]>> groups = new ArrayList<>();
        waits.forEach((k, v) -> {
            if (v.length > 0) {
                groups.add(Map.entry(k, v));
            }
        });
        if (groups.isEmpty()) {
            return null;
        }
        groups.sort(Comparator.comparingInt((Map.Entry<String, long[]> e) -> -e.getValue().length)
                .thenComparing(Map.Entry::getKey));
        long max = groups.stream().flatMapToLong(e -> Arrays.stream(e.getValue())).max().orElse(0);
        TimeAxis axis = TimeAxis.forDuration(max);
        String shown = groups.size() > MAX_SERIES ? " (" + MAX_SERIES + " largest of " + groups.size() + ")" : "";
        XYChart c = xy(title + shown, "time to admission (" + axis.unit() + ")", "fraction admitted");
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        c.getStyler().setYAxisMax(1.0);
        if (all != null && groups.size() > 1) {
            double[][] xy = cdf(all, axis);
            line(c, ALL, xy[0], xy[1]);
        }
        for (Map.Entry<String, long[]> e : groups.subList(0, Math.min(MAX_SERIES, groups.size()))) {
            double[][] xy = cdf(e.getValue(), axis);
            line(c, e.getKey(), xy[0], xy[1]);
        }
        return dataUri(c);
    }

    /** CDF points: (0, 0), then (v_i, (i+1)/n) for the sorted sample, thinned to at most CDF_POINTS. */
    static double[][] cdf(long[] sample, TimeAxis axis) {
        long[] sorted = sample.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int points = Math.min(n, CDF_POINTS);
        double[] x = new double[points + 1];
        double[] y = new double[points + 1];
        for (int p = 1; p <= points; p++) {
            int idx = (int) Math.ceil((double) p * n / points) - 1;
            x[p] = sorted[idx] / axis.millisPerUnit();
            y[p] = (idx + 1) / (double) n;
        }
        return new double[][] {x, y};
    }

    // ---- comparison charts --------------------------------------------------------------------

    /** Mean and p95 time to admission (s) per variant. */
    static String waitBars(List<Variant> variants) {
        CategoryChart c = bars("Time to admission per variant", "variant", "seconds");
        List<String> names = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> p95 = new ArrayList<>();
        for (Variant v : variants) {
            names.add(v.name());
            Distribution d = v.metrics().overall().timeToAdmission();
            mean.add(d.mean() == null ? 0 : d.mean());
            p95.add(d.p95() == null ? 0 : d.p95());
        }
        c.addSeries("mean", names, mean);
        c.addSeries("p95", names, p95);
        return dataUri(c);
    }

    /** Mean utilization per resource, one bar series per variant (resources with capacity only). */
    static String utilizationBars(List<Variant> variants) {
        List<String> resources = new ArrayList<>();
        for (String r : Metrics.RESOURCES) {
            if (variants.stream().anyMatch(v -> v.metrics().utilization().meanPct().get(r) != null)) {
                resources.add(r);
            }
        }
        if (resources.isEmpty()) {
            return null;
        }
        CategoryChart c = bars("Mean utilization per variant", "resource", "used / capacity (%)");
        for (Variant v : variants) {
            List<Double> y = new ArrayList<>();
            for (String r : resources) {
                Double pct = v.metrics().utilization().meanPct().get(r);
                y.add(pct == null ? 0 : pct);
            }
            c.addSeries(v.name(), resources, y);
        }
        return dataUri(c);
    }

    /** One resource's utilization over time, one line per variant. */
    static String utilizationOverlay(List<Variant> variants, String resource) {
        double longest = variants.stream()
                .mapToDouble(v -> v.metrics().timeline().bucketMillis() * v.metrics().timeline().buckets()).max()
                .orElse(0);
        if (longest <= 0) {
            return null;
        }
        TimeAxis axis = TimeAxis.forDuration(longest);
        XYChart c = timeChart(resource + " utilization per variant", "used / capacity (%)", longest);
        int added = 0;
        for (Variant v : variants) {
            Timeline t = v.metrics().timeline();
            List<Double> series = t.utilizationPct().get(resource);
            if (t.buckets() > 0 && series != null && !series.isEmpty()) {
                double[][] xy = steps(series, t.bucketMillis(), axis);
                line(c, v.name(), xy[0], xy[1]);
                added++;
            }
        }
        return added == 0 ? null : dataUri(c);
    }

    /** CDF of all time-to-admission values, one line per variant. */
    static String waitCdfOverlay(List<Variant> variants) {
        Map<String, long[]> waits = new LinkedHashMap<>();
        variants.forEach(v -> waits.put(v.name(), allWaits(v.result().workloads())));
        return waitCdf(waits, null, "Time to admission per variant (CDF)");
    }
}
