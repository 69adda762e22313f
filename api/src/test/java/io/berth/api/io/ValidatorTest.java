package io.berth.api.io;

import static io.berth.api.io.Yaml.readValid;
import static io.berth.api.io.Yaml.validationError;
import static io.berth.api.io.Yaml.validationErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.berth.api.kueue.LocalQueue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per Kueue validation rule; each asserts file, document, object, field and message. */
class ValidatorTest {
    private static final String QUOTA_CPU = """
                - coveredResources: [cpu]
                  flavors:
                  - name: default
                    resources: [{name: cpu, nominalQuota: 10}]
            """;

    private static void assertError(InputError e, int document, String object, String field, String message) {
        assertThat(e).isEqualTo(new InputError("test.yaml", document, object, field, message));
    }

    /** A ClusterQueue named cq as document 1 with the given (already indented) spec lines. */
    private static String cq(String spec) {
        return "apiVersion: kueue.x-k8s.io/v1beta1\nkind: ClusterQueue\nmetadata: {name: cq}\nspec:\n" + spec;
    }

    private static String workload(String spec) {
        return "apiVersion: kueue.x-k8s.io/v1beta1\nkind: Workload\nmetadata: {name: w, namespace: ns}\nspec:\n" + spec;
    }

    private static String podSet(String name, int count) {
        return "  - {name: " + name + ", count: " + count + ", template: {spec: {}}}\n";
    }

    @Test
    void minRuntimeAnnotationMustBeADuration() {
        InputError e = validationError("apiVersion: kueue.x-k8s.io/v1beta1\nkind: ClusterQueue\n"
                + "metadata: {name: cq, annotations: {berth.io/preemption-min-runtime: soon}}\nspec:\n  resourceGroups:\n"
                + QUOTA_CPU);
        assertError(e, 1, "ClusterQueue/cq", "metadata.annotations[berth.io/preemption-min-runtime]",
                "invalid duration \"soon\": expected a duration such as 30s, 5m or 1h30m");
    }

    @Test
    void flavorInTwoResourceGroups() {
        InputError e = validationError(cq("""
                  resourceGroups:
                  - coveredResources: [cpu]
                    flavors: [{name: default, resources: [{name: cpu, nominalQuota: 1}]}]
                  - coveredResources: [memory]
                    flavors: [{name: default, resources: [{name: memory, nominalQuota: 1Gi}]}]
                """));
        assertThat(e).isEqualTo(new InputError("test.yaml", 1, "ClusterQueue/cq", "spec.resourceGroups[1].flavors[0].name",
                "duplicate flavor \"default\": already listed at spec.resourceGroups[0].flavors[0]"));
    }

    @Test
    void resourceInTwoResourceGroups() {
        InputError e = validationError(cq("""
                  resourceGroups:
                  - coveredResources: [cpu]
                    flavors: [{name: a, resources: [{name: cpu, nominalQuota: 1}]}]
                  - coveredResources: [cpu]
                    flavors: [{name: b, resources: [{name: cpu, nominalQuota: 1}]}]
                """));
        assertError(e, 1, "ClusterQueue/cq", "spec.resourceGroups[1].coveredResources[0]",
                "duplicate resource \"cpu\": already covered by spec.resourceGroups[0]");
    }

    @Test
    void moreThanSixteenResourceGroups() {
        StringBuilder spec = new StringBuilder("  resourceGroups:\n");
        for (int i = 0; i < 17; i++) {
            spec.append("  - coveredResources: [r").append(i).append("]\n")
                    .append("    flavors: [{name: f").append(i).append(", resources: [{name: r").append(i)
                    .append(", nominalQuota: 1}]}]\n");
        }
        InputError e = validationError(cq(spec.toString()));
        assertError(e, 1, "ClusterQueue/cq", "spec.resourceGroups",
                "at most 16 resource groups are allowed; found 17");
    }

