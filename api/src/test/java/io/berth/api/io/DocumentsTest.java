package io.berth.api.io;

import static io.berth.api.io.Yaml.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.config.FairSharingConfig;
import io.berth.api.core.Namespace;
import io.berth.api.kueue.ResourceFlavor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-document files, Lists, Configurations and scenario files. */
class DocumentsTest {

    @Test
    void documentsAreNumberedFromOneAndEmptyOnesAreSkipped() {
        Manifests m = read("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: a}
                ---
                # only a comment
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: b}
                ---
                """);
        assertThat(m.objects()).extracting(o -> o.metadata().name()).containsExactly("a", "b");
        assertThat(m.sources()).containsExactly(new Source("test.yaml", 1), new Source("test.yaml", 3));
        assertThat(m.configuration()).isEqualTo(Configuration.DEFAULT);
        assertThat(m.cycles()).isNull();
        assertThat(m.expect()).isEmpty();
    }

    @Test
    void aListContributesEachItem() {
        Manifests m = read("""
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: kueue.x-k8s.io/v1beta1, kind: ResourceFlavor, metadata: {name: default}}
                - {apiVersion: v1, kind: Namespace, metadata: {name: ns}}
                """);
        assertThat(m.objects()).hasSize(2);
        assertThat(m.objects().get(0)).isInstanceOf(ResourceFlavor.class);
        assertThat(m.objects().get(1)).isInstanceOf(Namespace.class);
        assertThat(m.sources()).containsOnly(new Source("test.yaml", 1));
    }

    @Test
    void aKueueConfigurationDocumentSetsTheConfiguration() {
        Manifests m = read("""
                apiVersion: config.kueue.x-k8s.io/v1beta1
                kind: Configuration
                namespace: kueue-system
                manageJobsWithoutQueueName: true
                fairSharing:
                  enable: true
                  preemptionStrategies: [LessThanInitialShare]
                """);
        assertThat(m.objects()).isEmpty();
        assertThat(m.configuration()).isEqualTo(
                new Configuration(new FairSharingConfig(true, List.of("LessThanInitialShare"))));
    }

    @Test
    void configurationFromBothVersionsAndFromAScenarioIsTheSame() {
        String fields = "fairSharing: {enable: true, preemptionStrategies: [LessThanInitialShare]}\n";
        Configuration v1 = read("apiVersion: config.kueue.x-k8s.io/v1beta1\nkind: Configuration\n" + fields).configuration();
        Configuration v2 = read("apiVersion: config.kueue.x-k8s.io/v1beta2\nkind: Configuration\n" + fields).configuration();
        Configuration scenario = read("objects: []\nconfig:\n  " + fields).configuration();
        assertThat(v2).isEqualTo(v1);
        assertThat(scenario).isEqualTo(v1);
    }

    @Test
    void aScenarioCarriesObjectsConfigCyclesAndExpect() {
        Manifests m = read("""
                source: somewhere
                description: what it tests
                config:
                  fairSharing: {enable: true, preemptionStrategies: [LessThanOrEqualToFinalShare, LessThanInitialShare]}
                cycles: 3
                objects:
                - {apiVersion: kueue.x-k8s.io/v1beta1, kind: ResourceFlavor, metadata: {name: default}}
                expect:
                  admitted:
                    ns/b: {clusterQueue: cq, count: {main: 3}}
                    ns/a: {clusterQueue: cq}
                  preempted: [ns/c]
                  pending: []
                """);
        assertThat(m.objects()).hasSize(1);
        assertThat(m.configuration().fairSharing())
                .isEqualTo(new FairSharingConfig(true, List.of("LessThanOrEqualToFinalShare", "LessThanInitialShare")));
        assertThat(m.cycles()).isEqualTo(3);
        assertThat(m.expect()).isInstanceOf(LinkedHashMap.class).containsOnlyKeys("admitted", "preempted", "pending");
        @SuppressWarnings("unchecked")
        Map<String, Object> admitted = (Map<String, Object>) m.expect().get("admitted");
        assertThat(admitted.keySet()).containsExactly("ns/b", "ns/a");
        assertThat(admitted.get("ns/b")).isEqualTo(Map.of("clusterQueue", "cq", "count", Map.of("main", 3)));
        assertThat(m.expect().get("preempted")).isEqualTo(List.of("ns/c"));
    }

    @Test
    void yamlNumbersAreAcceptedAsQuantities() {
        Manifests m = read("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: ClusterQueue
                metadata: {name: cq}
                spec:
                  resourceGroups:
                  - coveredResources: [cpu, memory]
                    flavors:
                    - name: default
                      resources: [{name: cpu, nominalQuota: 0.5}, {name: memory, nominalQuota: 1.5e3}]
                """);
        var quotas = ((io.berth.api.kueue.ClusterQueue) m.objects().get(0)).resourceGroups().get(0).flavors().get(0)
                .resources();
        assertThat(quotas.get(0).nominalQuota()).isEqualTo(500);
        assertThat(quotas.get(1).nominalQuota()).isEqualTo(1_500_000);
    }

    @Test
    void readsFilesInOrderAndReportsMissingOnes(@TempDir Path dir) throws IOException {
        Path first = dir.resolve("flavors.yaml");
        Files.writeString(first, "apiVersion: v1\nkind: Namespace\nmetadata: {name: one}\n");
        Path second = dir.resolve("more.yaml");
        Files.writeString(second, "---\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: two}\n");
        Manifests m = new ManifestReader().read(List.of(first, second));
        assertThat(m.objects()).extracting(KubeObject::ref).containsExactly("Namespace/one", "Namespace/two");
        assertThat(m.sources()).containsExactly(new Source(first.toString(), 1), new Source(second.toString(), 2));

        Path missing = dir.resolve("missing.yaml");
        InputException e = catchThrowableOfType(InputException.class,
                () -> new ManifestReader().read(List.of(first, missing)));
        assertThat(e.errors()).containsExactly(new InputError(missing.toString(), 0, null, null, "cannot read: no such file"));
    }
}
