package io.berth.api.io;

import static io.berth.api.io.Yaml.read;
import static io.berth.api.io.Yaml.readError;
import static io.berth.api.io.Yaml.readErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.berth.api.kueue.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per kind of reading error: each names file, document, object, field and what was expected. */
class ReadErrorsTest {
    private static final String FLAVOR = "apiVersion: kueue.x-k8s.io/v1beta1\nkind: ResourceFlavor\nmetadata: {name: default}\n";

    private static void assertError(InputError e, int document, String object, String field, String message) {
        assertThat(e).isEqualTo(new InputError("test.yaml", document, object, field, message));
    }

    private static void assertErrorStart(InputError e, int document, String object, String field, String start) {
        assertThat(e).extracting(InputError::file, InputError::document, InputError::object, InputError::field)
                .containsExactly("test.yaml", document, object, field);
        assertThat(e.message()).startsWith(start);
    }

    @Test
    void unknownEnumValue() {
        InputError e = readError(FLAVOR + """
                ---
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: ClusterQueue
                metadata: {name: team-a}
                spec: {queueingStrategy: Fifo}
                """);
        assertThat(e).isEqualTo(new InputError("test.yaml", 2, "ClusterQueue/team-a", "spec.queueingStrategy",
                "unknown value \"Fifo\"; expected one of StrictFIFO, BestEffortFIFO"));
        assertThat(e.toString()).isEqualTo("test.yaml: document 2: ClusterQueue/team-a: spec.queueingStrategy: "
                + "unknown value \"Fifo\"; expected one of StrictFIFO, BestEffortFIFO");
    }

    @Test
    void unknownFungibilityValueListsBothSpellings() {
        InputError e = readError("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ClusterQueue
                metadata: {name: cq}
                spec: {flavorFungibility: {whenCanBorrow: Always}}
                """);
        assertError(e, 1, "ClusterQueue/cq", "spec.flavorFungibility.whenCanBorrow",
                "unknown value \"Always\"; expected one of Borrow, MayStopSearch, TryNextFlavor");
    }

    @Test
    void workloadConditionsAreMetav1Conditions() {
        List<InputError> errors = readErrors("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: Workload
                metadata: {name: w, namespace: ns}
                spec:
                  podSets: [{name: main, count: 1, template: {spec: {}}}]
                status:
                  requeueState: {count: -1}
                  conditions:
                  - {type: Evicted, status: Maybe, message: m}
                  - {type: Requeued, status: "False", reason: "not camel", lastTransitionTime: "2026-01-01T00:00:00Z"}
                  - {type: PodsReady}
                  - {type: Admitted, status: "False"}
                """);
        // reason, message and lastTransitionTime may be left out, as in the last one
        assertThat(errors).extracting(InputError::field, InputError::message).containsExactly(
                tuple("status.conditions[0].status", "unknown value \"Maybe\"; expected one of True, False, Unknown"),
                tuple("status.conditions[1].reason", "invalid reason \"not camel\": expected a CamelCase word such as "
                        + "QuotaReserved (letters first, then letters, digits, '_', ',' or ':')"),
                tuple("status.conditions[2].status", "required: expected one of True, False, Unknown, found nothing"),
                tuple("status.requeueState.count", "must be greater than or equal to 0; found -1"));
    }

    @Test
    void quotaReservedNeedsAnAdmissionWithCountsOfZeroOrMore() {
        String reserved = """
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: Workload
                metadata: {name: w, namespace: ns}
                spec:
                  podSets: [{name: main, count: 1, template: {spec: {}}}]
                status:
                  conditions:
                  - {type: QuotaReserved, status: "True", reason: QuotaReserved, lastTransitionTime: "2026-01-01T00:00:00Z"}
                """;
        assertError(readError(reserved), 1, "Workload/ns/w", "status.admission",
                "required: expected the admission that the True QuotaReserved condition says was made, found nothing");
        InputError e = readError(reserved + """
                  admission:
                    clusterQueue: cq
                    podSetAssignments: [{name: main, count: -1, flavors: {cpu: f}, resourceUsage: {cpu: 1}}]
                """);
        assertError(e, 1, "Workload/ns/w", "status.admission.podSetAssignments[0].count",
                "must be greater than or equal to 0; found -1");
    }

