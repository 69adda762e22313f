package io.berth.devices.allocator;

import io.berth.api.core.ObjectMeta;
import io.berth.api.io.ManifestReader;
import io.berth.api.io.Manifests;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceResult;
import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceClaim;
import io.berth.api.resource.ResourceSlice;
import java.util.ArrayList;
import java.util.List;

/** Test input written as YAML: objects are read with Berth's manifest reader, then allocated on node-1. */
final class Fixture {
    static final String GPU_CLASS = """
            apiVersion: resource.k8s.io/v1
            kind: DeviceClass
            metadata: {name: gpu}
            spec:
              selectors:
              - cel: {expression: 'device.driver == "gpu.example.com"'}
            """;

    final Manifests manifests;

    private Fixture(Manifests m) {
        this.manifests = m;
    }

    static Fixture of(String... documents) {
        return new Fixture(new ManifestReader().read("test.yaml", String.join("\n---\n", documents)));
    }

    /** A slice of gpu.example.com on node-1, pool node-1, with the given device lines (YAML flow mappings). */
    static String slice(String name, String... devices) {
        StringBuilder sb = new StringBuilder("""
                apiVersion: resource.k8s.io/v1
                kind: ResourceSlice
                metadata: {name: %s}
                spec:
                  driver: gpu.example.com
                  nodeName: node-1
                  pool: {name: node-1, generation: 1, resourceSliceCount: 1}
                  devices:
                """.formatted(name));
        for (String d : devices) {
            sb.append("  - ").append(d).append('\n');
        }
        return sb.toString();
    }

    /** A claim default/name whose spec.devices is the given YAML block (indented under devices:). */
    static String claim(String name, String devices) {
        return """
                apiVersion: resource.k8s.io/v1
                kind: ResourceClaim
                metadata: {name: %s, namespace: default}
                spec:
                  devices:
                %s""".formatted(name, devices.indent(4));
    }

    DeviceInventory inventory() {
        return new DeviceInventory(manifests.ofType(DeviceClass.class), manifests.ofType(ResourceSlice.class),
                manifests.ofType(ResourceClaim.class).stream().filter(c -> c.allocation() != null).toList());
    }

    List<ResourceClaim> pending() {
        return manifests.ofType(ResourceClaim.class).stream().filter(c -> c.allocation() == null).toList();
    }

    AllocationOutcome allocate() {
        return allocate(new Allocator());
    }

    AllocationOutcome allocate(Allocator allocator) {
        List<Node> nodes = manifests.ofType(Node.class);
        Node node = nodes.stream().filter(n -> n.metadata().name().equals("node-1")).findFirst()
                .orElse(new Node(ObjectMeta.named("node-1")));
        return allocator.allocate(inventory(), node, pending());
    }

    /** "request=device" per allocated device, per claim in order. */
    static List<List<String>> picks(AllocationOutcome o) {
        List<List<String>> out = new ArrayList<>();
        o.allocations().forEach(a -> out.add(a.devices().stream().map(Fixture::pick).toList()));
        return out;
    }

    private static String pick(DeviceResult d) {
        return d.request() + "=" + d.device();
    }

}
