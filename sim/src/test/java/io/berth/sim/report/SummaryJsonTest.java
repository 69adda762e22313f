package io.berth.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void writesEveryDocumentedKeyInOrderAndParsesBack(@TempDir Path dir) throws Exception {
        Metrics m = Metrics.compute(Scenarios.oneQueue(), FragmentationSeries.NONE, 10);
        Path file = dir.resolve("summary.json");
        SummaryJson.write(m, file);
        JsonNode root = MAPPER.readTree(Files.readString(file));

        assertThat(keys(root)).containsExactlyElementsOf(SummaryJson.KEYS);
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(SummaryJson.SCHEMA_VERSION);
        assertThat(keys(root.get("run"))).containsExactly("startMillis", "endMillis", "durationSeconds", "cycles",
                "events", "workloads");
        for (JsonNode group : List.of(root.get("overall"), root.get("workloadClasses").get("small"),
                root.get("clusterQueues").get("cq-a"), root.get("localQueues").get("team/lq"))) {
            assertThat(keys(group)).containsExactlyElementsOf(SummaryJson.GROUP_KEYS);
            assertThat(keys(group.get("timeToAdmissionSeconds"))).containsExactlyElementsOf(SummaryJson.DISTRIBUTION_KEYS);
            assertThat(keys(group.get("completionTimeSeconds"))).containsExactlyElementsOf(SummaryJson.DISTRIBUTION_KEYS);
        }
        assertThat(keys(root.get("kueuePerf"))).containsExactly("wallMs", "clusterQueueClasses", "workloadClasses");
        assertThat(keys(root.get("kueuePerf").get("clusterQueueClasses").get("cq"))).containsExactly("clusterQueues",
                "nominalCpu", "cpuUsedCoreSeconds", "monitorSeconds", "usagePct");
        assertThat(keys(root.get("kueuePerf").get("workloadClasses").get("large"))).containsExactly("count",
                "averageTimeToAdmissionMs", "averageTimeToFinishMs", "totalEvictions");
        assertThat(keys(root.get("utilization"))).containsExactly("capacitySource", "capacity", "meanPct", "peakPct");
        assertThat(keys(root.get("utilization").get("capacity"))).containsExactly("cpu", "memoryGiB", "nvidia.com/gpu");
        assertThat(keys(root.get("utilization").get("meanPct"))).containsExactlyElementsOf(Metrics.RESOURCES);
        assertThat(keys(root.get("idleCapacityWhilePending"))).containsExactly("pendingHours", "cpuCoreHours",
                "memoryGiBHours", "gpuHours");
        assertThat(keys(root.get("disruption"))).containsExactly("preemptions", "evictions", "disruptedWorkloads",
                "lostCpuHours", "lostGpuHours");
        assertThat(keys(root.get("fairness"))).containsExactly("resource", "jainIndex", "clusterQueues");
        assertThat(keys(root.get("fairness").get("clusterQueues").get("cq-a"))).containsExactly("usedHours", "share",
                "entitlement", "ratio");
        assertThat(keys(root.get("gpuFragmentation"))).containsExactly("meanFragmentedGpus");
        assertThat(keys(root.get("timeSeries"))).containsExactly("buckets", "bucketSeconds", "t", "utilizationPct",
                "pendingTotal", "pendingByClusterQueue");

        // values, rounded: seconds to ms, percentages to 2 decimals
        assertThat(root.at("/overall/timeToAdmissionSeconds/mean").decimalValue()).isEqualByComparingTo("6.667");
        assertThat(root.at("/overall/timeToAdmissionSeconds/p95").decimalValue()).isEqualByComparingTo("20");
        assertThat(root.at("/overall/makespanSeconds").decimalValue()).isEqualByComparingTo("90");
        assertThat(root.at("/run/durationSeconds").decimalValue()).isEqualByComparingTo("100");
        assertThat(root.at("/kueuePerf/wallMs").asLong()).isEqualTo(90_000);
        assertThat(root.at("/kueuePerf/clusterQueueClasses/cq/usagePct").decimalValue()).isEqualByComparingTo("72.22");
        assertThat(root.at("/kueuePerf/clusterQueueClasses/cq/cpuUsedCoreSeconds").decimalValue())
                .isEqualByComparingTo("260");
        assertThat(root.at("/kueuePerf/workloadClasses/large/averageTimeToAdmissionMs").asLong()).isEqualTo(20_000);
        assertThat(root.at("/utilization/meanPct/cpu").decimalValue()).isEqualByComparingTo("43.33");
        assertThat(root.at("/utilization/meanPct/nvidia.com~1gpu").isNull()).isTrue();
        assertThat(root.at("/utilization/capacity/memoryGiB").decimalValue()).isEqualByComparingTo("8");
        assertThat(root.at("/idleCapacityWhilePending/cpuCoreHours").decimalValue()).isEqualByComparingTo("0.011");
        assertThat(root.at("/fairness/jainIndex").decimalValue()).isEqualByComparingTo("1");
        assertThat(root.at("/gpuFragmentation/meanFragmentedGpus").isNull()).isTrue();
        assertThat(root.at("/timeSeries/buckets").asInt()).isEqualTo(10);
        assertThat(root.at("/timeSeries/t")).hasSize(10);
        assertThat(root.at("/timeSeries/t/1").decimalValue()).isEqualByComparingTo("10");
        assertThat(root.at("/timeSeries/utilizationPct/cpu")).hasSize(10);
        assertThat(root.at("/timeSeries/utilizationPct/cpu/1").decimalValue()).isEqualByComparingTo("66.67");
        assertThat(root.at("/timeSeries/utilizationPct/nvidia.com~1gpu").isNull()).isTrue();
        assertThat(root.at("/timeSeries/pendingByClusterQueue/cq-a/2").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void sameMetricsGiveTheSameBytesAndNoExponents() {
        String a = SummaryJson.toJson(Metrics.compute(Scenarios.gpus(true)));
        String b = SummaryJson.toJson(Metrics.compute(Scenarios.gpus(true)));
        assertThat(a).isEqualTo(b).endsWith("\n").doesNotContain("E+").doesNotContain("NaN");
        assertThat(a).contains("\"lostGpuHours\" : 2\n").contains("\"jainIndex\" : 0.98,");
    }
}
