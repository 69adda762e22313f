package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.io.ManifestReader;
import io.berth.api.io.Manifests;
import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import io.berth.core.cycle.PendingStatus;
import io.berth.core.cycle.PreemptionStats;
import io.berth.core.cycle.PreemptionStats.Outcome;
import io.berth.core.cycle.PreemptionStats.Recomputation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every Kueue-derived scenario of ../shared/scenarios/kueue, and Berth's own scenarios of
 * src/test/resources/scenarios, through `berth schedule` and checks the outcome against its expect:
 * block (admitted with flavors and counts, preempted, pending).
 */
class ScenarioTest {
    private static final Path OWN = Path.of("src/test/resources/scenarios");

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
        return scenarios(dir);
    }

    @TestFactory
    Stream<DynamicTest> ownScenariosHaveTheirOutcome() throws IOException {
        return scenarios(OWN);
    }

    @Test
    void aHeadWhoseTargetsOverlapButFitsOnceTheyAreGoneWaitsForThem() {
        PendingStatus waiting = statusOf("overlap-recompute-deferred-fit.yaml", "team/wb");
        assertThat(waiting.reason()).isEqualTo(PendingStatus.WAITING_FOR_PREEMPTED);
        assertThat(waiting.message()).isEqualTo("Workload has overlapping preemption targets with another workload, "
                + "but will fit after these preemptions complete");
    }

    @Test
    void recomputationsUponOverlappingTargetsAreCountedByOutcome() {
        assertThat(firstCycle("overlap-recompute-deferred-fit.yaml").preemptionStats().recomputations())
                .containsExactly(new Recomputation("b", Outcome.DEFERRED_FIT));
        assertThat(firstCycle("overlap-recompute-new-targets.yaml").preemptionStats().recomputations())
                .containsExactly(new Recomputation("b", Outcome.NEW_TARGETS));
        PreemptionStats skipped = firstCycle("overlap-recompute-skipped.yaml").preemptionStats();
        assertThat(skipped.recomputations()).containsExactly(new Recomputation("b", Outcome.SKIPPED));
        assertThat(skipped.skips()).isEmpty(); // it found no targets: not a skipped preemption
    }

    @Test
    void aHeadWithTargetsThatNoLongerFitsIsASkippedPreemption() {
        PreemptionStats stats = firstCycle("a-preempting-head-is-skipped-when-the-quota-it-needs-is-held.yaml")
                .preemptionStats();
        assertThat(stats.skips()).containsExactly(Map.entry("a", 1));
        assertThat(stats.recomputations()).isEmpty();
    }

    @Test
    void limitRangeDefaultsAreChargedAsRequests() {
        ScheduleReport report = explained("limit-range-defaults-and-bounds.yaml");
        assertThat(report.admitted().get("team/defaulted").resourceUsage())
                .isEqualTo(Map.of("main", Map.of("cpu", "2", "memory", "1Gi")));
    }

    @Test
    void reclaimingInAWideCohortTakesWorkloadsBeingEvictedFirst() {
        ScheduleReport report = explained("reclaim-takes-workloads-being-evicted-first-across-a-wide-cohort.yaml");
        assertThat(report.explain().get("team/needs-2").preemption().wouldPreempt()).containsExactlyInAnyOrder(
                "team/b33-0 (InCohortReclamation)", "team/b17-0 (InCohortReclamation)");
    }

    @Test
    void workloadsInNoClusterQueueAreListedApart() {
        ScheduleReport report = explained("workloads-without-a-queue-are-not-pending.yaml");
        assertThat(report.toData(false)).containsEntry("notQueued",
                List.of("team/no-cluster-queue", "team/no-cluster-queue-named", "team/no-local-queue"));
        assertThat(report.explain().get("team/no-cluster-queue").status().message())
                .isEqualTo("ClusterQueue missing doesn't exist");
        assertThat(report.explain().get("team/no-cluster-queue-named").status().message())
                .as("Kueue's message, with the empty name").isEqualTo("ClusterQueue  doesn't exist");
    }

    @Test
    void gatedWorkloadsAreListedApartWithTheirGates() {
        ScheduleReport report = explained("admission-gated-workloads-wait-outside-the-queues.yaml");
        assertThat(report.toData(false)).containsEntry("notQueued", List.of("team/gated"));
        PendingStatus gated = report.explain().get("team/gated").status();
        assertThat(gated.reason()).isEqualTo(PendingStatus.ADMISSION_GATED);
        assertThat(gated.message()).isEqualTo("Admission is gated by: example.com/provisioner, example.com/budget");
    }

    @Test
    void requestsAboveLimitsAreMisconfiguredWithKueuesMessage() {
        PendingStatus over = statusOf("requests-above-limits-are-not-admitted.yaml", "team/over");
        assertThat(over.reason()).isEqualTo(PendingStatus.MISCONFIGURED);
        assertThat(over.message()).isEqualTo("resources validation failed: spec.podSets[0].template.spec.containers[0]: "
                + "Invalid value: [\"cpu\"]: requests must not exceed its limits");
    }

    /** Why a workload of one of Berth's own scenarios waits after one cycle. */
    private static PendingStatus statusOf(String file, String workload) {
        return explained(file).explain().get(workload).status();
    }

    /** The first cycle of one of Berth's own scenarios, as `berth schedule` runs it. */
    private static CycleResult firstCycle(String file) {
        Manifests m = new ManifestReader().read(List.of(OWN.resolve(file)));
        Engine engine = new Engine(m.configuration());
        engine.applyAll(m.objects());
        return engine.schedule(ScheduleRun.startTime(m.objects()) + 1000);
    }

    /** One cycle of one of Berth's own scenarios, with --explain. */
    private static ScheduleReport explained(String file) {
        return ScheduleRun.run(new ManifestReader().read(List.of(OWN.resolve(file))), 1, true);
    }

    private static Stream<DynamicTest> scenarios(Path dir) throws IOException {
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
