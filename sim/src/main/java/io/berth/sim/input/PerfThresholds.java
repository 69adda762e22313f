package io.berth.sim.input;

import io.berth.api.io.InputException;
import io.berth.api.io.Problems;
import io.berth.api.io.YamlNode;
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
 * {@code wlClassesMaxAvgTimeToAdmissionMs} (workload class to maximum average time to admission),
 * and the averages Kueue measured, from the file's comments.
 */
public record PerfThresholds(Long maxWallMs, Long mCpu, Long maxRss, Map<String, Double> clusterQueueClassesMinUsage,
                             Map<String, Long> wlClassesMaxAvgTimeToAdmissionMs, KueueMeasured measured) {
    /** Thresholds without measured averages. */
    public PerfThresholds(Long maxWallMs, Long mCpu, Long maxRss, Map<String, Double> clusterQueueClassesMinUsage,
                          Map<String, Long> wlClassesMaxAvgTimeToAdmissionMs) {
        this(maxWallMs, mCpu, maxRss, clusterQueueClassesMinUsage, wlClassesMaxAvgTimeToAdmissionMs, KueueMeasured.NONE);
    }

    public PerfThresholds {
        clusterQueueClassesMinUsage = clusterQueueClassesMinUsage == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clusterQueueClassesMinUsage));
        wlClassesMaxAvgTimeToAdmissionMs = wlClassesMaxAvgTimeToAdmissionMs == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(wlClassesMaxAvgTimeToAdmissionMs));
    }

    /** Reads a rangespec.yaml. @throws InputException naming file, field and what was expected */
    public static PerfThresholds read(Path file) {
        List<YamlFiles.Doc> docs = YamlFiles.read(file);
        Problems problems = new Problems();
        problems.at(file.toString(), 1);
        if (docs.size() != 1) {
            problems.add(null, "expected one YAML document with cmd, clusterQueueClassesMinUsage and "
                    + "wlClassesMaxAvgTimeToAdmissionMs, found " + docs.size());
            throw new InputException(problems.all());
        }
        YamlFiles.Doc doc = docs.get(0);
        problems.at(doc.file(), doc.number());
        YamlNode root = YamlNode.root(doc.root(), problems);
        if (!root.isMapping()) {
            root.expected("a mapping with cmd, clusterQueueClassesMinUsage and wlClassesMaxAvgTimeToAdmissionMs");
            throw new InputException(problems.all());
        }
        root.onlyKeys(List.of("cmd", "clusterQueueClassesMinUsage", "wlClassesMaxAvgTimeToAdmissionMs"));
        YamlNode cmd = root.get("cmd");
        cmd.onlyKeys(List.of("maxWallMs", "mCPU", "maxrss"));
        Long wall = cmd.get("maxWallMs").wholeNumber(0);
        Long cpu = cmd.get("mCPU").wholeNumber(0);
        Long rss = cmd.get("maxrss").wholeNumber(0);
        Map<String, Double> usage = new LinkedHashMap<>();
        root.get("clusterQueueClassesMinUsage").entries().forEach((k, v) -> {
            Double d = v.number();
            if (d != null) {
                usage.put(k, d);
            }
        });
        Map<String, Long> admission = new LinkedHashMap<>();
        root.get("wlClassesMaxAvgTimeToAdmissionMs").entries().forEach((k, v) -> {
            Long ms = v.wholeNumber(0);
            if (ms != null) {
                admission.put(k, ms);
            }
        });
        problems.throwIfAny();
        return new PerfThresholds(wall, cpu, rss, usage, admission, KueueMeasured.read(file));
    }
}
