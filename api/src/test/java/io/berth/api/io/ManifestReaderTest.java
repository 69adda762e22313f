package io.berth.api.io;

import static io.berth.api.io.Yaml.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.KubeObject;
import io.berth.api.core.LabelSelector;
import io.berth.api.core.LabelSelectorRequirement;
import io.berth.api.core.Namespace;
import io.berth.api.core.NodeSelectorRequirement;
import io.berth.api.core.NodeSelectorTerm;
import io.berth.api.core.ObjectMeta;
import io.berth.api.core.Taint;
import io.berth.api.core.Toleration;
import io.berth.api.kueue.AdmissionMode;
import io.berth.api.kueue.BorrowWithinCohort;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.ClusterQueuePreemption;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.FlavorFungibility;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.FungibilityPolicy;
import io.berth.api.kueue.FungibilityPreference;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.api.kueue.PriorityClass;
import io.berth.api.kueue.PriorityClassRef;
import io.berth.api.kueue.QueueingStrategy;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.api.kueue.StopPolicy;
import io.berth.api.kueue.WorkloadPriorityClass;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind read from its v1beta1 and v1beta2 spellings gives the same record. */
class ManifestReaderTest {

    private static KubeObject only(String yaml) {
        Manifests m = read(yaml);
        assertThat(m.objects()).hasSize(1);
        return m.objects().get(0);
    }

    @Test
    void clusterQueueFromBothVersionsIsTheSame() {
        String body = """
                metadata:
                  name: team-a
                  labels: {tier: gold}
                spec:
                  %s: eng
                  namespaceSelector:
                    matchLabels: {dep: eng}
                    matchExpressions:
                    - {key: env, operator: NotIn, values: [test]}
                  queueingStrategy: StrictFIFO
                  stopPolicy: Hold
                  flavorFungibility:
                    whenCanBorrow: %s
                    whenCanPreempt: %s
                  preemption:
                    reclaimWithinCohort: Any
                    withinClusterQueue: LowerOrNewerEqualPriority
                    borrowWithinCohort: {policy: LowerPriority, maxPriorityThreshold: 100}
                  fairSharing: {weight: "2"}
                  admissionScope: {admissionMode: UsageBasedAdmissionFairSharing}
                  resourceGroups:
                  - coveredResources: [cpu, memory]
                    flavors:
                    - name: on-demand
                      resources:
                      - {name: cpu, nominalQuota: "10", borrowingLimit: 500m, lendingLimit: 2}
                      - {name: memory, nominalQuota: 64Gi}
                """;
        ClusterQueue v1 = (ClusterQueue) only("apiVersion: kueue.x-k8s.io/v1beta1\nkind: ClusterQueue\n"
                + body.formatted("cohort", "Borrow", "Preempt"));
        ClusterQueue v2 = (ClusterQueue) only("apiVersion: kueue.x-k8s.io/v1beta2\nkind: ClusterQueue\n"
                + body.formatted("cohortName", "MayStopSearch", "MayStopSearch"));
        assertThat(v2).isEqualTo(v1);
        assertThat(v1.metadata()).isEqualTo(new ObjectMeta("team-a", null, Map.of("tier", "gold"), Map.of(), null, null));
        assertThat(v1.cohort()).isEqualTo("eng");
        assertThat(v1.namespaceSelector()).isEqualTo(new LabelSelector(Map.of("dep", "eng"),
                List.of(new LabelSelectorRequirement("env", "NotIn", List.of("test")))));
        assertThat(v1.queueingStrategy()).isEqualTo(QueueingStrategy.StrictFIFO);
        assertThat(v1.stopPolicy()).isEqualTo(StopPolicy.Hold);
        assertThat(v1.flavorFungibility()).isEqualTo(
                new FlavorFungibility(FungibilityPolicy.MayStopSearch, FungibilityPolicy.MayStopSearch, null));
        assertThat(v1.preemption()).isEqualTo(new ClusterQueuePreemption(PreemptionPolicy.Any,
                new BorrowWithinCohort(PreemptionPolicy.LowerPriority, 100), PreemptionPolicy.LowerOrNewerEqualPriority));
        assertThat(v1.fairSharingWeight()).isEqualTo(2000);
        assertThat(v1.admissionMode()).isEqualTo(AdmissionMode.UsageBasedAdmissionFairSharing);
        assertThat(v1.resourceGroups()).containsExactly(new ResourceGroup(List.of("cpu", "memory"), List.of(
                new FlavorQuotas("on-demand", List.of(
                        new ResourceQuota("cpu", 10_000, 500L, 2000L),
                        new ResourceQuota("memory", 64L * 1024 * 1024 * 1024 * 1000, null, null))))));
    }

