package io.berth.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.io.ManifestReader;
import io.berth.core.cycle.CycleResult;
import io.berth.core.cycle.PendingStatus;
import io.berth.core.workload.WorkloadInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RuntimeClasses and LimitRanges in the engine: overhead and defaults count as requests, bounds
 * refuse workloads, changes reach waiting workloads.
 */
class PodAdjustmentsEngineTest {
    private static final String QUEUES = """
            apiVersion: kueue.x-k8s.io/v1beta2
            kind: ResourceFlavor
            metadata: {name: default}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: team}
            ---
            apiVersion: kueue.x-k8s.io/v1beta2
            kind: ClusterQueue
            metadata: {name: cq}
            spec:
              namespaceSelector: {}
              resourceGroups: [{coveredResources: [cpu], flavors: [{name: default, resources: [{name: cpu, nominalQuota: "4"}]}]}]
            ---
            apiVersion: kueue.x-k8s.io/v1beta2
            kind: LocalQueue
            metadata: {name: lq, namespace: team}
            spec: {clusterQueue: cq}
            """;

    private static List<KubeObject> read(String yaml) {
        return new ManifestReader().read("test.yaml", yaml).objects();
    }

    private static String workload(String name, String resources) {
        return """
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: Workload
                metadata: {name: %s, namespace: team, creationTimestamp: "2026-01-01T00:00:00Z"}
                spec: {queueName: lq, podSets: [{name: main, count: 2, template: {spec: {containers: [{name: c%s}]}}}]}
                """.formatted(name, resources);
    }

    /** A workload of two pods of one 1-CPU container in RuntimeClass kata; podSpec: more of the pod spec. */
    private static String kataWorkload(String name, String podSpec) {
        return """
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: Workload
                metadata: {name: %s, namespace: team, creationTimestamp: "2026-01-01T00:00:00Z"}
                spec: {queueName: lq, podSets: [{name: main, count: 2, template: {spec: {runtimeClassName: kata%s,
                  containers: [{name: c, resources: {requests: {cpu: "1"}}}]}}}]}
                """.formatted(name, podSpec);
    }

    private static String limitRange(String limits) {
        return """
                apiVersion: v1
                kind: LimitRange
                metadata: {name: limits, namespace: team}
                spec: {limits: [%s]}
                """.formatted(limits);
    }

    private static long at(int second) {
        return Instant.parse("2026-01-01T00:01:00Z").plusSeconds(second).toEpochMilli();
    }

    private static long cpuUsage(WorkloadInfo w) {
        return w.admission().usage().amount(0);
    }

    @Test
    void aDefaultRequestIsChargedForEveryPod() {
        Engine engine = new Engine(Configuration.DEFAULT);
        engine.applyAll(read(QUEUES + "---\n" + limitRange("{type: Container, defaultRequest: {cpu: 1500m}}")
                + "---\n" + workload("w", "")));
        CycleResult r = engine.schedule(at(1));
        assertThat(r.admitted()).extracting(WorkloadInfo::key).containsExactly("team/w");
        assertThat(cpuUsage(r.admitted().get(0))).isEqualTo(3000);
    }

    @Test
    void aWorkloadRefusedByAMaxIsQueuedOnceTheLimitRangeAllowsIt() {
        Engine engine = new Engine(Configuration.DEFAULT);
        engine.applyAll(read(QUEUES + "---\n" + workload("w", ", resources: {requests: {cpu: \"2\"}}")));
        engine.apply(read(limitRange("{type: Container, max: {cpu: \"1\"}}")).get(0));
        assertThat(engine.schedule(at(1)).admitted()).isEmpty();
        PendingStatus refused = engine.pendingStatuses().get("team/w");
        assertThat(refused.reason()).isEqualTo(PendingStatus.MISCONFIGURED);
        assertThat(refused.message()).isEqualTo("resources didn't satisfy LimitRange constraints: "
                + "spec.podSets[0].template.spec.containers[0]: Invalid value: [\"cpu\"]: "
                + "requests must not be above the limitRange max");

        engine.apply(read(limitRange("{type: Container, max: {cpu: \"2\"}}")).get(0));
        assertThat(engine.schedule(at(2)).admitted()).extracting(WorkloadInfo::key).containsExactly("team/w");
    }

