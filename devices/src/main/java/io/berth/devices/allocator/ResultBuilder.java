package io.berth.devices.allocator;

import io.berth.api.core.NodeSelectorRequirement;
import io.berth.api.resource.AllocatedConfig;
import io.berth.api.resource.AllocationResult;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceRequest;
import io.berth.api.resource.DeviceResult;
import io.berth.api.resource.NodeSelectorSpec;
import io.berth.api.resource.Node;
import io.berth.api.resource.OpaqueConfig;
import io.berth.api.resource.ResourceClaim;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

/** Builds each claim's status.allocation from the search's picks: devices, config and node selector. */
final class ResultBuilder {
    private ResultBuilder() {
    }

    static AllocationResult build(ResourceClaim claim, List<Pick> picks, List<List<Slot>> slots, int[] chosenSub,
                                  Node node) {
        List<DeviceResult> devices = new ArrayList<>();
        for (int i = 0; i < picks.size(); i++) {
            Pick p = picks.get(i);
            Candidate c = p.device();
            String shareId = p.shared() ? shareId(claim, p, i) : null;
            devices.add(new DeviceResult(p.slot().resultName(), c.driver(), c.pool.name, c.device.name(),
                    p.slot().spec.adminAccess(), shareId, CapacityLedger.asPublished(c, p.consumed())));
        }
        return new AllocationResult(devices, config(claim, slots, chosenSub), nodeSelector(picks, node));
    }

    /** A share ID derived from the claim and the pick, so the same input gives the same output. */
    private static String shareId(ResourceClaim claim, Pick p, int index) {
        String seed = claim.metadata().key() + "/" + p.slot().resultName() + "/" + p.device().id + "/" + index;
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static List<AllocatedConfig> config(ResourceClaim claim, List<List<Slot>> slots, int[] chosenSub) {
        List<AllocatedConfig> out = new ArrayList<>();
        // Class config once per class, naming the requests (or req/sub) that use the class.
        Map<String, List<String>> requestsByClass = new LinkedHashMap<>();
        Map<String, DeviceClass> classes = new LinkedHashMap<>();
        for (int ri = 0; ri < slots.size(); ri++) {
            List<Slot> alternatives = slots.get(ri);
            Slot s = alternatives.get(alternatives.get(0).subName == null ? 0 : chosenSub[ri]);
            String name = s.deviceClass.metadata().name();
            classes.putIfAbsent(name, s.deviceClass);
            requestsByClass.computeIfAbsent(name, k -> new ArrayList<>()).add(s.resultName());
        }
        classes.forEach((name, cls) -> {
            for (OpaqueConfig c : cls.config()) {
                out.add(new AllocatedConfig("FromClass", new OpaqueConfig(requestsByClass.get(name), c.driver(), c.parameters())));
            }
        });
        List<DeviceRequest> requests = claim.spec().requests();
        for (OpaqueConfig c : claim.spec().config()) {
            if (c.requests().isEmpty()) {
                out.add(new AllocatedConfig("FromClaim", c));
                continue;
            }
            for (int ri = 0; ri < requests.size(); ri++) {
                DeviceRequest r = requests.get(ri);
                boolean named = c.requests().contains(r.name());
                if (!named && !r.firstAvailable().isEmpty()) {
                    named = c.requests().contains(r.name() + "/" + r.firstAvailable().get(chosenSub[ri]).name());
                }
                if (named) {
                    out.add(new AllocatedConfig("FromClaim", c));
                }
            }
        }
        return out;
    }

    /**
     * Where the claim can be used: the node itself when a device is local to it, the merged single-term
     * selectors of the devices' slices, or null when every device is reachable from all nodes.
     */
    static NodeSelectorSpec nodeSelector(List<Pick> picks, Node node) {
        List<NodeSelectorRequirement> fields = new ArrayList<>();
        List<NodeSelectorRequirement> expressions = new ArrayList<>();
        for (Pick p : picks) {
            Candidate c = p.device();
            boolean perDevice = c.slice.perDeviceNodeSelection();
            String nodeName = perDevice ? c.device.nodeName() : c.slice.nodeName();
            NodeSelectorSpec selector = perDevice ? c.device.nodeSelector() : c.slice.nodeSelector();
            if ((nodeName != null && !nodeName.isEmpty()) || c.device.bindsToNode()) {
                return new NodeSelectorSpec(List.of(new NodeSelectorSpec.Term(List.of(),
                        List.of(new NodeSelectorRequirement("metadata.name", "In", List.of(node.metadata().name()))))));
            }
            if (selector != null && selector.terms().size() == 1) {
                addNew(selector.terms().get(0).matchFields(), fields);
                addNew(selector.terms().get(0).matchExpressions(), expressions);
            }
        }
        if (fields.isEmpty() && expressions.isEmpty()) {
            return null;
        }
        return new NodeSelectorSpec(List.of(new NodeSelectorSpec.Term(expressions, fields)));
    }

    private static void addNew(List<NodeSelectorRequirement> from, List<NodeSelectorRequirement> to) {
        for (NodeSelectorRequirement r : from) {
            boolean present = to.stream().anyMatch(e -> e.key().equals(r.key()) && e.operator().equals(r.operator())
                    && new HashSet<>(e.values()).equals(new HashSet<>(r.values())));
            if (!present) {
                to.add(r);
            }
        }
    }
}