    @Test
    void podSetTemplatesFollowKubernetesAndKueueRules() {
        List<InputError> errors = readErrors("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: Workload
                metadata: {name: w, namespace: ns}
                spec:
                  priorityClassRef: {group: kueue.x-k8s.io, kind: WorkloadPriorityClass, name: High_Prio}
                  priority: 1
                  podSets:
                  - name: main
                    count: 1
                    template:
                      metadata:
                        labels: {app: "-bad"}
                        annotations: {"a/b/c": x}
                      spec:
                        # accepted: Kueue does not check a pod template's tolerations
                        tolerations: [{key: spot, operator: Exists, effect: NoSchedule, tolerationSeconds: 30}]
                        initContainers: [{name: i, resources: {requests: {pods: 1}}}]
                        containers: [{name: c, resources: {requests: {cpu: 1}}}]
                """);
        assertThat(errors).extracting(InputError::field, InputError::message).containsExactly(
                tuple("spec.podSets[0].template.metadata.labels[app]", "invalid label value \"-bad\": expected at most "
                        + "63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"),
                tuple("spec.podSets[0].template.metadata.annotations", "invalid annotation key \"a/b/c\": expected a "
                        + "qualified name (an optional DNS subdomain and '/', then at most 63 letters, digits, '-', '_' "
                        + "or '.', starting and ending with a letter or digit)"),
                tuple("spec.podSets[0].template.spec.initContainers[0].resources.requests[pods]", "the key \"pods\" is "
                        + "reserved for Kueue's own use (a count of pods), not a resource a container may name"),
                tuple("spec.priorityClassRef.name", "invalid name \"High_Prio\": expected a DNS-1123 subdomain "
                        + "(lowercase letters, digits, '-' and '.', at most 253 characters)"));
    }

    @Test
    void aFlavorTolerationWithSecondsNeedsNoExecute() {
        List<InputError> errors = readErrors("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ResourceFlavor
                metadata: {name: spot}
                spec:
                  tolerations:
                  - {key: spot, operator: Exists, effect: NoSchedule, tolerationSeconds: 30}
                  - {key: spot, operator: Exists, tolerationSeconds: 30}
                  - {key: spot, operator: Exists, effect: NoExecute, tolerationSeconds: 30}
                """);
        assertThat(errors).extracting(InputError::field, InputError::message).containsExactly(
                tuple("spec.tolerations[0].tolerationSeconds",
                        "only a toleration with effect NoExecute may set tolerationSeconds; effect is NoSchedule"),
                tuple("spec.tolerations[1].tolerationSeconds",
                        "only a toleration with effect NoExecute may set tolerationSeconds; effect is empty (every effect)"));
    }

    @Test
    void aFairSharingWeightOfAtMostOneNanoIsRefusedUnlessZero() {
        InputError e = readError("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: Cohort
                metadata: {name: c}
                spec: {fairSharing: {weight: 1n}}
                """);
        assertError(e, 1, "Cohort/c", "spec.fairSharing.weight",
                "when not 0, the weight must be more than 1n (10^-9); found 1n");
        Yaml.readValid("apiVersion: kueue.x-k8s.io/v1beta2\nkind: Cohort\nmetadata: {name: c}\n"
                + "spec: {fairSharing: {weight: 2n}}\n");
    }

    @Test
    void nonNumericQuantity() {
        InputError e = readError("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: ClusterQueue
                metadata: {name: cq}
                spec:
                  resourceGroups:
                  - coveredResources: [cpu]
                    flavors:
                    - name: default
                      resources: [{name: cpu, nominalQuota: lots}]
                """);
        assertErrorStart(e, 1, "ClusterQueue/cq", "spec.resourceGroups[0].flavors[0].resources[0].nominalQuota",
                "invalid quantity \"lots\": expected a number");
    }

