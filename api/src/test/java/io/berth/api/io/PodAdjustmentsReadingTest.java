package io.berth.api.io;

import static io.berth.api.io.Yaml.readError;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.core.LimitRange;
import io.berth.api.core.PodResources;
import io.berth.api.core.RuntimeClass;
import io.berth.api.kueue.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** v1 LimitRanges, node.k8s.io/v1 RuntimeClasses, and the resources blocks of pod templates they adjust. */
class PodAdjustmentsReadingTest {
    @Test
    void readsEveryTypeWithItsDefaultsAndBounds() {
        Manifests m = new ManifestReader().read("test.yaml", """
                apiVersion: v1
                kind: LimitRange
                metadata: {name: limits, namespace: team}
                spec:
                  limits:
                  - {type: Container, default: {cpu: 500m}, defaultRequest: {cpu: 250m}, max: {cpu: "2"}, min: {cpu: 100m}}
                  - {type: Pod, max: {memory: 1Gi}}
                  - {type: PersistentVolumeClaim, max: {storage: 5Gi}, maxLimitRequestRatio: {cpu: "4"}}
                """);
        LimitRange lr = (LimitRange) m.objects().get(0);
        assertThat(lr.metadata().key()).isEqualTo("team/limits");
        assertThat(lr.limits()).containsExactly(
                new LimitRange.Item("Container", Map.of("cpu", 2000L), Map.of("cpu", 100L), Map.of("cpu", 500L),
                        Map.of("cpu", 250L)),
                new LimitRange.Item("Pod", Map.of("memory", 1024L * 1024 * 1024 * 1000), Map.of(), Map.of(), Map.of()),
                new LimitRange.Item("PersistentVolumeClaim", Map.of("storage", 5L * 1024 * 1024 * 1024 * 1000),
                        Map.of(), Map.of(), Map.of()));
    }

    @Test
    void anUnknownTypeIsAnError() {
        InputError e = readError("""
                apiVersion: v1
                kind: LimitRange
                metadata: {name: limits, namespace: team}
                spec: {limits: [{type: Node, max: {cpu: "1"}}]}
                """);
        assertThat(e).isEqualTo(new InputError("test.yaml", 1, "LimitRange/team/limits", "spec.limits[0].type",
                "unknown value \"Node\"; expected one of Container, Pod, PersistentVolumeClaim"));
    }

    @Test
    void aBadQuantityIsAnError() {
        InputError e = readError("""
                apiVersion: v1
                kind: LimitRange
                metadata: {name: limits, namespace: team}
                spec: {limits: [{type: Container, defaultRequest: {cpu: lots}}]}
                """);
        assertThat(e.field()).isEqualTo("spec.limits[0].defaultRequest[cpu]");
        assertThat(e.object()).isEqualTo("LimitRange/team/limits");
    }

    @Test
    void withoutLimitsIsAnError() {
        InputError e = readError("""
                apiVersion: v1
                kind: LimitRange
                metadata: {name: limits, namespace: team}
                spec: {}
                """);
        assertThat(e).isEqualTo(new InputError("test.yaml", 1, "LimitRange/team/limits", "spec.limits",
                "required: expected a list of limits, found nothing"));
    }

    @Test
    void podTemplatesKeepTheirResourcesBlocksAsWritten() {
        Workload w = (Workload) new ManifestReader().read("test.yaml", """
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: Workload
                metadata: {name: w, namespace: team}
                spec:
                  podSets:
                  - name: main
                    count: 1
                    template:
                      spec:
                        initContainers:
                        - {name: sidecar, restartPolicy: Always, resources: {requests: {cpu: 100m}}}
                        containers:
                        - {name: a, resources: {limits: {cpu: "1"}}}
                        - {name: b}
                        overhead: {cpu: 10m}
                        runtimeClassName: kata
                """).objects().get(0);
        PodResources r = w.podSets().get(0).template().resources();
        assertThat(r.initContainers()).containsExactly(new PodResources.Block(Map.of("cpu", 100L), Map.of(), true));
        assertThat(r.containers()).containsExactly(new PodResources.Block(Map.of(), Map.of("cpu", 1000L), false),
                new PodResources.Block(Map.of(), Map.of(), false));
        assertThat(r.pod()).isNull();
        assertThat(r.runtimeClassName()).isEqualTo("kata");
        // Its own overhead stays; the class's only counts for a pod that sets none.
        assertThat(r.withRuntimeClassOverhead(Map.of("cpu", 250L))).isSameAs(r);
        // The limit stands in for a's missing request; the sidecar runs alongside; overhead is added.
        assertThat(w.podSets().get(0).template().requests()).isEqualTo(Map.of("cpu", 1110L));
        PodResources defaulted = r.withDefaults(Map.of("cpu", 2000L), Map.of("cpu", 500L, "memory", 1000L), Map.of(),
                Map.of());
        assertThat(defaulted.requests()).isEqualTo(Map.of("cpu", 100L + 500 + 500 + 10, "memory", 3000L));
        assertThat(defaulted.requestsAboveLimits()).isEmpty();
        assertThat(r.withDefaults(Map.of(), Map.of("cpu", 1500L), Map.of(), Map.of()).requestsAboveLimits())
                .extracting(a -> a.path()).containsExactly("containers[0]");
        assertThat(List.of(r.withDefaults(Map.of(), Map.of(), Map.of(), Map.of()))).containsExactly(r);
    }

    @Test
    void readsARuntimeClassOverhead() {
        RuntimeClass rc = (RuntimeClass) new ManifestReader().read("test.yaml", """
                apiVersion: node.k8s.io/v1
                kind: RuntimeClass
                metadata: {name: kata}
                handler: kata
                overhead: {podFixed: {cpu: 250m, memory: 120Mi}}
                """).objects().get(0);
        assertThat(rc.metadata().name()).isEqualTo("kata");
        assertThat(rc.podFixedOverhead()).isEqualTo(Map.of("cpu", 250L, "memory", 120L * 1024 * 1024 * 1000));
    }
}
