package io.berth.devices.allocator;

import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceSlice;
import java.util.ArrayList;
import java.util.List;

/**
 * The devices a node can be allocated, as the allocator sees them: of complete, valid pools (newest
 * generation), reachable from the node, in allocation order.
 */
public final class NodeDevices {
    private NodeDevices() {
    }

    public static List<ReachableDevice> reachable(List<ResourceSlice> slices, Node node) {
        List<ReachableDevice> out = new ArrayList<>();
        for (Pool pool : PoolGatherer.gather(slices, node)) {
            if (pool.incomplete || pool.invalid()) {
                continue;
            }
            for (Candidate c : pool.devices) {
                out.add(new ReachableDevice(pool.driver, c.device, c.celInput()));
            }
        }
        return out;
    }
}