    @Test
    void wrongTypeListWhereMappingExpected() {
        InputError e = readError("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: LocalQueue
                metadata: {name: main, namespace: team}
                spec: [clusterQueue, cq]
                """);
        assertThat(e).isEqualTo(new InputError("test.yaml", 1, "LocalQueue/team/main", "spec",
                "expected a mapping, found a list"));
    }

    @Test
    void wrongTypeStringWhereIntegerExpected() {
        InputError e = readError("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: Workload
                metadata: {name: w, namespace: team}
                spec:
                  podSets: [{name: main, count: "3", template: {spec: {}}}]
                """);
        assertThat(e).isEqualTo(new InputError("test.yaml", 1, "Workload/team/w", "spec.podSets[0].count",
                "expected an integer, found string \"3\""));
    }

    @Test
    void wrongTypeBooleanWhereStringExpected() {
        InputError e = readError("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: ResourceFlavor
                metadata: {name: f}
                spec: {nodeLabels: {spot: true}}
                """);
        assertError(e, 1, "ResourceFlavor/f", "spec.nodeLabels[spot]",
                "expected a string, found boolean true; put the value in quotes");
    }

    @Test
    void syntaxErrorNamesDocumentLineAndColumn() {
        InputError e = readError(FLAVOR + """
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: a
                   labels: {}
                """);
        assertThat(e.file()).isEqualTo("test.yaml");
        assertThat(e.document()).isEqualTo(2);
        assertThat(e.object()).isNull();
        assertThat(e.field()).isNull();
        assertThat(e.message()).startsWith("syntax error at line 9, column 10: mapping values are not allowed here");
        assertThat(e.message()).doesNotContain("jackson", "Exception", "\n");
    }

    @Test
    void syntaxErrorStopsTheFileButKeepsEarlierErrors() {
        List<InputError> errors = readErrors("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: ClusterQueue
                metadata: {name: cq}
                spec: {stopPolicy: Pause}
                ---
                a: [1, 2
                """);
        assertThat(errors).extracting(InputError::document).containsExactly(1, 2);
        assertThat(errors.get(0).field()).isEqualTo("spec.stopPolicy");
        assertThat(errors.get(1).message()).startsWith("syntax error at line 7");
    }

    @Test
    void anAliasOfNoAnchorIsASyntaxError() {
        InputError e = readError("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ResourceFlavor
                metadata: {name: f}
                spec: {nodeLabels: *missing}
                """);
        assertThat(e.message()).startsWith("syntax error at line 4").contains("unknown alias *missing");
    }

    @Test
    void duplicateKeyIsASyntaxError() {
        InputError e = readError("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: a}
                kind: Namespace
                """);
        assertError(e, 1, null, null, "syntax error at line 4, column 5: duplicate key \"kind\"");
    }

    @Test
    void unsupportedKind() {
        InputError e = readError("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: pi, namespace: x}
                """);
        assertErrorStart(e, 1, "Job/pi", "kind", "unsupported kind Job in apiVersion batch/v1; expected one of ");
        assertThat(e.message()).startsWith("unsupported kind Job in apiVersion batch/v1; expected one of ")
                .contains("kueue.x-k8s.io/v1beta1 ResourceFlavor|ClusterQueue|LocalQueue|Cohort|WorkloadPriorityClass|Workload");
    }

    @Test
    void supportedKindInAnUnsupportedApiVersion() {
        InputError e = readError("""
                apiVersion: kueue.x-k8s.io/v1
                kind: ClusterQueue
                metadata: {name: cq}
                """);
        assertError(e, 1, "ClusterQueue/cq", "apiVersion",
                "unsupported kind ClusterQueue in apiVersion kueue.x-k8s.io/v1; "
                + "expected one of kueue.x-k8s.io/v1beta1, kueue.x-k8s.io/v1beta2");
    }

    @Test
    void missingName() {
        InputError e = readError("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: ClusterQueue
                metadata: {labels: {a: b}}
                """);
        assertThat(e).isEqualTo(new InputError("test.yaml", 1, "document", "metadata.name",
                "required: expected the object's name, found nothing"));
    }