    /** groups groups of flavors x resources each, every flavor giving quota for every resource of its group. */
    private static String groups(int groups, int flavors, int resources) {
        StringBuilder spec = new StringBuilder("  cohort: all\n  resourceGroups:\n");
        for (int g = 0; g < groups; g++) {
            StringBuilder covered = new StringBuilder();
            StringBuilder quotas = new StringBuilder();
            for (int r = 0; r < resources; r++) {
                covered.append(r == 0 ? "" : ", ").append("example.com/r").append(g).append('-').append(r);
                quotas.append(r == 0 ? "" : ", ").append("{name: example.com/r").append(g).append('-').append(r)
                        .append(", nominalQuota: 1}");
            }
            spec.append("  - coveredResources: [").append(covered).append("]\n    flavors:\n");
            for (int f = 0; f < flavors; f++) {
                spec.append("    - {name: f").append(g).append('-').append(f).append(", resources: [").append(quotas)
                        .append("]}\n");
            }
        }
        return cq(spec.toString());
    }

    @Test
    void kueuesCapsAcrossResourceGroups() {
        assertError(validationError(groups(1, 9, 57)), 1, "ClusterQueue/cq", "spec.resourceGroups[0]",
                "at most 512 flavor-resource combinations are allowed in a resource group; found 513");
        assertError(validationError(groups(5, 52, 1)), 1, "ClusterQueue/cq", "spec.resourceGroups",
                "at most 256 flavors are allowed across all resource groups; found 260");
        assertError(validationError(groups(5, 1, 52)), 1, "ClusterQueue/cq", "spec.resourceGroups",
                "at most 256 covered resources are allowed across all resource groups; found 260");
        readValid(groups(4, 64, 2));
        readValid(groups(1, 8, 64));
    }

    @Test
    void moreThanSixtyFourFlavorsInAGroup() {
        StringBuilder spec = new StringBuilder("  resourceGroups:\n  - coveredResources: [cpu]\n    flavors:\n");
        for (int i = 0; i < 65; i++) {
            spec.append("    - {name: f").append(i).append(", resources: [{name: cpu, nominalQuota: 1}]}\n");
        }
        InputError e = validationError(cq(spec.toString()));
        assertError(e, 1, "ClusterQueue/cq", "spec.resourceGroups[0].flavors",
                "at most 64 flavors are allowed; found 65");
    }

    @Test
    void moreThanSixtyFourCoveredResources() {
        StringBuilder covered = new StringBuilder();
        StringBuilder quotas = new StringBuilder();
        for (int i = 0; i < 65; i++) {
            covered.append(i == 0 ? "" : ", ").append("r").append(i);
            quotas.append(i == 0 ? "" : ", ").append("{name: r").append(i).append(", nominalQuota: 1}");
        }
        InputError e = validationError(cq("  resourceGroups:\n  - coveredResources: [" + covered + "]\n"
                + "    flavors: [{name: f, resources: [" + quotas + "]}]\n"));
        assertError(e, 1, "ClusterQueue/cq", "spec.resourceGroups[0].coveredResources",
                "at most 64 resources are allowed; found 65");
    }

    @Test
    void emptyGroupNeedsResourcesAndFlavors() {
        List<InputError> errors = validationErrors(cq("  resourceGroups: [{coveredResources: [], flavors: []}]\n"));
        assertThat(errors).extracting(InputError::file, InputError::document, InputError::object).containsOnly(
                tuple("test.yaml", 1, "ClusterQueue/cq"));
        assertThat(errors).extracting(InputError::field, InputError::message).containsExactly(
                tuple("spec.resourceGroups[0].coveredResources", "at least one resource is required"),
                tuple("spec.resourceGroups[0].flavors", "at least one flavor is required"));
    }

