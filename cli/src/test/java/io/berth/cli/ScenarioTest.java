package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.io.ManifestReader;
import io.berth.api.io.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every Kueue-derived scenario of ../shared/scenarios/kueue through `berth schedule` and
 * checks the outcome against its expect: block (admitted with flavors and counts, preempted,
 * pending).
 */
class ScenarioTest {

    static Path scenarioDir() {
        for (Path p : List.of(Path.of("../../shared/scenarios/kueue"), Path.of("../shared/scenarios/kueue"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    @TestFactory
    Stream<DynamicTest> scenariosMatchKueue() throws IOException {
        Path dir = scenarioDir();
        Assumptions.assumeTrue(dir != null, "../shared/scenarios/kueue is absent: scenario tests skipped");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    @SuppressWarnings("unchecked")
    private static void check(Path file) {
        Manifests m = new ManifestReader().read(List.of(file));
        Map<String, Object> expect = m.expect();
        List<String> expectedPreempted = (List<String>) expect.getOrDefault("preempted", List.of());
        ScheduleReport report = ScheduleRun.run(m, m.cycles() == null ? 1 : m.cycles());
        Map<String, Object> actual = report.toData(false);
        assertThat(normalize((Map<String, Object>) actual.get("admitted")))
                .as("admitted").isEqualTo(normalize((Map<String, Object>) expect.getOrDefault("admitted", Map.of())));
        assertThat((List<String>) actual.get("preempted")).as("preempted").containsExactlyInAnyOrderElementsOf(expectedPreempted);
        assertThat((List<String>) actual.get("pending")).as("pending")
                .containsExactlyInAnyOrderElementsOf((List<String>) expect.getOrDefault("pending", List.of()));
    }

    /** Numbers parsed from YAML may be Integer or Long; compare as text-independent maps. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalize(Map<String, Object> admitted) {
        Map<String, Object> out = new HashMap<>();
        admitted.forEach((k, v) -> {
            Map<String, Object> entry = new HashMap<>((Map<String, Object>) v);
            if (entry.get("count") instanceof Map<?, ?> counts) {
                Map<String, Long> c = new HashMap<>();
                counts.forEach((ps, n) -> c.put((String) ps, ((Number) n).longValue()));
                entry.put("count", c);
            }
            entry.put("podSets", new HashMap<>((Map<String, Object>) entry.get("podSets")));
            out.put(k, entry);
        });
        return out;
    }
}
