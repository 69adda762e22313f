package io.berth.sim.input;

import io.berth.api.io.InputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kueue's pass thresholds for a scheduler performance configuration (its {@code rangespec.yaml}),
 * kept for comparison with a simulation:
 * {@code cmd.maxWallMs} (whole run, first object created to last workload finished),
 * {@code cmd.mCPU} and {@code cmd.maxrss} (Kueue's process, no meaning for a simulation; null when absent),
 * {@code clusterQueueClassesMinUsage} (ClusterQueue class to minimum usage in percent) and
 * {@code wlClassesMaxAvgTimeToAdmissionMs} (workload class to maximum average time to admission).
 */
public record PerfThresholds(Long maxWallMs, Long mCpu, Long maxRss, Map<String, Double> clusterQueueClassesMinUsage,
                             Map<String, Long> wlClassesMaxAvgTimeToAdmissionMs) {
    public PerfThresholds {
        clusterQueueClassesMinUsage = clusterQueueClassesMinUsage == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clusterQueueClassesMinUsage));
        wlClassesMaxAvgTimeToAdmissionMs = wlClassesMaxAvgTimeToAdmissionMs == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(wlClassesMaxAvgTimeToAdmissionMs));
    }

    /** Reads a rangespec.yaml. @throws InputException naming file, field and what was expected */
    public static PerfThresholds read(Path file) {
        List<YamlFiles.Doc> docs = YamlFiles.read(file);
        YamlField.Sink sink = new YamlField.Sink();
        sink.at(file.toString(), 1, null);
        if (docs.size() != 1) {
            sink.add(null, "expected one YAML document with cmd, clusterQueueClassesMinUsage and "
                    + "wlClassesMaxAvgTimeToAdmissionMs, found " + docs.size());
            throw new InputException(sink.errors());
        }
        YamlFiles.Doc doc = docs.get(0);
        sink.at(doc.file(), doc.number(), null);
        YamlField root = new YamlField(doc.root(), "", sink);
        if (!root.isMapping()) {
            root.expected("a mapping with cmd, clusterQueueClassesMinUsage and wlClassesMaxAvgTimeToAdmissionMs");
            throw new InputException(sink.errors());
        }
        root.onlyKeys(List.of("cmd", "clusterQueueClassesMinUsage", "wlClassesMaxAvgTimeToAdmissionMs"));
        YamlField cmd = root.get("cmd");
        cmd.onlyKeys(List.of("maxWallMs", "mCPU", "maxrss"));
        Long wall = cmd.get("maxWallMs").integer(0);
        Long cpu = cmd.get("mCPU").integer(0);
        Long rss = cmd.get("maxrss").integer(0);
        Map<String, Double> usage = new LinkedHashMap<>();
        root.get("clusterQueueClassesMinUsage").entries().forEach((k, v) -> {
            Double d = v.number();
            if (d != null) {
                usage.put(k, d);
            }
        });
        Map<String, Long> admission = new LinkedHashMap<>();
        root.get("wlClassesMaxAvgTimeToAdmissionMs").entries().forEach((k, v) -> {
            Long ms = v.integer(0);
            if (ms != null) {
                admission.put(k, ms);
            }
        });
        if (sink.size() > 0) {
            throw new InputException(sink.errors());
        }
        return new PerfThresholds(wall, cpu, rss, usage, admission);
    }
}