    @Test
    void flavorMustListEveryCoveredResource() {
        InputError e = validationError(cq("""
                  resourceGroups:
                  - coveredResources: [cpu, memory]
                    flavors: [{name: default, resources: [{name: cpu, nominalQuota: 1}]}]
                """));
        assertError(e, 1, "ClusterQueue/cq", "spec.resourceGroups[0].flavors[0].resources",
                "must have the same number of resources as the coveredResources: expected 2 (cpu, memory), found 1");
    }

    @Test
    void flavorResourceNotCovered() {
        InputError e = validationError(cq("""
                  resourceGroups:
                  - coveredResources: [cpu]
                    flavors: [{name: default, resources: [{name: example.com/gpu, nominalQuota: 1}]}]
                """));
        assertError(e, 1, "ClusterQueue/cq", "spec.resourceGroups[0].flavors[0].resources[0].name",
                "resource \"example.com/gpu\" is not covered: the group's coveredResources are cpu");
    }

    @Test
    void flavorResourcesInTheCoveredOrder() {
        InputError e = validationErrors(cq("""
                  resourceGroups:
                  - coveredResources: [cpu, memory]
                    flavors:
                    - name: default
                      resources: [{name: memory, nominalQuota: 1Gi}, {name: cpu, nominalQuota: 1}]
                """)).get(0);
        assertError(e, 1, "ClusterQueue/cq", "spec.resourceGroups[0].flavors[0].resources[0].name",
                "must match the name in coveredResources, in the same order: expected \"cpu\", found \"memory\"");
    }

    @Test
    void negativeQuota() {
        List<InputError> errors = validationErrors(cq("""
                  cohort: all
                  resourceGroups:
                  - coveredResources: [memory]
                    flavors:
                    - name: default
                      resources: [{name: memory, nominalQuota: -1Gi, borrowingLimit: -1, lendingLimit: -500m}]
                """));
        assertThat(errors).extracting(InputError::file, InputError::document, InputError::object).containsOnly(
                tuple("test.yaml", 1, "ClusterQueue/cq"));
        assertThat(errors).extracting(InputError::field, InputError::message).containsExactly(
                tuple("spec.resourceGroups[0].flavors[0].resources[0].nominalQuota",
                        "must be greater than or equal to 0; found -1Gi"),
                tuple("spec.resourceGroups[0].flavors[0].resources[0].borrowingLimit",
                        "must be greater than or equal to 0; found -1"),
                tuple("spec.resourceGroups[0].flavors[0].resources[0].lendingLimit",
                        "must be greater than or equal to 0; found -500m"));
    }

    @Test
    void lendingLimitAboveNominalQuota() {
        InputError e = validationError(cq("""
                  cohort: all
                  resourceGroups:
                  - coveredResources: [cpu]
                    flavors: [{name: default, resources: [{name: cpu, nominalQuota: 5, lendingLimit: 6}]}]
                """));
        assertError(e, 1, "ClusterQueue/cq", "spec.resourceGroups[0].flavors[0].resources[0].lendingLimit",
                "must be less than or equal to the nominalQuota (5); found 6");
    }

    @Test
    void borrowingLimitWithoutCohort() {
        InputError e = validationError(cq("""
                  resourceGroups:
                  - coveredResources: [cpu]
                    flavors: [{name: default, resources: [{name: cpu, nominalQuota: 5, borrowingLimit: 0}]}]
                """));
        assertThat(e).isEqualTo(new InputError("test.yaml", 1, "ClusterQueue/cq",
                "spec.resourceGroups[0].flavors[0].resources[0].borrowingLimit",
                "must be empty when the ClusterQueue has no cohort; found 0"));
    }

    @Test
    void lendingLimitWithoutCohort() {
        InputError e = validationError(cq("""
                  resourceGroups:
                  - coveredResources: [cpu]
                    flavors: [{name: default, resources: [{name: cpu, nominalQuota: 5, lendingLimit: 1}]}]
                """));
        assertError(e, 1, "ClusterQueue/cq", "spec.resourceGroups[0].flavors[0].resources[0].lendingLimit",
                "must be empty when the ClusterQueue has no cohort; found 1");
    }

