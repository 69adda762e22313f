package io.berth.api.io;

import static io.berth.api.io.Yaml.read;
import static io.berth.api.io.Yaml.readError;
import static io.berth.api.io.Yaml.readErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.resource.AllocationMode;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceRequest;
import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceClaim;
import io.berth.api.resource.ResourceClaimTemplate;
import io.berth.api.resource.ResourceSlice;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** resource.k8s.io/v1 objects: what is read, and each error located with Kubernetes' limits. */
class DraReadingTest {
    private static final String SLICE = """
            apiVersion: resource.k8s.io/v1
            kind: ResourceSlice
            metadata: {name: s}
            spec:
              driver: gpu.example.com
              nodeName: node-1
              pool: {name: node-1, generation: 3, resourceSliceCount: 1}
              sharedCounters:
              - name: mem
                counters: {memory: {value: 80Gi}}
              devices:
              - name: gpu-0
                attributes:
                  model: {string: a100}
                  numa: {int: 1}
                  healthy: {bool: true}
                  driverVersion: {version: 1.2.3}
                  topology.example.com/root: {string: r0}
                capacity:
                  memory: {value: 80Gi, requestPolicy: {default: 1Gi, validRange: {min: 1Gi, max: 80Gi, step: 1Gi}}}
                consumesCounters:
                - counterSet: mem
                  counters: {memory: {value: 40Gi}}
                allowMultipleAllocations: true
                taints: [{key: maintenance, effect: NoSchedule}]
            """;

    private static String claim(String devices) {
        return """
                apiVersion: resource.k8s.io/v1
                kind: ResourceClaim
                metadata: {name: c, namespace: ns}
                spec:
                  devices:
                %s""".formatted(devices.indent(4));
    }

    @Test
    void readsSlicesWithExactQuantities() {
        ResourceSlice s = read(SLICE).ofType(ResourceSlice.class).get(0);
        assertThat(s.generation()).isEqualTo(3);
        assertThat(s.devices().get(0).attributes().get("numa").intValue()).isEqualTo(1);
        assertThat(s.devices().get(0).attributes().get("driverVersion").versionValue()).isEqualTo("1.2.3");
        assertThat(s.devices().get(0).capacity().get("memory").value()).isEqualByComparingTo(new BigDecimal(80L << 30));
        assertThat(s.devices().get(0).capacity().get("memory").requestPolicy().step()).isEqualByComparingTo(new BigDecimal(1L << 30));
        assertThat(s.sharedCounters().get(0).counters().get("memory")).isEqualByComparingTo(new BigDecimal(80L << 30));
        assertThat(s.devices().get(0).taints().get(0).effect()).isEqualTo("NoSchedule");
    }

    @Test
    void readsClaimsTemplatesClassesAndNodes() {
        var m = read("""
                apiVersion: v1
                kind: Node
                metadata: {name: node-1, labels: {zone: a}}
                ---
                apiVersion: resource.k8s.io/v1
                kind: DeviceClass
                metadata: {name: gpu}
                spec: {selectors: [{cel: {expression: 'device.driver == "x"'}}]}
                ---
                apiVersion: resource.k8s.io/v1
                kind: ResourceClaimTemplate
                metadata: {name: t, namespace: ns}
                spec: {spec: {devices: {requests: [{name: r, exactly: {deviceClassName: gpu, allocationMode: All}}]}}}
                ---
                """ + claim("""
                requests:
                - {name: r, firstAvailable: [{name: a, deviceClassName: gpu, count: 2}, {name: b, deviceClassName: gpu}]}
                constraints: [{requests: [r/a], matchAttribute: gpu.example.com/numa}]
                """) + """
                status:
                  allocation:
                    devices:
                      results: [{request: r/b, driver: gpu.example.com, pool: p, device: d, shareID: abc, consumedCapacity: {memory: 1Gi}}]
                """);
        assertThat(m.ofType(Node.class).get(0).metadata().labels()).containsEntry("zone", "a");
        assertThat(m.ofType(DeviceClass.class).get(0).selectors()).hasSize(1);
        ResourceClaimTemplate t = m.ofType(ResourceClaimTemplate.class).get(0);
        assertThat(t.spec().requests().get(0).exactly().allocationMode()).isEqualTo(AllocationMode.All);
        assertThat(t.instantiate("pod-1-r").metadata().key()).isEqualTo("ns/pod-1-r");
        ResourceClaim c = m.ofType(ResourceClaim.class).get(0);
        DeviceRequest r = c.spec().requests().get(0);
        assertThat(r.firstAvailable()).extracting(s -> s.name() + ":" + s.count()).containsExactly("a:2", "b:1");
        assertThat(c.allocation().devices().get(0).shareID()).isEqualTo("abc");
        assertThat(c.metadata().key()).isEqualTo("ns/c");
    }

    @Test
    void v1beta2HasTheSameShape() {
        var m = read(SLICE.replace("resource.k8s.io/v1", "resource.k8s.io/v1beta2"));
        assertThat(m.ofType(ResourceSlice.class)).hasSize(1);
    }

