package io.berth.devices.allocator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A resource pool as seen from one node: its devices in allocation order (slices by name, devices in
 * slice order), its counter sets, and whether it is incomplete (slices missing) or invalid (why).
 */
final class Pool {
    final String driver;
    final String name;
    final List<Candidate> devices = new ArrayList<>();
    /** Counter set name to counter name to total, from every slice of the current generation. */
    final Map<String, Map<String, BigDecimal>> counterSets = new HashMap<>();
    /** Every device of the current generation by name, also those not reachable from the node (for counters). */
    final Map<String, io.berth.api.resource.Device> allDevices = new HashMap<>();
    boolean incomplete;
    String invalidReason;

    Pool(String driver, String name) {
        this.driver = driver;
        this.name = name;
    }

    String id() {
        return driver + "/" + name;
    }

    boolean invalid() {
        return invalidReason != null;
    }
}