    @Test
    void invalidName() {
        InputError e = readError("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: ClusterQueue
                metadata: {name: Team_A}
                """);
        assertErrorStart(e, 1, "ClusterQueue/Team_A", "metadata.name",
                "invalid name \"Team_A\": expected a DNS-1123 subdomain");
    }

    @Test
    void missingKind() {
        InputError e = readError("apiVersion: v1\nmetadata: {name: a}\n");
        assertThat(e).isEqualTo(new InputError("test.yaml", 1, "document", "kind",
                "required: expected a kind such as ClusterQueue, found nothing"));
    }

    @Test
    void documentThatIsNeitherObjectNorScenario() {
        InputError e = readError("name: x\nspec: {}\n");
        assertError(e, 1, "document", null, "expected a Kubernetes object (apiVersion and kind) or a scenario (objects:); "
                + "found a mapping with keys name, spec");
    }

    @Test
    void invalidTime() {
        InputError e = readError("apiVersion: v1\nkind: Namespace\nmetadata: {name: a, creationTimestamp: yesterday}\n");
        assertError(e, 1, "Namespace/a", "metadata.creationTimestamp",
                "expected an RFC 3339 time such as 2026-01-01T00:00:00Z, found \"yesterday\"");
    }

    @Test
    void anAdmissionScopeNeedsItsMode() {
        InputError e = readError("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ClusterQueue
                metadata: {name: cq}
                spec: {admissionScope: {}}
                """);
        assertThat(e.field()).isEqualTo("spec.admissionScope.admissionMode");
        assertThat(e.message()).startsWith("required: expected one of ");
    }

    @Test
    void aPodSetCountDefaultsToOne() {
        Manifests m = read("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: Workload
                metadata: {name: w}
                spec: {podSets: [{name: main, template: {spec: {}}}]}
                """);
        assertThat(((Workload) m.objects().get(0)).podSets().get(0).count()).isEqualTo(1);
    }

    @Test
    void badSelectorOperator() {
        InputError e = readError("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: ClusterQueue
                metadata: {name: cq}
                spec:
                  namespaceSelector:
                    matchExpressions: [{key: dep, operator: Equals, values: [a]}]
                """);
        assertError(e, 1, "ClusterQueue/cq", "spec.namespaceSelector.matchExpressions[0].operator",
                "unknown value \"Equals\"; expected one of In, NotIn, Exists, DoesNotExist");
    }

    @Test
    void badPreemptionStrategy() {
        InputError e = readError("""
                config:
                  fairSharing: {enable: true, preemptionStrategies: [Fairest]}
                objects: []
                """);
        assertThat(e).isEqualTo(new InputError("test.yaml", 1, "document", "config.fairSharing.preemptionStrategies[0]",
                "unknown value \"Fairest\"; expected one of LessThanOrEqualToFinalShare, LessThanInitialShare"));
    }

    @Test
    void milliUnitResourcesAreAListOfResourceNames() {
        assertThat(read("""
                config:
                  berth: {milliUnitResources: [nvidia.com/gpu]}
                objects: []
                """).configuration().countingUnits().inMilli("nvidia.com/gpu")).isTrue();
        assertThat(readError("""
                config:
                  berth: {milliUnitResources: nvidia.com/gpu}
                objects: []
                """)).isEqualTo(new InputError("test.yaml", 1, "document", "config.berth.milliUnitResources",
                "expected a list, found string \"nvidia.com/gpu\""));
        assertThat(readError("""
                config:
                  berth: {milliUnitResources: [7]}
                objects: []
                """).field()).isEqualTo("config.berth.milliUnitResources[0]");
    }