    @Test
    void clusterQueueDefaultsAreKueues() {
        ClusterQueue cq = (ClusterQueue) only("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: ClusterQueue
                metadata: {name: plain}
                """);
        assertThat(cq.cohort()).isNull();
        assertThat(cq.namespaceSelector()).as("absent selector selects no namespace").isNull();
        assertThat(cq.queueingStrategy()).isEqualTo(QueueingStrategy.BestEffortFIFO);
        assertThat(cq.flavorFungibility()).isEqualTo(FlavorFungibility.DEFAULT);
        assertThat(cq.preemption()).isEqualTo(ClusterQueuePreemption.DEFAULT);
        assertThat(cq.stopPolicy()).isEqualTo(StopPolicy.None);
        assertThat(cq.fairSharingWeight()).isEqualTo(1000);
        assertThat(cq.admissionMode()).isNull();
        assertThat(cq.resourceGroups()).isEmpty();
    }

    @Test
    void emptyNamespaceSelectorSelectsEverythingAndPartialSpecsKeepDefaults() {
        ClusterQueue cq = (ClusterQueue) only("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ClusterQueue
                metadata: {name: open}
                spec:
                  namespaceSelector: {}
                  flavorFungibility: {preference: BorrowingOverPreemption}
                  preemption: {withinClusterQueue: LowerPriority}
                """);
        assertThat(cq.namespaceSelector()).isSameAs(LabelSelector.EVERYTHING);
        assertThat(cq.flavorFungibility()).isEqualTo(new FlavorFungibility(FungibilityPolicy.MayStopSearch,
                FungibilityPolicy.TryNextFlavor, FungibilityPreference.BorrowingOverPreemption));
        assertThat(cq.preemption()).isEqualTo(new ClusterQueuePreemption(PreemptionPolicy.Never,
                BorrowWithinCohort.NEVER, PreemptionPolicy.LowerPriority));
    }

    @Test
    void cohortFromEveryVersionIsTheSame() {
        String body = """
                metadata: {name: child}
                spec:
                  %s: root
                  fairSharing: {weight: 500m}
                  resourceGroups:
                  - coveredResources: [cpu]
                    flavors:
                    - name: default
                      resources: [{name: cpu, nominalQuota: 4, lendingLimit: 1}]
                """;
        Cohort alpha = (Cohort) only("apiVersion: kueue.x-k8s.io/v1alpha1\nkind: Cohort\n" + body.formatted("parent"));
        Cohort beta1 = (Cohort) only("apiVersion: kueue.x-k8s.io/v1beta1\nkind: Cohort\n" + body.formatted("parent"));
        Cohort beta2 = (Cohort) only("apiVersion: kueue.x-k8s.io/v1beta2\nkind: Cohort\n" + body.formatted("parentName"));
        assertThat(beta1).isEqualTo(alpha);
        assertThat(beta2).isEqualTo(alpha);
        assertThat(alpha.parent()).isEqualTo("root");
        assertThat(alpha.fairSharingWeight()).isEqualTo(500);
        assertThat(alpha.resourceGroups().get(0).flavors().get(0).resources())
                .containsExactly(new ResourceQuota("cpu", 4000, null, 1000L));
    }

    @Test
    void localQueueFromBothVersionsIsTheSameAndDefaultsItsNamespace() {
        String body = """
                kind: LocalQueue
                metadata: {name: main}
                spec: {clusterQueue: team-a, stopPolicy: HoldAndDrain, fairSharing: {weight: 3}}
                """;
        LocalQueue v1 = (LocalQueue) only("apiVersion: kueue.x-k8s.io/v1beta1\n" + body);
        LocalQueue v2 = (LocalQueue) only("apiVersion: kueue.x-k8s.io/v1beta2\n" + body);
        assertThat(v2).isEqualTo(v1);
        assertThat(v1).isEqualTo(new LocalQueue(new ObjectMeta("main", "default", null, null, null, null),
                "team-a", StopPolicy.HoldAndDrain, 3000));
        assertThat(v1.ref()).isEqualTo("LocalQueue/default/main");
    }

    @Test
    void resourceFlavorFromBothVersionsIsTheSame() {
        String body = """
                kind: ResourceFlavor
                metadata: {name: spot}
                spec:
                  nodeLabels: {instance: spot}
                  nodeTaints: [{key: spot, value: "true", effect: NoSchedule}]
                  tolerations: [{key: gpu, operator: Exists, effect: NoExecute}]
                """;
        ResourceFlavor v1 = (ResourceFlavor) only("apiVersion: kueue.x-k8s.io/v1beta1\n" + body);
        ResourceFlavor v2 = (ResourceFlavor) only("apiVersion: kueue.x-k8s.io/v1beta2\n" + body);
        assertThat(v2).isEqualTo(v1);
        assertThat(v1.nodeLabels()).isEqualTo(Map.of("instance", "spot"));
        assertThat(v1.nodeTaints()).containsExactly(new Taint("spot", "true", "NoSchedule"));
        assertThat(v1.tolerations()).containsExactly(new Toleration("gpu", "Exists", null, "NoExecute"));
    }