    @Test
    void aPodMinRefusesAPodAskingForLessInAll() {
        Engine engine = new Engine(Configuration.DEFAULT);
        engine.applyAll(read(QUEUES + "---\n" + limitRange("{type: Pod, min: {cpu: \"1\"}}") + "---\n"
                + workload("w", ", resources: {requests: {cpu: 500m}}")));
        engine.schedule(at(1));
        assertThat(engine.pendingStatuses().get("team/w").message()).isEqualTo(
                "resources didn't satisfy LimitRange constraints: spec.podSets[0].template.spec: "
                        + "Invalid value: [\"cpu\"]: requests must not be below the limitRange min");
    }

    @Test
    void aChangedDefaultReachesAWaitingWorkloadButNotAnAdmittedOne() {
        Engine engine = new Engine(Configuration.DEFAULT);
        engine.applyAll(read(QUEUES + "---\n" + limitRange("{type: Container, defaultRequest: {cpu: \"1\"}}")
                + "---\n" + workload("first", "") + "---\n" + workload("second", "")));
        assertThat(engine.schedule(at(1)).admitted()).extracting(WorkloadInfo::key).containsExactly("team/first");
        // second (2 x 1 CPU) would fit next to first; with a default of 2 CPU it no longer does.
        engine.apply(read(limitRange("{type: Container, defaultRequest: {cpu: \"2\"}}")).get(0));
        assertThat(engine.schedule(at(2)).admitted()).isEmpty();
        assertThat(engine.pendingStatuses().get("team/second").reason()).isEqualTo(PendingStatus.WAITING_FOR_QUOTA);
        assertThat(cpuUsage(engine.workloads().stream().filter(w -> w.key().equals("team/first")).findFirst()
                .orElseThrow())).isEqualTo(2000);
    }

    private static final String KATA = """
            apiVersion: node.k8s.io/v1
            kind: RuntimeClass
            metadata: {name: kata}
            handler: kata
            overhead: {podFixed: {cpu: 500m}}
            """;

    @Test
    void aRuntimeClassOverheadIsChargedForAPodThatSetsNone() {
        Engine engine = new Engine(Configuration.DEFAULT);
        engine.applyAll(read(QUEUES + "---\n" + KATA + "---\n" + kataWorkload("kata", "")));
        assertThat(engine.schedule(at(1)).admitted()).extracting(w -> w.key() + "=" + cpuUsage(w))
                .containsExactly("team/kata=3000");

        Engine withOwn = new Engine(Configuration.DEFAULT);
        withOwn.applyAll(read(QUEUES + "---\n" + KATA + "---\n" + kataWorkload("own", ", overhead: {cpu: 100m}")));
        assertThat(withOwn.schedule(at(1)).admitted()).extracting(w -> w.key() + "=" + cpuUsage(w))
                .containsExactly("team/own=2200");
    }

    @Test
    void aRuntimeClassAppliedLaterReachesAWaitingWorkload() {
        Engine engine = new Engine(Configuration.DEFAULT);
        engine.applyAll(read(QUEUES + "---\n" + workload("first", ", resources: {requests: {cpu: \"1\"}}")
                + "---\n" + kataWorkload("kata", "")));
        engine.schedule(at(1)); // first takes 2 of the 4 CPU
        engine.apply(read(KATA).get(0)); // kata now needs 2 x 1.5 CPU, not 2 x 1
        assertThat(engine.schedule(at(2)).admitted()).isEmpty();
        engine.remove("team/first");
        assertThat(engine.schedule(at(3)).admitted()).extracting(w -> w.key() + "=" + cpuUsage(w))
                .containsExactly("team/kata=3000");
    }
}