    @Test
    void badQuotaCheckStrategyAndExclusionsWithIgnoreUndeclared() {
        assertThat(readError("""
                config:
                  resources: {quotaCheckStrategy: Lenient}
                objects: []
                """)).isEqualTo(new InputError("test.yaml", 1, "document", "config.resources.quotaCheckStrategy",
                "unknown value \"Lenient\"; expected one of BlockUndeclared, IgnoreUndeclared"));
        assertThat(readError("""
                config:
                  resources: {quotaCheckStrategy: IgnoreUndeclared, excludeResourcePrefixes: [example.com/]}
                objects: []
                """)).isEqualTo(new InputError("test.yaml", 1, "document", "config.resources.excludeResourcePrefixes",
                "must be empty when quotaCheckStrategy is IgnoreUndeclared"));
    }

    @Test
    void badResourceTransformations() {
        assertThat(readError("""
                config:
                  resources:
                    transformations: [{input: example.com/a, strategy: Drop, outputs: {cpu: "1"}}]
                objects: []
                """)).isEqualTo(new InputError("test.yaml", 1, "document", "config.resources.transformations[0].strategy",
                "unknown value \"Drop\"; expected one of Retain, Replace"));
        assertThat(readError("""
                config:
                  resources:
                    transformations:
                    - {input: example.com/a, outputs: {cpu: "1"}}
                    - {input: example.com/a, strategy: Replace, outputs: {cpu: "2"}}
                objects: []
                """)).isEqualTo(new InputError("test.yaml", 1, "document", "config.resources.transformations[1].input",
                "duplicate input \"example.com/a\"; expected each resource transformed once"));
        assertThat(readError("""
                config:
                  resources:
                    transformations: [{input: example.com/a, outputs: {cpu: two}}]
                objects: []
                """).field()).isEqualTo("config.resources.transformations[0].outputs[cpu]");
        assertThat(readError("""
                config:
                  resources:
                    transformations: [{strategy: Replace, outputs: {cpu: "1"}}]
                objects: []
                """).field()).isEqualTo("config.resources.transformations[0].input");
    }

    @Test
    void aDeviceClassMappedTwice() {
        InputError e = readError("""
                config:
                  resources:
                    deviceClassMappings:
                    - {name: example.com/gpu, deviceClassNames: [gpu.example.com]}
                    - {name: example.com/big-gpu, deviceClassNames: [gpu.example.com]}
                objects: []
                """);
        assertThat(e).isEqualTo(new InputError("test.yaml", 1, "document",
                "config.resources.deviceClassMappings[1].deviceClassNames[0]",
                "DeviceClass gpu.example.com is already mapped to example.com/gpu; expected each DeviceClass once, "
                        + "unless every mapping of it has a counter source with a different counter"));
    }

    @Test
    void aDeviceClassInTwoCounterMappingsNeedsTwoCounters() {
        String mappings = """
                config:
                  resources:
                    deviceClassMappings:
                    - name: example.com/gpu-memory
                      deviceClassNames: [gpu.example.com]
                      sources: [{counter: {name: memory, driver: gpu.example.com, deviceSelector: {cel: {expression: 'true'}}}}]
                    - name: example.com/gpu-cores
                      deviceClassNames: [gpu.example.com]
                      sources: [{counter: {name: COUNTER, driver: gpu.example.com, deviceSelector: {cel: {expression: 'true'}}}}]
                objects: []
                """;
        assertThat(Yaml.read(mappings.replace("COUNTER", "cores")).configuration().deviceClassMappings()).hasSize(2);
        assertThat(readError(mappings.replace("COUNTER", "memory"))).isEqualTo(new InputError("test.yaml", 1,
                "document", "config.resources.deviceClassMappings[1].deviceClassNames[0]",
                "DeviceClass gpu.example.com already has a counter source for counter \"memory\""));
    }