    @Test
    void tooManyRequests() {
        String requests = IntStream.range(0, 33).mapToObj(i -> "- {name: r" + i + ", exactly: {deviceClassName: gpu}}")
                .collect(Collectors.joining("\n"));
        InputError e = readError(claim("requests:\n" + requests));
        assertThat(e.object()).isEqualTo("ResourceClaim/ns/c");
        assertThat(e.field()).isEqualTo("spec.devices.requests");
        assertThat(e.message()).isEqualTo("too many requests: 33, Kubernetes allows at most 32");
    }

    @Test
    void tooManySubrequestsAndSelectors() {
        String subs = IntStream.range(0, 9).mapToObj(i -> "{name: s" + i + ", deviceClassName: gpu}")
                .collect(Collectors.joining(", "));
        InputError e = readError(claim("requests: [{name: r, firstAvailable: [" + subs + "]}]"));
        assertThat(e.field()).isEqualTo("spec.devices.requests[0].firstAvailable");
        assertThat(e.message()).contains("at most 8");
        String selectors = IntStream.range(0, 33).mapToObj(i -> "{cel: {expression: 'true'}}").collect(Collectors.joining(", "));
        InputError s = readError(claim("requests: [{name: r, exactly: {deviceClassName: gpu, selectors: [" + selectors + "]}}]"));
        assertThat(s.field()).isEqualTo("spec.devices.requests[0].exactly.selectors");
        assertThat(s.message()).contains("at most 32");
    }

    @Test
    void tooManyDevicesPerSlice() {
        String devices = IntStream.range(0, 129).mapToObj(i -> "  - {name: d" + i + "}").collect(Collectors.joining("\n"));
        InputError e = readError("""
                apiVersion: resource.k8s.io/v1
                kind: ResourceSlice
                metadata: {name: big}
                spec:
                  driver: gpu.example.com
                  allNodes: true
                  pool: {name: p, generation: 1, resourceSliceCount: 1}
                  devices:
                """ + devices);
        assertThat(e.toString()).isEqualTo("test.yaml: document 1: ResourceSlice/big: spec.devices: "
                + "too many devices: 129, Kubernetes allows at most 128");
    }

    @Test
    void attributeNamesAndValues() {
        List<InputError> errors = readErrors(SLICE.replace("numa: {int: 1}", "9numa: {int: 1}")
                .replace("healthy: {bool: true}", "healthy: {bool: true, string: x}")
                .replace("driverVersion: {version: 1.2.3}", "driverVersion: {version: v1.2}"));
        assertThat(errors).extracting(InputError::field).containsExactly(
                "spec.devices[0].attributes[9numa]", "spec.devices[0].attributes[healthy]",
                "spec.devices[0].attributes[driverVersion].version");
        assertThat(errors.get(0).message()).contains("C identifier");
        assertThat(errors.get(1).message()).isEqualTo("expected exactly one of int, bool, string, version; found bool, string");
        assertThat(errors.get(2).message()).contains("semantic version");
    }

    @Test
    void exactlyOrFirstAvailableAndKnownConstraintRequests() {
        List<InputError> errors = readErrors(claim("""
                requests:
                - {name: r}
                - {name: s, exactly: {deviceClassName: gpu, allocationMode: Some}}
                constraints: [{requests: [nope], matchAttribute: numa}]"""));
        assertThat(errors).extracting(InputError::field, InputError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spec.devices.requests[0]", "expected exactly one of exactly, firstAvailable"),
                org.assertj.core.groups.Tuple.tuple("spec.devices.requests[1].exactly.allocationMode",
                        "unknown value \"Some\"; expected one of ExactCount, All"),
                org.assertj.core.groups.Tuple.tuple("spec.devices.constraints[0].requests",
                        "unknown request \"nope\"; expected the name of a request of this claim (or request/subrequest)"),
                org.assertj.core.groups.Tuple.tuple("spec.devices.constraints[0].matchAttribute",
                        "invalid attribute \"numa\": expected a fully qualified name (domain/id)"));
    }

    @Test
    void sliceNodeSelectionAndPool() {
        List<InputError> errors = readErrors("""
                apiVersion: resource.k8s.io/v1
                kind: ResourceSlice
                metadata: {name: s}
                spec:
                  driver: Bad_Driver
                  nodeName: n
                  allNodes: true
                  pool: {name: p, generation: -1}
                  devices: [{name: d, capacity: {memory: {value: lots}}}]
                """);
        assertThat(errors).extracting(InputError::field).contains("spec.driver", "spec.pool.generation",
                "spec.pool.resourceSliceCount", "spec", "spec.devices[0].capacity[memory].value");
        assertThat(errors.stream().filter(e -> "spec".equals(e.field())).findFirst().orElseThrow().message())
                .contains("exactly one of nodeName, nodeSelector, allNodes, perDeviceNodeSelection");
    }

    @Test
    void hugeQuantitiesAreRefusedClearly() {
        InputError e = readError(SLICE.replace("value: 80Gi, requestPolicy", "value: 9Ei, requestPolicy"));
        assertThat(e.field()).isEqualTo("spec.devices[0].capacity[memory].value");
        assertThat(e.message()).contains("too large");
    }
}
