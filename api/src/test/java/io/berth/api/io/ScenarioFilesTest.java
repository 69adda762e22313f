package io.berth.api.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every published Kueue scenario reads and validates without errors. */
class ScenarioFilesTest {
    /** The shared scenarios next to the repository (relative first, so any checkout location works). */
    static Path scenarioDir() {
        Path relative = Paths.get("../../shared/scenarios/kueue");
        return Files.isDirectory(relative) ? relative : Paths.get("/work/shared/scenarios/kueue");
    }

    static List<Path> scenarioFiles() throws IOException {
        Path dir = scenarioDir();
        assumeThat(Files.isDirectory(dir)).as("shared scenarios not found at %s; skipping", dir.toAbsolutePath()).isTrue();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyScenarioFileReadsAndValidatesWithoutErrors() throws IOException {
        List<Path> files = scenarioFiles();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            Manifests m = new ManifestReader().read(List.of(file));
            new Validator().validate(m);
            assertThat(m.objects()).as(file.toString()).isNotEmpty();
            assertThat(m.sources()).hasSameSizeAs(m.objects());
            assertThat(m.cycles()).as(file.toString()).isNotNull().isPositive();
            assertThat(m.expect()).as(file.toString()).containsKeys("admitted", "preempted", "pending");
            assertThat(m.ofType(ClusterQueue.class)).as(file.toString()).isNotEmpty();
            assertThat(m.ofType(Workload.class)).as(file.toString()).isNotEmpty();
        }
    }
}
