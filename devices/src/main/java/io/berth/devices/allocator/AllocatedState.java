package io.berth.devices.allocator;

import io.berth.api.resource.DeviceResult;
import io.berth.api.resource.ResourceClaim;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What existing claims (those with status.allocation) hold: devices allocated exclusively, capacity
 * consumed on shared devices (results with a shareID), and every device that consumes its counters.
 * Results with adminAccess hold nothing.
 */
final class AllocatedState {
    final Set<String> exclusive = new HashSet<>();
    final Set<String> holding = new HashSet<>();
    final Map<String, Map<String, BigDecimal>> sharedCapacity = new HashMap<>();

    static AllocatedState of(Collection<ResourceClaim> claims) {
        AllocatedState s = new AllocatedState();
        for (ResourceClaim c : claims) {
            if (c.allocation() == null) {
                continue;
            }
            for (DeviceResult r : c.allocation().devices()) {
                if (r.adminAccess()) {
                    continue;
                }
                String id = r.deviceId();
                s.holding.add(id);
                if (r.shareID() == null) {
                    s.exclusive.add(id);
                } else {
                    Map<String, BigDecimal> used = s.sharedCapacity.computeIfAbsent(id, k -> new HashMap<>());
                    r.consumedCapacity().forEach((name, q) -> used.merge(qualify(r.driver(), name), q, BigDecimal::add));
                }
            }
        }
        return s;
    }

    static String qualify(String driver, String name) {
        return name.indexOf('/') < 0 ? driver + "/" + name : name;
    }
}