    @Test
    void priorityClassesAndNamespaces() {
        Manifests m = read("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: WorkloadPriorityClass
                metadata: {name: high}
                value: 1000
                description: urgent work
                ---
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: WorkloadPriorityClass
                metadata: {name: high}
                value: 1000
                description: urgent work
                ---
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata: {name: system}
                value: -5
                globalDefault: true
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: team-a, labels: {dep: eng}}
                """);
        assertThat(m.objects()).containsExactly(
                new WorkloadPriorityClass(ObjectMeta.named("high"), 1000, "urgent work"),
                new WorkloadPriorityClass(ObjectMeta.named("high"), 1000, "urgent work"),
                new PriorityClass(ObjectMeta.named("system"), -5, true),
                new Namespace(new ObjectMeta("team-a", null, Map.of("dep", "eng"), null, null, null)));
    }

    @Test
    void podTemplateSchedulingConstraints() {
        var template = ((io.berth.api.kueue.Workload) only("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: Workload
                metadata: {name: w}
                spec:
                  podSets:
                  - count: 1
                    template:
                      spec:
                        nodeSelector: {zone: a}
                        tolerations: [{key: spot, value: "true", effect: NoSchedule}]
                        affinity:
                          nodeAffinity:
                            requiredDuringSchedulingIgnoredDuringExecution:
                              nodeSelectorTerms:
                              - matchExpressions:
                                - {key: gpu, operator: Exists}
                                - {key: cores, operator: Gt, values: ["8"]}
                              - matchExpressions:
                                - {key: zone, operator: In, values: [a, b]}
                """)).podSets().get(0).template();
        assertThat(template.nodeSelector()).isEqualTo(Map.of("zone", "a"));
        assertThat(template.tolerations()).containsExactly(new Toleration("spot", "Equal", "true", "NoSchedule"));
        assertThat(template.requiredNodeAffinity()).containsExactly(
                new NodeSelectorTerm(List.of(new NodeSelectorRequirement("gpu", "Exists", null),
                        new NodeSelectorRequirement("cores", "Gt", List.of("8")))),
                new NodeSelectorTerm(List.of(new NodeSelectorRequirement("zone", "In", List.of("a", "b")))));
        assertThat(template.requests()).isEmpty();
    }

    @Test
    void timesAreRfc3339() {
        KubeObject o = only("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: ns, creationTimestamp: "2026-01-01T02:00:00+02:00", uid: abc,
                           deletionTimestamp: "2026-01-02T00:00:00Z"}
                """);
        assertThat(o.metadata().creationTimestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(o.metadata().uid()).isEqualTo("abc");
        assertThat(o.metadata().deletionTimestamp()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    }

    @Test
    void priorityClassSourceEmptyMeansCorePriorityClass() {
        var w = (io.berth.api.kueue.Workload) only("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: Workload
                metadata: {name: w, namespace: team}
                spec:
                  priorityClassName: system
                  priorityClassSource: ""
                  podSets: [{count: 1, template: {spec: {}}}]
                """);
        assertThat(w.priorityClass()).isEqualTo(new PriorityClassRef(PriorityClassRef.SCHEDULING_GROUP, "system"));
        assertThat(w.priorityClass().isWorkloadPriorityClass()).isFalse();
    }

    @Test
    void anchorsAliasesAndMergeKeysAreResolvedAsKubernetesReadsThem() {
        // One document, as a scenario's objects: (anchors belong to their document).
        Manifests m = read("""
                objects:
                - apiVersion: kueue.x-k8s.io/v1beta2
                  kind: ResourceFlavor
                  metadata: {name: spot}
                  spec:
                    nodeLabels: &labels {pool: spot}
                    tolerations: &tolerations
                    - {key: spot, operator: Exists}
                - apiVersion: kueue.x-k8s.io/v1beta2
                  kind: ResourceFlavor
                  metadata: {name: spot-b}
                  spec:
                    nodeLabels:
                      <<: *labels
                      zone: b
                    tolerations: *tolerations
                """);
        ResourceFlavor b = (ResourceFlavor) m.objects().get(1);
        assertThat(b.nodeLabels()).isEqualTo(Map.of("pool", "spot", "zone", "b"));
        assertThat(b.tolerations()).containsExactly(new Toleration("spot", "Exists", null, null));
        assertThat(((ResourceFlavor) m.objects().get(0)).nodeLabels()).as("the anchored mapping itself is unchanged")
                .isEqualTo(Map.of("pool", "spot"));
    }

    @Test
    void aMappingsOwnKeysWinOverMergedOnes() {
        ResourceFlavor f = (ResourceFlavor) only("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ResourceFlavor
                metadata: {name: f}
                spec:
                  nodeLabels:
                    zone: mine
                    <<: [{zone: first, pool: first}, {pool: second, rack: second}]
                """);
        assertThat(f.nodeLabels()).isEqualTo(Map.of("zone", "mine", "pool", "first", "rack", "second"));
    }
}