    @Test
    void cohortLimitWithoutParent() {
        InputError e = validationError("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: Cohort
                metadata: {name: root}
                spec:
                  resourceGroups:
                  - coveredResources: [cpu]
                    flavors: [{name: default, resources: [{name: cpu, nominalQuota: 5, borrowingLimit: 1}]}]
                """);
        assertError(e, 1, "Cohort/root", "spec.resourceGroups[0].flavors[0].resources[0].borrowingLimit",
                "must be empty when the Cohort has no parent; found 1");
    }

    @Test
    void fungibilityPreferenceNeedsTryNextFlavorForBoth() {
        InputError e = validationError(cq("""
                  flavorFungibility: {whenCanBorrow: TryNextFlavor, whenCanPreempt: Preempt, preference: PreemptionOverBorrowing}
                """));
        assertError(e, 1, "ClusterQueue/cq", "spec.flavorFungibility.preference",
                "may only be set when whenCanBorrow and whenCanPreempt are both TryNextFlavor; "
                + "found whenCanBorrow TryNextFlavor, whenCanPreempt MayStopSearch");
    }

    @Test
    void borrowWithinCohortNeedsReclaim() {
        InputError e = validationError(cq("""
                  cohort: all
                  preemption:
                    reclaimWithinCohort: Never
                    borrowWithinCohort: {policy: LowerPriority}
                """));
        assertError(e, 1, "ClusterQueue/cq", "spec.preemption.borrowWithinCohort.policy",
                "must be Never when reclaimWithinCohort is Never; found LowerPriority");
    }

    @Test
    void workloadNeedsAPodSet() {
        InputError e = validationError(workload("  queueName: q\n"));
        assertThat(e).isEqualTo(new InputError("test.yaml", 1, "Workload/ns/w", "spec.podSets",
                "at least one pod set is required"));
    }

    @Test
    void atMostEighteenPodSets() {
        StringBuilder spec = new StringBuilder("  podSets:\n");
        for (int i = 0; i < 18; i++) {
            spec.append(podSet("p" + i, 1));
        }
        readValid(workload(spec.toString()));
        InputError e = validationError(workload(spec.append(podSet("p18", 1)).toString()));
        assertError(e, 1, "Workload/ns/w", "spec.podSets",
                "at most 18 pod sets are allowed; found 19");
    }

    @Test
    void podSetNamesAreUnique() {
        InputError e = validationError(workload("  podSets:\n" + podSet("main", 1) + podSet("main", 2)));
        assertError(e, 1, "Workload/ns/w", "spec.podSets[1].name",
                "duplicate pod set name \"main\": already used by spec.podSets[0]");
    }

    @Test
    void podSetCountIsNotNegative() {
        InputError e = validationError(workload("  podSets:\n" + podSet("main", -1)));
        assertError(e, 1, "Workload/ns/w", "spec.podSets[0].count",
                "must be greater than or equal to 0; found -1");
    }

    @Test
    void minCountBetweenOneAndCount() {
        List<InputError> errors = validationErrors(workload("""
                  podSets:
                  - {name: a, count: 3, minCount: 4, template: {spec: {}}}
                """ + "---\n" + workload("""
                  podSets:
                  - {name: a, count: 3, minCount: 0, template: {spec: {}}}
                """).replace("name: w,", "name: v,")));
        assertThat(errors).extracting(InputError::document, InputError::object, InputError::field, InputError::message)
                .containsExactly(
                        tuple(1, "Workload/ns/w", "spec.podSets[0].minCount", "must be between 1 and count (3); found 4"),
                        tuple(2, "Workload/ns/v", "spec.podSets[0].minCount", "must be between 1 and count (3); found 0"));
    }

    @Test
    void onlyOnePodSetMaySetMinCount() {
        InputError e = validationError(workload("""
                  podSets:
                  - {name: a, count: 3, minCount: 1, template: {spec: {}}}
                  - {name: b, count: 3, minCount: 1, template: {spec: {}}}
                """));
        assertError(e, 1, "Workload/ns/w", "spec.podSets[1].minCount",
                "only one pod set may set minCount; spec.podSets[0] already does");
    }

    @Test
    void negativeRequests() {
        InputError e = validationError(workload("""
                  podSets:
                  - name: main
                    count: 1
                    template: {spec: {containers: [{resources: {requests: {cpu: -1}}}]}}
                """));
        assertError(e, 1, "Workload/ns/w", "spec.podSets[0].template.spec",
                "requests must not be negative; found cpu -1 per pod");
    }

    /** A Workload named w with the given admission-gated-by annotation and one pod set. */
    private static String gated(String gates) {
        return "apiVersion: kueue.x-k8s.io/v1beta1\nkind: Workload\nmetadata: {name: w, namespace: ns, annotations: "
                + "{kueue.x-k8s.io/admission-gated-by: \"" + gates + "\"}}\nspec:\n  podSets:\n" + podSet("main", 1);
    }

    @Test
    void admissionGatesAreDomainPrefixedPaths() {
        String field = "metadata.annotations[kueue.x-k8s.io/admission-gated-by]";
        assertError(validationError(gated("controller")), 1, "Workload/ns/w", field,
                "invalid gate name \"controller\": expected a domain-prefixed path such as \"example.com/controller\"");
        assertError(validationError(gated("Example.com/c")), 1, "Workload/ns/w", field,
                "invalid gate name \"Example.com/c\": expected a domain-prefixed path such as \"example.com/controller\"");
        assertError(validationError(gated("example.com/")), 1, "Workload/ns/w", field,
                "invalid gate name \"example.com/\": expected a domain-prefixed path such as \"example.com/controller\"");
        String tooLong = "example.com/" + "c".repeat(52);
        assertError(validationError(gated(tooLong)), 1, "Workload/ns/w", field,
                "gate name \"" + tooLong + "\" is longer than 63 characters");
    }

    @Test
    void admissionGatesNeitherEmptyNorRepeated() {
        String field = "metadata.annotations[kueue.x-k8s.io/admission-gated-by]";
        assertThat(validationErrors(gated("a.io/x,,b.io/y, a.io/x")))
                .extracting(InputError::field, InputError::message)
                .containsExactly(tuple(field, "gate names must not be empty; found \"a.io/x,,b.io/y, a.io/x\""),
                        tuple(field, "duplicate gate name \"a.io/x\""));
        readValid(gated("example.com/a, not.example.com/b"));
        readValid(gated("example.com/" + "c".repeat(51)));
    }

    @Test
    void maximumExecutionTimeIsAtLeastASecond() {
        InputError e = validationError(workload("  maximumExecutionTimeSeconds: 0\n  podSets:\n" + podSet("main", 1)));
        assertError(e, 1, "Workload/ns/w", "spec.maximumExecutionTimeSeconds", "must be at least 1; found 0");
        readValid(workload("  maximumExecutionTimeSeconds: 1\n  podSets:\n" + podSet("main", 1)));
    }

    @Test
    void podSetNamesAreDnsLabels() {
        InputError e = validationError(workload("  podSets:\n" + podSet("Main", 1)));
        assertError(e, 1, "Workload/ns/w", "spec.podSets[0].name",
                "invalid pod set name \"Main\": expected a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)");
        readValid(workload("  podSets:\n" + podSet("p".repeat(63), 1)));
    }

    @Test
    void reclaimablePodsNameAPodSetAndFitItsCount() {
        List<InputError> errors = validationErrors(workload("  podSets:\n" + podSet("main", 2)) + """
                status:
                  reclaimablePods: [{name: workers, count: 1}, {name: main, count: 3}]
                """);
        assertThat(errors).extracting(InputError::field, InputError::message).containsExactly(
                tuple("status.reclaimablePods[main].count", "must be between 0 and the pod set's count (2); found 3"),
                tuple("status.reclaimablePods[workers].name", "unknown pod set \"workers\"; expected one of main"));
        readValid(workload("  podSets:\n" + podSet("main", 2)) + "status:\n  reclaimablePods: [{name: main, count: 2}]\n");
    }

    @Test
    void anAssignmentsUsageIsAMultipleOfItsCount() {
        String admitted = workload("  podSets:\n" + podSet("main", 3)) + """
                status:
                  conditions:
                  - {type: QuotaReserved, status: "True", reason: QuotaReserved, lastTransitionTime: "2026-01-01T00:00:00Z"}
                  admission:
                    clusterQueue: cq
                """;
        List<InputError> errors = validationErrors(admitted + "    podSetAssignments: [{name: main, count: 3, "
                + "flavors: {cpu: f}, resourceUsage: {cpu: 1, memory: 4, example.com/gpu: 1500m}}]\n");
        // cpu in milli-units (1000m is not a multiple of 3); the others in whole units, rounded up (1500m is 2).
        assertThat(errors).extracting(InputError::field, InputError::message).containsExactly(
                tuple("status.admission.podSetAssignments[0].resourceUsage[cpu]", "1 is not a multiple of the count, 3"),
                tuple("status.admission.podSetAssignments[0].resourceUsage[example.com/gpu]",
                        "1500m is not a multiple of the count, 3"),
                tuple("status.admission.podSetAssignments[0].resourceUsage[memory]", "4 is not a multiple of the count, 3"));
        readValid(admitted + "    podSetAssignments: [{name: main, count: 3, flavors: {cpu: f}, "
                + "resourceUsage: {cpu: 1500m, memory: 3Gi, example.com/gpu: 2500m}}]\n");
    }

    @Test
    void fairSharingWeightsAreNotNegative() {
        InputError e = validationError(cq("  fairSharing: {weight: \"-0.5\"}\n  resourceGroups:\n" + QUOTA_CPU));
        assertError(e, 1, "ClusterQueue/cq", "spec.fairSharing.weight", "must be greater than or equal to 0; found -500m");
        InputError c = validationError("apiVersion: kueue.x-k8s.io/v1beta2\nkind: Cohort\nmetadata: {name: c}\n"
                + "spec: {fairSharing: {weight: -1}}\n");
        assertError(c, 1, "Cohort/c", "spec.fairSharing.weight", "must be greater than or equal to 0; found -1");
        readValid(cq("  fairSharing: {weight: 0}\n  resourceGroups:\n" + QUOTA_CPU));
    }

    private static String flavor(String spec) {
        return "apiVersion: kueue.x-k8s.io/v1beta2\nkind: ResourceFlavor\nmetadata: {name: f}\nspec:\n" + spec;
    }

    @Test
    void flavorLabelsAndTaintsAreKubernetesNamesAndValues() {
        List<InputError> errors = validationErrors(flavor("""
                  nodeLabels: {"bad key!": a, zone: "-x"}
                  nodeTaints:
                  - {key: gpu, value: "true", effect: NoSchedule}
                  - {key: gpu, value: "false", effect: NoSchedule}
                  - {key: gpu, value: "true", effect: NoExecute}
                  - {key: "a/b/c", effect: NoSchedule}
                """));
        assertThat(errors).extracting(InputError::field, InputError::message).containsExactly(
                tuple("spec.nodeLabels", "invalid label key \"bad key!\": expected a qualified name (an optional DNS "
                        + "subdomain and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a "
                        + "letter or digit)"),
                tuple("spec.nodeLabels[zone]", "invalid label value \"-x\": expected at most 63 letters, digits, '-', '_' "
                        + "or '.', starting and ending with a letter or digit"),
                tuple("spec.nodeTaints[1]", "duplicate taint gpu=false:NoSchedule: taints must be unique by key and effect"),
                tuple("spec.nodeTaints[3].key", "invalid taint key \"a/b/c\": expected a qualified name (an optional DNS "
                        + "subdomain and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a "
                        + "letter or digit)"));
        readValid(flavor("  nodeLabels: {cloud.google.com/gke-accelerator: nvidia-a100, empty: \"\"}\n"
                + "  nodeTaints: [{key: example.com/gpu, value: present, effect: NoSchedule}]\n"));
    }

    @Test
    void flavorTolerationsFollowTheSchemasRules() {
        List<InputError> errors = validationErrors(flavor("""
                  tolerations:
                  - {operator: Equal, value: x}
                  - {key: spot, operator: Exists, value: "yes"}
                """));
        assertThat(errors).extracting(InputError::field, InputError::message).containsExactly(
                tuple("spec.tolerations[0].operator", "must be Exists when key is empty (which matches every key); found Equal"),
                tuple("spec.tolerations[1].value", "must be empty when operator is Exists; found \"yes\""));
        readValid(flavor("  tolerations: [{operator: Exists}, {key: spot, operator: Exists, effect: NoSchedule}]\n"));
    }

    @Test
    void atMostEightFlavorLabels() {
        StringBuilder labels = new StringBuilder("  nodeLabels: {");
        for (int i = 0; i < 9; i++) {
            labels.append(i == 0 ? "" : ", ").append("k").append(i).append(": v");
        }
        InputError e = validationError(flavor(labels + "}\n"));
        assertError(e, 1, "ResourceFlavor/f", "spec.nodeLabels", "at most 8 node labels are allowed; found 9");
    }

    @Test
    void coveredResourcesAreQualifiedNames() {
        InputError e = validationError(cq("""
                  resourceGroups:
                  - coveredResources: ["@cpu"]
                    flavors: [{name: default, resources: [{name: "@cpu", nominalQuota: 1}]}]
                """));
        assertError(e, 1, "ClusterQueue/cq", "spec.resourceGroups[0].coveredResources[0]",
                "invalid resource name \"@cpu\": expected a qualified name such as cpu or example.com/gpu");
        readValid(cq("""
                  resourceGroups:
                  - coveredResources: [nvidia.com/gpu]
                    flavors: [{name: default, resources: [{name: nvidia.com/gpu, nominalQuota: 1}]}]
                """));
    }

    @Test
    void namespaceSelectorLabelsAreKubernetesKeysAndValues() {
        List<InputError> errors = validationErrors(cq("""
                  namespaceSelector:
                    matchLabels: {team: "a b"}
                    matchExpressions: [{key: "-dep", operator: In, values: [eng, "x!"]}]
                  resourceGroups:
                """ + QUOTA_CPU));
        assertThat(errors).extracting(InputError::field, InputError::message).containsExactly(
                tuple("spec.namespaceSelector.matchLabels[team]", "invalid label value \"a b\": expected at most 63 "
                        + "letters, digits, '-', '_' or '.', starting and ending with a letter or digit"),
                tuple("spec.namespaceSelector.matchExpressions[0].key", "invalid label key \"-dep\": expected a "
                        + "qualified name such as kubernetes.io/metadata.name"),
                tuple("spec.namespaceSelector.matchExpressions[0].values", "invalid label value \"x!\": expected at "
                        + "most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"));
        readValid(cq("  namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: team-a}}\n  resourceGroups:\n"
                + QUOTA_CPU));
    }

    @Test
    void admissionNamesKnownPodSets() {
        InputError e = validationError(workload("  podSets:\n" + podSet("main", 1)) + """
                status:
                  admission:
                    clusterQueue: cq
                    podSetAssignments: [{name: workers, flavors: {cpu: default}}]
                """);
        assertError(e, 1, "Workload/ns/w", "status.admission.podSetAssignments[0].name",
                "unknown pod set \"workers\"; expected one of main");
    }

    @Test
    void duplicateNamesPerKindAndNamespace() {
        String lq = "apiVersion: kueue.x-k8s.io/v1beta1\nkind: LocalQueue\nmetadata: {name: main, namespace: %s}\n"
                + "spec: {clusterQueue: cq}\n";
        List<InputError> errors = validationErrors(cq("  namespaceSelector: {}\n")
                + "---\n" + lq.formatted("a") + "---\n" + lq.formatted("b") + "---\n" + lq.formatted("a")
                + "---\napiVersion: kueue.x-k8s.io/v1beta1\nkind: ResourceFlavor\nmetadata: {name: cq}\n"
                + "---\n" + cq("  namespaceSelector: {}\n"));
        assertThat(errors).extracting(InputError::document, InputError::object, InputError::field, InputError::message)
                .containsExactly(
                        tuple(4, "LocalQueue/a/main", "metadata.name",
                                "duplicate LocalQueue \"a/main\"; first defined in test.yaml document 2"),
                        tuple(6, "ClusterQueue/cq", "metadata.name",
                                "duplicate ClusterQueue \"cq\"; first defined in test.yaml document 1"));
    }

    @Test
    void cohortCyclesAreLeftToTheEngine() {
        String cohort = "apiVersion: kueue.x-k8s.io/v1beta2\nkind: Cohort\nmetadata: {name: %s}\nspec: {parentName: %s}\n";
        Manifests m = readValid(cohort.formatted("a", "b") + "---\n" + cohort.formatted("b", "a")
                + "---\n" + cohort.formatted("c", "a") + "---\n" + cohort.formatted("d", "d"));
        assertThat(m.objects()).hasSize(4);
    }

    @Test
    void aLocalQueueMayNameNoClusterQueueOrAnAbsentOne() {
        Manifests m = readValid("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: LocalQueue
                metadata: {name: main, namespace: team}
                spec: {clusterQueue: missing}
                ---
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: LocalQueue
                metadata: {name: other, namespace: team}
                spec: {}
                """);
        // Both are left to the engine, as Kueue does: their workloads wait outside the queues.
        assertThat(m.objects()).extracting(o -> ((LocalQueue) o).clusterQueue()).containsExactly("missing", "");
    }

