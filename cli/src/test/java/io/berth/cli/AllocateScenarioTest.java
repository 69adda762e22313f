package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.berth.api.io.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every device allocation scenario through `berth allocate` and compares the output with its
 * expect: block: Kubernetes-derived ones in ../shared/scenarios/dra (skipped when absent) and Berth's
 * own in examples/dra.
 */
class AllocateScenarioTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Path find(String relative) {
        for (Path p : List.of(Path.of("..", relative), Path.of(relative))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> sharedScenariosMatchKubernetes() throws IOException {
        Path dir = find("../shared/scenarios/dra");
        Assumptions.assumeTrue(dir != null, "../shared/scenarios/dra is absent: shared allocation scenarios skipped");
        return yamlFiles(dir).stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    @TestFactory
    Stream<DynamicTest> exampleScenarios() throws IOException {
        Path dir = find("examples/dra");
        assertThat(dir).as("examples/dra").isNotNull();
        List<Path> files = yamlFiles(dir);
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    @Test
    void everyExampleHasAnExpectation() throws IOException {
        List<String> without = new ArrayList<>();
        for (Path p : yamlFiles(find("examples/dra"))) {
            if (new ManifestReader().read(List.of(p)).expect().isEmpty()) {
                without.add(p.toString());
            }
        }
        assertThat(without).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static void check(Path file) throws IOException {
        Map<String, Object> expect = new ManifestReader().read(List.of(file)).expect();
        CliRun run = CliRun.of("allocate", file.toString());
        assertThat(run.err()).as("stderr").isEmpty();
        Map<String, Object> actual = YAML.readValue(run.out(), Map.class);
        assertThat(actual.get("result")).as("result of %s (output: %s)", file, run.out()).isEqualTo(expect.get("result"));
        assertThat(run.code()).as("exit code").isZero();
        if (expect.containsKey("node")) {
            assertThat(actual.get("node")).as("node").isEqualTo(expect.get("node"));
        }
        assertThat(actual.get("allocations")).as("allocations")
                .isEqualTo(expect.getOrDefault("allocations", Map.of()));
        if (expect.containsKey("error")) {
            assertThat((String) actual.get("error")).as("error").contains((String) expect.get("error"));
        }
    }
}