    @Test
    void aDeviceQuotaSourceNeedsItsDriverAndSelector() {
        assertThat(readErrors("""
                config:
                  resources:
                    deviceClassMappings:
                    - name: example.com/gpu-memory
                      deviceClassNames: [gpu.example.com]
                      sources: [{capacity: {name: memory}}]
                objects: []
                """)).extracting(InputError::field).containsExactly(
                "config.resources.deviceClassMappings[0].sources[0].capacity.driver",
                "config.resources.deviceClassMappings[0].sources[0].capacity.deviceSelector");
    }

    @Test
    void aPodClaimNamesExactlyOneSource() {
        InputError e = readError("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: Workload
                metadata: {name: w, namespace: ns}
                spec:
                  queueName: q
                  podSets:
                  - name: main
                    count: 1
                    template:
                      spec:
                        containers: [{name: c}]
                        resourceClaims: [{name: gpus, resourceClaimName: a, resourceClaimTemplateName: b}]
                """);
        assertThat(e).isEqualTo(new InputError("test.yaml", 1, "Workload/ns/w",
                "spec.podSets[0].template.spec.resourceClaims[0]",
                "expected exactly one of resourceClaimName and resourceClaimTemplateName"));
    }

    @Test
    void deviceClassMappingsAreRead() {
        var config = Yaml.read("""
                config:
                  resources:
                    deviceClassMappings:
                    - {name: example.com/gpu, deviceClassNames: [a.example.com, b.example.com]}
                objects: []
                """).configuration();
        assertThat(config.deviceClassMappings()).containsExactly(new io.berth.api.config.DeviceClassMapping(
                "example.com/gpu", java.util.List.of("a.example.com", "b.example.com")));
    }

    @Test
    void badCycles() {
        InputError e = readError("cycles: 0\nobjects: []\n");
        assertThat(e).isEqualTo(new InputError("test.yaml", 1, "document", "cycles", "expected a positive integer, found 0"));
    }

    @Test
    void scenarioObjectFieldPathsStartWithTheirIndex() {
        InputError e = readError("""
                cycles: 1
                objects:
                - apiVersion: kueue.x-k8s.io/v1beta1
                  kind: ResourceFlavor
                  metadata: {name: default}
                - apiVersion: kueue.x-k8s.io/v1beta1
                  kind: ClusterQueue
                  metadata: {name: cq}
                  spec: {queueingStrategy: Fifo}
                """);
        assertThat(e).isEqualTo(new InputError("test.yaml", 1, "ClusterQueue/cq", "objects[1].spec.queueingStrategy",
                "unknown value \"Fifo\"; expected one of StrictFIFO, BestEffortFIFO"));
    }

    @Test
    void conflictingRenamedFields() {
        InputError e = readError("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ClusterQueue
                metadata: {name: cq}
                spec: {cohort: a, cohortName: b}
                """);
        assertErrorStart(e, 1, "ClusterQueue/cq", "spec.cohortName",
                "conflicts with spec.cohort (\"a\")");
    }

    @Test
    void everyErrorInEveryDocumentIsReported() {
        List<InputError> errors = readErrors("""
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: ClusterQueue
                metadata: {name: cq}
                spec:
                  queueingStrategy: Fifo
                  stopPolicy: 3
                ---
                apiVersion: kueue.x-k8s.io/v1beta1
                kind: Workload
                metadata: {name: w, namespace: ns}
                spec:
                  priority: high
                  podSets: [{count: 1, template: {spec: {containers: [{resources: {requests: {cpu: x}}}]}}}]
                """);
        assertThat(errors).extracting(InputError::document, InputError::object, InputError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "ClusterQueue/cq", "spec.queueingStrategy"),
                org.assertj.core.groups.Tuple.tuple(1, "ClusterQueue/cq", "spec.stopPolicy"),
                org.assertj.core.groups.Tuple.tuple(2, "Workload/ns/w",
                        "spec.podSets[0].template.spec.containers[0].resources.requests[cpu]"),
                org.assertj.core.groups.Tuple.tuple(2, "Workload/ns/w", "spec.priority"));
    }
}