    @Test
    void missingFlavorsQueuesAndPriorityClassesAreLeftToTheEngine() {
        Manifests m = readValid(cq("  cohort: all\n  namespaceSelector: {}\n  resourceGroups:\n" + QUOTA_CPU) + """
                ---
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: Workload
                metadata: {name: w, namespace: ns}
                spec:
                  queueName: nowhere
                  priorityClassName: missing
                  priorityClassSource: kueue.x-k8s.io/workloadpriorityclass
                  podSets: [{count: 1, template: {spec: {containers: [{resources: {requests: {cpu: 1}}}]}}}]
                """);
        assertThat(m.objects()).hasSize(2);
    }

    @Test
    void scenarioWithSeveralRuleViolationsReportsThemAll() {
        List<InputError> errors = validationErrors("""
                objects:
                - apiVersion: kueue.x-k8s.io/v1beta1
                  kind: Workload
                  metadata: {name: w, namespace: team}
                  spec: {queueName: main}
                - apiVersion: kueue.x-k8s.io/v1beta1
                  kind: ClusterQueue
                  metadata: {name: cq}
                  spec:
                    resourceGroups:
                    - coveredResources: [cpu]
                      flavors: [{name: default, resources: [{name: cpu, nominalQuota: 1, borrowingLimit: 1}]}]
                """);
        assertThat(errors).extracting(InputError::object).containsExactly("Workload/team/w", "ClusterQueue/cq");
        assertThat(errors).extracting(InputError::file, InputError::document).containsOnly(tuple("test.yaml", 1));
    }
}
