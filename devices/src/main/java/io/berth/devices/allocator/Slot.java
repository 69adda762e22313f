package io.berth.devices.allocator;

import io.berth.api.resource.AllocationMode;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceRequestSpec;
import java.util.BitSet;
import java.util.List;

/**
 * One request, or one firstAvailable alternative, of one claim, ready for the search: its class, how
 * many devices it needs, the devices of an All request, and (after pruning) which devices may serve it.
 */
final class Slot {
    final int claim;
    final int request;
    final int sub;
    final String requestName;
    /** The alternative's name, or null for an exact request. */
    final String subName;
    final DeviceRequestSpec spec;
    final DeviceClass deviceClass;
    int numDevices;
    List<Candidate> allDevices = List.of();
    /** Devices that can possibly serve this slot; null when every device is worth trying. */
    BitSet allowed;

    Slot(int claim, int request, int sub, String requestName, String subName, DeviceRequestSpec spec,
         DeviceClass deviceClass) {
        this.claim = claim;
        this.request = request;
        this.sub = sub;
        this.requestName = requestName;
        this.subName = subName;
        this.spec = spec;
        this.deviceClass = deviceClass;
    }

    boolean all() {
        return spec.allocationMode() == AllocationMode.All;
    }

    /** "req" or "req/sub", as allocation results name it. */
    String resultName() {
        return subName == null ? requestName : requestName + "/" + subName;
    }

    /** Index of this slot in per-slot tables. */
    int key;
}
