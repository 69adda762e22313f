package io.berth.sim.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.KubeObject;
import io.berth.api.core.LabelSelector;
import io.berth.api.core.Namespace;
import io.berth.api.core.ObjectMeta;
import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import io.berth.api.io.Manifests;
import io.berth.api.io.Validator;
import io.berth.api.kueue.BorrowWithinCohort;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.ClusterQueuePreemption;
import io.berth.api.kueue.FlavorFungibility;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.api.kueue.QueueingStrategy;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.api.kueue.StopPolicy;
import io.berth.sim.model.SimInput;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KueuePerfGeneratorTest {
    private static final String SMALL = """
            # two cohorts of one ClusterQueue each
            cohorts:
              - className: cohort
                count: 2
                queuesSets:
                - className: cq
                  count: 1
                  nominalQuota: 20
                  borrowingLimit: 100
                  reclaimWithinCohort: Any
                  withinClusterQueue: LowerPriority
                  workloadsSets:
                  - count: 2
                    creationIntervalMs: 100
                    workloads:
                    - className: small
                      runtimeMs: 200
                      priority: 50
                      request: 1
                  - count: 1
                    creationIntervalMs: 150
                    workloads:
                    - className: large
                      runtimeMs: 1_000
                      priority: 200
                      request: "500m"
                      podCount: 2
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static ObjectMeta meta(String name, String namespace, Map<String, String> labels) {
        return new ObjectMeta(name, namespace, labels, Map.of(), null, null);
    }

    private static ClusterQueue cq(String name, String cohort) {
        ResourceGroup rg = new ResourceGroup(List.of("cpu"), List.of(new FlavorQuotas("default",
                List.of(new ResourceQuota("cpu", 20_000, 100_000L, null)))));
        return new ClusterQueue(meta(name, null, Map.of(KueuePerfGenerator.CLASS_LABEL, "cq")), cohort, List.of(rg),
                LabelSelector.EVERYTHING, QueueingStrategy.BestEffortFIFO, FlavorFungibility.DEFAULT,
                new ClusterQueuePreemption(PreemptionPolicy.Any, BorrowWithinCohort.NEVER, PreemptionPolicy.LowerPriority),
                StopPolicy.None, 1000, null);
    }

    private static SimWorkload wl(String queue, String name, int priority, String cls, long submit, long runtime,
                                  int pods, long cpu) {
        return new SimWorkload(queue, name, queue, priority, cls, submit, runtime,
                List.of(new SimPodSet("main", pods, null, Map.of("cpu", cpu), null, null, null)));
    }

    @Test
    void expandsCohortsQueuesAndWorkloadsAsKueuesGenerator() throws IOException {
        PerfScenario s = KueuePerfGenerator.read(write("generator.yaml", SMALL));
        String a = "cq-0-0-cohort-0";
        String b = "cq-0-0-cohort-1";
        assertThat(s.queueObjects()).containsExactly(
                new ResourceFlavor(ObjectMeta.named("default"), Map.of(), List.of(), List.of()),
                cq(a, "cohort-0"), cq(b, "cohort-1"),
                new Namespace(meta(a, null, Map.of())), new Namespace(meta(b, null, Map.of())),
                new LocalQueue(meta(a, a, Map.of()), a, StopPolicy.None, 1000),
                new LocalQueue(meta(b, b, Map.of()), b, StopPolicy.None, 1000));
        // Kueue waits one interval before each creation; ties keep generation order.
        assertThat(s.workloads()).containsExactly(
                wl(a, "small-0-0-0", 50, "small", 100, 200, 1, 1000),
                wl(b, "small-0-0-0", 50, "small", 100, 200, 1, 1000),
                wl(a, "large-1-0-0", 200, "large", 150, 1000, 2, 500),
                wl(b, "large-1-0-0", 200, "large", 150, 1000, 2, 500),
                wl(a, "small-0-1-0", 50, "small", 200, 200, 1, 1000),
                wl(b, "small-0-1-0", 50, "small", 200, 200, 1, 1000));
        assertThat(s.thresholds()).isNull();
        SimInput input = s.toSimInput();
        assertThat(input.nodes()).isEmpty();
        assertThat(input.workloads()).hasSize(6);
        new Validator().validate(new Manifests(s.queueObjects(), List.of(), null, null, null));
    }

    @Test
    void readsTheRangeSpecNextToTheGenerator() throws IOException {
        write("rangespec.yaml", """
                cmd:
                  maxWallMs: 425_000
                clusterQueueClassesMinUsage:
                  cq: 31.6 #%
                wlClassesMaxAvgTimeToAdmissionMs:
                  large: 23_000
                  small: 260_000
                """);
        PerfScenario s = KueuePerfGenerator.read(write("generator.yaml", SMALL));
        assertThat(s.thresholds()).isEqualTo(new PerfThresholds(425_000L, null, null, Map.of("cq", 31.6),
                Map.of("large", 23_000L, "small", 260_000L)));
        assertThat(s.thresholds().measured()).as("no comments, no measured averages").isEqualTo(KueueMeasured.NONE);
    }

    @Test
    void problemsAreReportedWithFieldPaths() throws IOException {
        Path f = write("generator.yaml", """
                topology: {levels: []}
                cohorts:
                  - className: Cohort
                    count: 1
                    queuesSets:
                    - className: cq
                      count: -1
                      reclaimWithinCohort: Sometimes
                      workloadsSets:
                      - count: 1
                        creationIntervalMs: 10
                        workloads:
                        - className: small
                          request: lots
                          tasLevel: rack
                          prio: 5
                """);
        assertThatThrownBy(() -> KueuePerfGenerator.read(f)).isInstanceOfSatisfying(InputException.class, e ->
                assertThat(e.errors()).extracting(InputError::toString).containsExactly(
                        f + ": document 1: topology: not supported; the simulator does not model Kueue's TAS or DRA performance settings",
                        f + ": document 1: cohorts[0].queuesSets[0].nominalQuota: required: expected the cpu quota of each ClusterQueue, such as 20",
                        f + ": document 1: cohorts[0].queuesSets[0].workloadsSets[0].workloads[0].tasLevel: not supported; the simulator does not model Kueue's TAS or DRA performance settings",
                        f + ": document 1: cohorts[0].queuesSets[0].workloadsSets[0].workloads[0].prio: unknown field \"prio\"; expected one of className, runtimeMs, priority, request, podCount, tasConstraint, tasLevel, sliceSize, devices",
                        f + ": document 1: cohorts[0].queuesSets[0].workloadsSets[0].workloads[0].runtimeMs: required: expected how long each workload runs once admitted, in ms",
                        f + ": document 1: cohorts[0].queuesSets[0].workloadsSets[0].workloads[0].request: invalid quantity \"lots\": expected a number with an optional suffix (n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent such as e3)",
                        f + ": document 1: cohorts[0].queuesSets[0].count: expected a whole number of at least 0, found -1",
                        f + ": document 1: cohorts[0].queuesSets[0].reclaimWithinCohort: unknown value \"Sometimes\"; expected one of Never, LowerPriority, Any",
                        f + ": document 1: cohorts[0].className: invalid class name \"Cohort\": expected lowercase letters, digits and '-', as it becomes part of object names"));
    }

    @Test
    void kueuesBaselineAndLargeScaleConfigurations() {
        Path configs = SharedData.dir("perf/kueue-scheduler-configs");
        PerfScenario baseline = KueuePerfGenerator.read(configs.resolve("baseline/generator.yaml"));
        assertThat(baseline.queueObjects()).filteredOn(ClusterQueue.class::isInstance).hasSize(30);
        assertThat(baseline.queueObjects()).filteredOn(LocalQueue.class::isInstance).hasSize(30);
        assertThat(baseline.workloads()).hasSize(15_000);
        assertThat(classes(baseline)).isEqualTo(Map.of("small", 10_500L, "medium", 3_000L, "large", 1_500L));
        assertThat(baseline.workloads().get(baseline.workloads().size() - 1).submitMillis()).isEqualTo(60_000);
        assertThat(baseline.workloads().get(0)).isEqualTo(
                wl("cq-0-0-cohort-0", "small-0-0-0", 50, "small", 100, 200, 1, 1000));
        assertThat(baseline.thresholds()).isEqualTo(new PerfThresholds(425_000L, null, null, Map.of("cq", 50.0),
                Map.of("large", 23_000L, "medium", 90_000L, "small", 260_000L), new KueueMeasured(Map.of(
                        "cmd.maxWallMs", 351116.4, "clusterQueueClassesMinUsage.cq", 55.9,
                        "wlClassesMaxAvgTimeToAdmissionMs.large", 16501.0,
                        "wlClassesMaxAvgTimeToAdmissionMs.medium", 76768.0,
                        "wlClassesMaxAvgTimeToAdmissionMs.small", 215468.0))));

        PerfScenario large = KueuePerfGenerator.read(configs.resolve("large-scale/generator.yaml"));
        assertThat(large.queueObjects()).filteredOn(ClusterQueue.class::isInstance).hasSize(1_000);
        assertThat(large.workloads()).hasSize(50_000);
        assertThat(classes(large)).isEqualTo(Map.of("small", 35_000L, "medium", 11_000L, "large", 4_000L));
        assertThat(large.queueObjects().stream().filter(ClusterQueue.class::isInstance)
                .map(o -> ((ClusterQueue) o).cohort()).distinct()).hasSize(10);
        assertThat(large.thresholds()).isEqualTo(new PerfThresholds(1_416_000L, null, null, Map.of("cq", 31.6),
                Map.of("large", 128_000L, "medium", 308_000L, "small", 841_000L), new KueueMeasured(Map.of(
                        "cmd.maxWallMs", 1179411.0, "clusterQueueClassesMinUsage.cq", 38.64,
                        "wlClassesMaxAvgTimeToAdmissionMs.large", 105604.0,
                        "wlClassesMaxAvgTimeToAdmissionMs.medium", 256413.0,
                        "wlClassesMaxAvgTimeToAdmissionMs.small", 700379.0))));
    }

    private static Map<String, Long> classes(PerfScenario s) {
        return s.workloads().stream().collect(Collectors.groupingBy(SimWorkload::workloadClass, Collectors.counting()));
    }
}
