package io.berth.cli;

import io.berth.sim.input.PerfThresholds;
import io.berth.sim.report.Metrics;
import io.berth.sim.report.QueueClassUsage;
import io.berth.sim.report.WorkloadClassFigures;
import java.util.Map;

/**
 * The three figures of Kueue's scheduler perf checker, against a config's rangespec thresholds and
 * the averages Kueue measured (with a real API server and controller, so its wall time includes
 * the whole control plane; Berth's is the simulated run's virtual time).
 */
final class PerfCheck {
    private PerfCheck() {
    }

    static String render(Metrics m, PerfThresholds t) {
        StringBuilder sb = new StringBuilder("Kueue perf checker figures (virtual time):\n");
        sb.append(String.format("  %-48s %14s  %-16s %-6s %s%n", "figure", "Berth", "threshold", "", "Kueue measured"));
        long wallMs = m.run().endMillis() - m.run().startMillis();
        line(sb, "wall", wallMs + " ms", t.maxWallMs() == null ? "" : "<= " + t.maxWallMs() + " ms",
                t.maxWallMs() == null || wallMs <= t.maxWallMs(), ms(t.measured().of("cmd", "maxWallMs")));
        for (Map.Entry<String, Double> e : t.clusterQueueClassesMinUsage().entrySet()) {
            QueueClassUsage u = m.clusterQueueClassUsage().get(e.getKey());
            Double pct = u == null ? null : u.usagePct();
            Double kueue = t.measured().of("clusterQueueClassesMinUsage", e.getKey());
            line(sb, "ClusterQueue class " + e.getKey() + " usage", pct == null ? "n/a" : String.format("%.1f %%", pct),
                    ">= " + e.getValue() + " %", pct != null && pct >= e.getValue(),
                    kueue == null ? "" : String.format("%.1f %%", kueue));
        }
        for (Map.Entry<String, Long> e : t.wlClassesMaxAvgTimeToAdmissionMs().entrySet()) {
            WorkloadClassFigures f = m.workloadClassFigures().get(e.getKey());
            Double avg = f == null ? null : f.averageTimeToAdmissionMs();
            line(sb, "workload class " + e.getKey() + " avg time to admission",
                    avg == null ? "n/a" : String.format("%.0f ms", avg), "<= " + e.getValue() + " ms",
                    avg != null && avg <= e.getValue(), ms(t.measured().of("wlClassesMaxAvgTimeToAdmissionMs", e.getKey())));
        }
        return sb.toString();
    }

    private static String ms(Double value) {
        return value == null ? "" : String.format("%.0f ms", value);
    }

    private static void line(StringBuilder sb, String what, String value, String threshold, boolean pass, String kueue) {
        sb.append(String.format("  %-48s %14s  %-16s %-6s %s%n", what, value, threshold, pass ? "PASS" : "FAIL", kueue)
                .stripTrailing()).append('\n');
    }
}
