package io.berth.devices.allocator;

import static io.berth.devices.allocator.Fixture.GPU_CLASS;
import static io.berth.devices.allocator.Fixture.claim;
import static io.berth.devices.allocator.Fixture.picks;
import static io.berth.devices.allocator.Fixture.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.resource.AllocationResult;
import io.berth.devices.allocator.AllocationOutcome.Status;
import io.berth.devices.cel.DeviceSelectors;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocatorTest {
    private static final String THREE = slice("s", "{name: gpu-0, attributes: {numa: {int: 0}}}",
            "{name: gpu-1, attributes: {numa: {int: 1}}}", "{name: gpu-2, attributes: {numa: {int: 1}}}");

    private static String exact(String name, int count) {
        return "{name: " + name + ", exactly: {deviceClassName: gpu, count: " + count + "}}";
    }

    @Test
    void devicesAreVisitedInSliceOrderAndTheFirstSolutionWins() {
        AllocationOutcome o = Fixture.of(GPU_CLASS, THREE, claim("c", "requests: [" + exact("r", 2) + "]")).allocate();
        assertThat(o.status()).isEqualTo(Status.ALLOCATED);
        assertThat(picks(o)).containsExactly(List.of("r=gpu-0", "r=gpu-1"));
    }

    @Test
    void slicesAreVisitedByNameAndPoolsByDriverThenName() {
        String b = slice("b", "{name: dev-b}");
        String a = slice("a", "{name: dev-a}");
        String other = """
                apiVersion: resource.k8s.io/v1
                kind: ResourceSlice
                metadata: {name: a0}
                spec:
                  driver: gpu.example.com
                  nodeName: node-1
                  pool: {name: aaa, generation: 1, resourceSliceCount: 1}
                  devices: [{name: dev-aaa}]
                """;
        AllocationOutcome o = Fixture.of(GPU_CLASS, b.replace("resourceSliceCount: 1", "resourceSliceCount: 2"),
                a.replace("resourceSliceCount: 1", "resourceSliceCount: 2"), other,
                claim("c", "requests: [" + exact("r", 3) + "]")).allocate();
        assertThat(picks(o)).containsExactly(List.of("r=dev-aaa", "r=dev-a", "r=dev-b"));
    }

    @Test
    void poolsWithBindingConditionsComeLastAndBindsToNodeTiesTheClaimToTheNode() {
        String withConditions = slice("a", "{name: dev-a, bindingConditions: [Ready]}")
                .replace("pool: {name: node-1", "pool: {name: aaa");
        String everywhere = slice("b", "{name: dev-b, bindsToNode: true}").replace("nodeName: node-1", "allNodes: true");
        AllocationOutcome o = Fixture.of(GPU_CLASS, withConditions, everywhere,
                claim("c", "requests: [" + exact("r", 1) + "]")).allocate();
        assertThat(picks(o)).containsExactly(List.of("r=dev-b"));
        assertThat(o.allocations().get(0).nodeSelector().terms().get(0).matchFields().get(0).values())
                .containsExactly("node-1");
    }

    @Test
    void tooFewCandidatesIsUnschedulableWithoutSearching() {
        AllocationOutcome o = Fixture.of(GPU_CLASS, THREE, claim("c", "requests: [" + exact("r", 4) + "]")).allocate();
        assertThat(o.status()).isEqualTo(Status.UNSCHEDULABLE);
        assertThat(o.steps()).isZero();
        assertThat(o.message()).contains("needs 4 device(s) but only 3 match");
    }

    @Test
    void twoRequestsNeedDistinctDevices() {
        AllocationOutcome o = Fixture.of(GPU_CLASS, THREE,
                claim("c", "requests: [" + exact("a", 2) + ", " + exact("b", 2) + "]")).allocate();
        assertThat(o.status()).isEqualTo(Status.UNSCHEDULABLE);
        assertThat(o.message()).contains("need 4 distinct devices but only 3");
    }

    @Test
    void withoutPruningTheSearchReachesTheSameAnswer() {
        Fixture f = Fixture.of(GPU_CLASS, THREE, claim("c", "requests: [" + exact("a", 2) + ", " + exact("b", 2) + "]"));
        AllocationOutcome o = f.allocate(new Allocator(new DeviceSelectors(), 1000, false));
        assertThat(o.status()).isEqualTo(Status.UNSCHEDULABLE);
        assertThat(o.steps()).isPositive();
    }

    @Test
    void matchAttributeBacktracksToDevicesSharingTheValue() {
        AllocationOutcome o = Fixture.of(GPU_CLASS, THREE, claim("c", """
                requests: [%s]
                constraints: [{matchAttribute: gpu.example.com/numa}]""".formatted(exact("r", 2)))).allocate();
        assertThat(picks(o)).containsExactly(List.of("r=gpu-1", "r=gpu-2"));
    }

    @Test
    void matchAttributeWithNoValueCommonEnoughIsUnschedulable() {
        AllocationOutcome o = Fixture.of(GPU_CLASS, THREE, claim("c", """
                requests: [%s]
                constraints: [{matchAttribute: gpu.example.com/numa}]""".formatted(exact("r", 3)))).allocate();
        assertThat(o.status()).isEqualTo(Status.UNSCHEDULABLE);
        assertThat(o.steps()).isZero();
    }

    @Test
    void distinctAttributeSkipsRepeatedValues() {
        AllocationOutcome o = Fixture.of(GPU_CLASS,
                slice("s", "{name: gpu-0, attributes: {numa: {int: 1}}}", "{name: gpu-1, attributes: {numa: {int: 1}}}",
                        "{name: gpu-2, attributes: {numa: {int: 0}}}"),
                claim("c", """
                        requests: [%s]
                        constraints: [{distinctAttribute: gpu.example.com/numa}]""".formatted(exact("r", 2)))).allocate();
        assertThat(picks(o)).containsExactly(List.of("r=gpu-0", "r=gpu-2"));
    }

    @Test
    void constraintOnASubrequestAppliesOnlyWhenThatAlternativeIsChosen() {
        AllocationOutcome o = Fixture.of(GPU_CLASS, THREE, claim("c", """
                requests:
                - {name: r, firstAvailable: [{name: one, deviceClassName: gpu, count: 2}, {name: two, deviceClassName: gpu}]}
                - {name: s, exactly: {deviceClassName: gpu}}
                constraints: [{requests: [r/one, s], matchAttribute: gpu.example.com/numa}]""")).allocate();
        // r/one with s would need three devices on one NUMA node; r/two is not constrained.
        assertThat(picks(o)).containsExactly(List.of("r/two=gpu-0", "s=gpu-1"));
    }

    @Test
    void allModeWithNoMatchingDeviceIsUnschedulable() {
        AllocationOutcome o = Fixture.of(GPU_CLASS, THREE, claim("c", """
                requests:
                - {name: r, exactly: {deviceClassName: gpu, allocationMode: All, selectors: [{cel: {expression: 'false'}}]}}""")).allocate();
        assertThat(o.status()).isEqualTo(Status.UNSCHEDULABLE);
    }

    @Test
    void moreThan32DevicesPerClaimIsAnError() {
        AllocationOutcome o = Fixture.of(GPU_CLASS, THREE, claim("c", "requests: [" + exact("a", 20) + ", " + exact("b", 13) + "]"))
                .allocate();
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.message()).isEqualTo("claim default/c: number of requested devices 33 exceeds the claim limit of 32");
    }

    @Test
    void adminAccessMayNotTakeTheSameDeviceTwiceInOneClaim() {
        String admin = "{name: %s, exactly: {deviceClassName: gpu, adminAccess: true}}";
        AllocationOutcome o = Fixture.of(GPU_CLASS, slice("s", "{name: gpu-0}", "{name: gpu-1}"),
                claim("c", "requests: [" + admin.formatted("a") + ", " + admin.formatted("b") + "]"),
                claim("d", "requests: [" + admin.formatted("a") + "]")).allocate();
        assertThat(picks(o)).containsExactly(List.of("a=gpu-0", "b=gpu-1"), List.of("a=gpu-0"));
        assertThat(o.allocations().get(0).devices().get(0).adminAccess()).isTrue();
    }

    @Test
    void selectorErrorsNameTheClassOrTheClaim() {
        String badClass = GPU_CLASS.replace("device.driver == \"gpu.example.com\"", "device.attributes[\"gpu.example.com\"].nope");
        AllocationOutcome o = Fixture.of(badClass, THREE, claim("c", "requests: [" + exact("r", 1) + "]")).allocate();
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.message()).startsWith("class gpu: selector #0: CEL runtime error: no such key: nope");
        AllocationOutcome compile = Fixture.of(GPU_CLASS, THREE, claim("c", """
                requests: [{name: r, exactly: {deviceClassName: gpu, selectors: [{cel: {expression: 'device.driver'}}]}}]"""))
                .allocate();
        assertThat(compile.message()).startsWith("claim default/c: selector #0: CEL compile error: must evaluate to bool");
    }

    @Test
    void aSelectorErrorOnADeviceThatIsNeverReachedDoesNotMatter() {
        String twoDevices = slice("s", "{name: gpu-0, attributes: {model: {string: a100}}}", "{name: gpu-1}");
        AllocationOutcome o = Fixture.of(GPU_CLASS, twoDevices, claim("c", """
                requests: [{name: r, exactly: {deviceClassName: gpu, selectors: [{cel: {expression: 'device.attributes["gpu.example.com"].model == "a100"'}}]}}]"""))
                .allocate();
        assertThat(picks(o)).containsExactly(List.of("r=gpu-0"));
    }

    @Test
    void taintsBlockUnlessToleratedAndEffectNoneDoesNotBlock() {
        String devices = slice("s", "{name: gpu-0, taints: [{key: broken, effect: NoExecute}]}",
                "{name: gpu-1, taints: [{key: info, effect: None}]}");
        AllocationOutcome o = Fixture.of(GPU_CLASS, devices, claim("c", "requests: [" + exact("r", 1) + "]")).allocate();
        assertThat(picks(o)).containsExactly(List.of("r=gpu-1"));
        AllocationOutcome tolerated = Fixture.of(GPU_CLASS, devices, claim("c", """
                requests: [{name: r, exactly: {deviceClassName: gpu, tolerations: [{key: broken, operator: Exists}]}}]"""))
                .allocate();
        assertThat(picks(tolerated)).containsExactly(List.of("r=gpu-0"));
    }

    @Test
    void aGenerationIsJudgedByTheSlicesTheNodeReachesThenByAllSlices() {
        String old = slice("old", "{name: gpu-old}").replace("generation: 1", "generation: 1");
        String newer = slice("new", "{name: gpu-new}").replace("generation: 1", "generation: 2")
                .replace("nodeName: node-1", "nodeName: node-2");
        AllocationOutcome complete = Fixture.of(GPU_CLASS, old, newer, claim("c", "requests: [" + exact("r", 1) + "]"))
                .allocate();
        assertThat(picks(complete)).as("complete for node-1 at generation 1").containsExactly(List.of("r=gpu-old"));
        AllocationOutcome obsolete = Fixture.of(GPU_CLASS, old.replace("resourceSliceCount: 1", "resourceSliceCount: 2"),
                newer, claim("c", "requests: [" + exact("r", 1) + "]")).allocate();
        assertThat(obsolete.status()).as("generation 1 is incomplete and replaced").isEqualTo(Status.UNSCHEDULABLE);
    }

    @Test
    void incompletePoolDevicesAreNotUsed() {
        AllocationOutcome o = Fixture.of(GPU_CLASS, THREE.replace("resourceSliceCount: 1", "resourceSliceCount: 2"),
                claim("c", "requests: [" + exact("r", 1) + "]")).allocate();
        assertThat(o.status()).isEqualTo(Status.UNSCHEDULABLE);
    }

    @Test
    void nodeSelectorOfTheResultFollowsTheDevicesSlices() {
        AllocationOutcome local = Fixture.of(GPU_CLASS, THREE, claim("c", "requests: [" + exact("r", 1) + "]")).allocate();
        AllocationResult r = local.allocations().get(0);
        assertThat(r.nodeSelector().terms()).hasSize(1);
        assertThat(r.nodeSelector().terms().get(0).matchFields().get(0).key()).isEqualTo("metadata.name");
        assertThat(r.nodeSelector().terms().get(0).matchFields().get(0).values()).containsExactly("node-1");
        String everywhere = THREE.replace("nodeName: node-1", "allNodes: true");
        AllocationOutcome global = Fixture.of(GPU_CLASS, everywhere, claim("c", "requests: [" + exact("r", 1) + "]")).allocate();
        assertThat(global.allocations().get(0).nodeSelector()).isNull();
        String zoned = THREE.replace("nodeName: node-1", """
                nodeSelector:
                    nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: In, values: [z1]}]}]""");
        AllocationOutcome z = Fixture.of("{apiVersion: v1, kind: Node, metadata: {name: node-1, labels: {zone: z1}}}",
                GPU_CLASS, zoned, claim("c", "requests: [" + exact("r", 2) + "]")).allocate();
        assertThat(z.allocations().get(0).nodeSelector().terms().get(0).matchExpressions()).hasSize(1);
    }

    @Test
    void configFromTheClassAndFromTheClaimForTheChosenAlternative() {
        String cls = GPU_CLASS + """
                  config: [{opaque: {driver: gpu.example.com, parameters: {mode: fast}}}]
                """;
        AllocationOutcome o = Fixture.of(cls, THREE, claim("c", """
                requests:
                - {name: r, firstAvailable: [{name: big, deviceClassName: gpu, count: 5}, {name: small, deviceClassName: gpu}]}
                config:
                - {requests: [r/small], opaque: {driver: gpu.example.com, parameters: {slices: 2}}}
                - {requests: [r/big], opaque: {driver: gpu.example.com, parameters: {slices: 9}}}""")).allocate();
        assertThat(picks(o)).containsExactly(List.of("r/small=gpu-0"));
        assertThat(o.allocations().get(0).config()).extracting(c -> c.source() + " " + c.config().parameters())
                .containsExactly("FromClass {\"mode\":\"fast\"}", "FromClaim {\"slices\":2}");
    }

    @Test
    void consumableCapacityRoundsToValidValuesAndRecordsTheShare() {
        String shared = slice("s", """
                {name: gpu-0, allowMultipleAllocations: true, capacity: {memory: {value: 10Gi, requestPolicy: {validValues: [2Gi, 4Gi, 8Gi]}}}}""");
        AllocationOutcome o = Fixture.of(GPU_CLASS, shared,
                claim("a", "requests: [{name: r, exactly: {deviceClassName: gpu, capacity: {requests: {memory: 3Gi}}}}]"),
                claim("b", "requests: [{name: r, exactly: {deviceClassName: gpu, capacity: {requests: {memory: 5Gi}}}}]"),
                claim("c", "requests: [{name: r, exactly: {deviceClassName: gpu, capacity: {requests: {memory: 1Gi}}}}]"))
                .allocate();
        assertThat(o.status()).as("4Gi + 8Gi exceed 10Gi").isEqualTo(Status.UNSCHEDULABLE);
        AllocationOutcome two = Fixture.of(GPU_CLASS, shared,
                claim("a", "requests: [{name: r, exactly: {deviceClassName: gpu, capacity: {requests: {memory: 3Gi}}}}]"),
                claim("c", "requests: [{name: r, exactly: {deviceClassName: gpu, capacity: {requests: {memory: 1Gi}}}}]"))
                .allocate();
        assertThat(picks(two)).containsExactly(List.of("r=gpu-0"), List.of("r=gpu-0"));
        assertThat(two.allocations().get(0).devices().get(0).consumedCapacity().get("memory"))
                .isEqualByComparingTo(new BigDecimal(4L << 30));
        assertThat(two.allocations().get(0).devices().get(0).shareID()).isNotBlank();
    }

    @Test
    void capacityAboveTheRangeMaximumOrMissingSkipsTheDevice() {
        String devices = slice("s", """
                {name: gpu-0, allowMultipleAllocations: true, capacity: {memory: {value: 40Gi, requestPolicy: {validRange: {min: 1Gi, max: 8Gi}}}}}""",
                "{name: gpu-1, allowMultipleAllocations: true}",
                "{name: gpu-2, allowMultipleAllocations: true, capacity: {memory: {value: 40Gi}}}");
        AllocationOutcome o = Fixture.of(GPU_CLASS, devices,
                claim("a", "requests: [{name: r, exactly: {deviceClassName: gpu, capacity: {requests: {memory: 16Gi}}}}]"))
                .allocate();
        assertThat(picks(o)).containsExactly(List.of("r=gpu-2"));
    }

    @Test
    void aTinyBudgetGivesAClearTooComplexError() {
        Fixture f = Fixture.of(GPU_CLASS, THREE, claim("c", """
                requests: [%s, %s]
                constraints: [{distinctAttribute: gpu.example.com/numa}]""".formatted(exact("a", 1), exact("b", 2))));
        AllocationOutcome o = f.allocate(new Allocator(new DeviceSelectors(), 3, false));
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.message()).startsWith("allocation too complex: gave up after 3 device attempts");
    }

    @Test
    void sameInputSameOutput() {
        Fixture f = Fixture.of(GPU_CLASS, THREE, claim("c", "requests: [" + exact("r", 2) + "]"));
        assertThat(f.allocate()).isEqualTo(f.allocate());
    }
}
