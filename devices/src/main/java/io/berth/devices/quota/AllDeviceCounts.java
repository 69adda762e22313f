package io.berth.devices.quota;

import io.berth.api.resource.DeviceRequestSpec;
import io.berth.api.resource.Node;
import io.berth.devices.allocator.NodeDevices;
import io.berth.devices.allocator.ReachableDevice;
import io.berth.devices.cel.CompiledSelector;
import io.berth.devices.cel.DeviceSelectors;
import io.berth.devices.cel.SelectorException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many devices an {@code allocationMode: All} request takes per pod on the nodes with some labels
 * (a flavor's nodeLabels): a pod's claim gets every matching device its node reaches, so the charge is
 * the most that any such node reaches. Devices match when the DeviceClass's and the request's selectors
 * are true, among the devices of complete, valid pools reachable from the node. Answers are cached
 * until a DeviceClass, ResourceSlice or Node changes; so are each node's devices.
 */
public final class AllDeviceCounts {
    /** The count, or why there is none (a missing class, a selector error). */
    public record Count(long devices, String error) {
    }

    private record Key(Map<String, String> nodeLabels, String deviceClass, List<String> selectors) {
    }

    private final DeviceCatalog catalog;
    private final DeviceSelectors cel;
    private final Map<Key, Count> counts = new HashMap<>();
    private final Map<String, List<ReachableDevice>> nodeDevices = new HashMap<>();
    private long seen = -1;

    public AllDeviceCounts(DeviceCatalog catalog, DeviceSelectors cel) {
        this.catalog = catalog;
        this.cel = cel;
    }

    public Count count(Map<String, String> nodeLabels, DeviceRequestSpec request) {
        if (seen != catalog.version()) {
            counts.clear();
            nodeDevices.clear();
            seen = catalog.version();
        }
        Key key = new Key(Map.copyOf(nodeLabels), request.deviceClassName(),
                request.selectors().stream().map(s -> s.expression()).toList());
        Count c = counts.get(key);
        if (c == null) {
            c = compute(nodeLabels, request);
            counts.put(key, c);
        }
        return c;
    }

    private Count compute(Map<String, String> nodeLabels, DeviceRequestSpec request) {
        RequestSelectors selectors;
        try {
            selectors = RequestSelectors.of(catalog, cel, request, "request " + request.name());
        } catch (ChargeError e) {
            return new Count(0, e.getMessage());
        }
        long most = 0;
        for (Node node : catalog.nodes()) {
            if (!hasLabels(node, nodeLabels)) {
                continue;
            }
            long n = 0;
            for (ReachableDevice d : nodeDevices.computeIfAbsent(node.metadata().name(),
                    k -> NodeDevices.reachable(catalog.slices(), node))) {
                try {
                    if (all(selectors.classSelectors(), d) && all(selectors.requestSelectors(), d)) {
                        n++;
                    }
                } catch (SelectorException e) {
                    return new Count(0, "device " + d.device().name() + ": " + e.getMessage());
                }
            }
            most = Math.max(most, n);
        }
        return new Count(most, null);
    }

    private static boolean hasLabels(Node node, Map<String, String> labels) {
        Map<String, String> own = node.metadata().labels();
        return labels.entrySet().stream().allMatch(e -> e.getValue().equals(own.get(e.getKey())));
    }

    private static boolean all(List<CompiledSelector> selectors, ReachableDevice d) throws SelectorException {
        for (CompiledSelector s : selectors) {
            if (!s.matches(d.input())) {
                return false;
            }
        }
        return true;
    }
}
