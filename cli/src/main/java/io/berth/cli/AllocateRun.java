package io.berth.cli;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;
import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import io.berth.api.io.Manifests;
import io.berth.api.resource.AllocationResult;
import io.berth.api.resource.Device;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceResult;
import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceClaim;
import io.berth.api.resource.ResourceSlice;
import io.berth.devices.allocator.AllocationOutcome;
import io.berth.devices.allocator.Allocator;
import io.berth.devices.allocator.DeviceInventory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One `berth allocate` run: picks the claims (scenario claims:, else every unallocated claim), the
 * node (--node, scenario node:, else the first node by name where all claims fit) and allocates.
 */
final class AllocateRun {
    private AllocateRun() {
    }

    /** The output document: result, node (when allocated), allocations, error (only with result: error). */
    static Map<String, Object> run(Manifests m, String nodeOption, Allocator allocator) {
        List<ResourceClaim> all = m.ofType(ResourceClaim.class);
        List<ResourceClaim> listed = claimsToAllocate(m, all);
        // A listed claim that is already allocated keeps its devices; it only has to be usable on the node.
        List<ResourceClaim> claims = listed.stream().filter(c -> c.allocation() == null).toList();
        List<ResourceClaim> done = listed.stream().filter(c -> c.allocation() != null).toList();
        DeviceInventory inventory = new DeviceInventory(m.ofType(DeviceClass.class), m.ofType(ResourceSlice.class),
                all.stream().filter(c -> c.allocation() != null).toList());
        String nodeName = nodeOption != null ? nodeOption : nodeFromScenario(m);
        Map<String, Node> nodes = nodes(m);
        List<Node> tryNodes = nodeName != null
                ? List.of(nodes.getOrDefault(nodeName, new Node(ObjectMeta.named(nodeName))))
                : new ArrayList<>(nodes.values());
        if (tryNodes.isEmpty()) {
            tryNodes = new ArrayList<>();
            tryNodes.add(null);
        }
        AllocationOutcome firstFailure = null;
        for (Node node : tryNodes) {
            if (!done.stream().allMatch(c -> usableOn(c, node))) {
                if (firstFailure == null) {
                    firstFailure = new AllocationOutcome(AllocationOutcome.Status.UNSCHEDULABLE, List.of(),
                            "an allocated claim cannot be used on this node", 0);
                }
                continue;
            }
            AllocationOutcome o = allocator.allocate(inventory, node, claims);
            if (o.allocated()) {
                return report(o, node, listed, claims);
            }
            if (firstFailure == null || (firstFailure.status() != AllocationOutcome.Status.ERROR
                    && o.status() == AllocationOutcome.Status.ERROR)) {
                firstFailure = o;
            }
        }
        return report(firstFailure, null, listed, claims);
    }

    private static boolean usableOn(ResourceClaim c, Node node) {
        return c.allocation().nodeSelector() == null || c.allocation().nodeSelector().matches(node);
    }

    private static Map<String, Object> report(AllocationOutcome o, Node node, List<ResourceClaim> listed,
                                              List<ResourceClaim> claims) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", switch (o.status()) {
            case ALLOCATED -> "allocated";
            case UNSCHEDULABLE -> "unschedulable";
            case ERROR -> "error";
        });
        if (node != null) {
            out.put("node", node.metadata().name());
        }
        Map<String, Object> allocations = new LinkedHashMap<>();
        if (o.allocated()) {
            for (ResourceClaim c : listed) {
                int i = claims.indexOf(c);
                allocations.put(c.metadata().key(), devices(i >= 0 ? o.allocations().get(i) : c.allocation()));
            }
        }
        out.put("allocations", allocations);
        if (o.status() == AllocationOutcome.Status.ERROR) {
            out.put("error", o.message());
        }
        return out;
    }

    private static List<Map<String, Object>> devices(AllocationResult r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DeviceResult d : r.devices()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("request", d.request());
            e.put("driver", d.driver());
            e.put("pool", d.pool());
            e.put("device", d.device());
            out.add(e);
        }
        return out;
    }

    private static List<ResourceClaim> claimsToAllocate(Manifests m, List<ResourceClaim> all) {
        Object listed = m.scenario().get("claims");
        if (listed == null) {
            return all.stream().filter(c -> c.allocation() == null).toList();
        }
        List<InputError> errors = new ArrayList<>();
        List<ResourceClaim> out = new ArrayList<>();
        if (!(listed instanceof List<?> names)) {
            throw bad("claims", "expected a list of claim names (namespace/name), found " + describe(listed));
        }
        for (int i = 0; i < names.size(); i++) {
            Object n = names.get(i);
            if (!(n instanceof String s)) {
                errors.add(new InputError(null, 0, "scenario", "claims[" + i + "]",
                        "expected a claim name (namespace/name), found " + describe(n)));
                continue;
            }
            String key = s.contains("/") ? s : "default/" + s;
            ResourceClaim c = all.stream().filter(x -> x.metadata().key().equals(key)).findFirst().orElse(null);
            if (c == null) {
                errors.add(new InputError(null, 0, "scenario", "claims[" + i + "]",
                        "no ResourceClaim " + key + " among the objects"));
            } else if (out.contains(c)) {
                errors.add(new InputError(null, 0, "scenario", "claims[" + i + "]", "claim " + key + " listed twice"));
            } else {
                out.add(c);
            }
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        return out;
    }

    private static String nodeFromScenario(Manifests m) {
        Object node = m.scenario().get("node");
        if (node == null) {
            return null;
        }
        if (!(node instanceof String s) || s.isEmpty()) {
            throw bad("node", "expected a node name, found " + describe(node));
        }
        return s;
    }

    /** Node objects, plus nodes that slices name without a Node object; by name. */
    private static Map<String, Node> nodes(Manifests m) {
        Map<String, Node> nodes = new TreeMap<>();
        for (KubeObject o : m.objects()) {
            if (o instanceof Node n) {
                nodes.put(n.metadata().name(), n);
            }
        }
        for (ResourceSlice s : m.ofType(ResourceSlice.class)) {
            if (s.nodeName() != null) {
                nodes.putIfAbsent(s.nodeName(), new Node(ObjectMeta.named(s.nodeName())));
            }
            for (Device d : s.devices()) {
                if (d.nodeName() != null) {
                    nodes.putIfAbsent(d.nodeName(), new Node(ObjectMeta.named(d.nodeName())));
                }
            }
        }
        return nodes;
    }

    private static InputException bad(String field, String message) {
        return new InputException(List.of(new InputError(null, 0, "scenario", field, message)));
    }

    private static String describe(Object o) {
        return o instanceof List ? "a list" : o instanceof Map ? "a mapping" : o instanceof String s ? "string \"" + s + "\"" : String.valueOf(o);
    }
}
