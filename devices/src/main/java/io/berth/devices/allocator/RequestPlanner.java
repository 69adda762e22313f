package io.berth.devices.allocator;

import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceRequest;
import io.berth.api.resource.DeviceRequestSpec;
import io.berth.api.resource.ResourceClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns claims into slots before the search, with Kubernetes' checks: the class must exist, an All
 * request needs every pool complete and valid and gets its devices now, and a claim may not need more
 * than 32 devices.
 */
final class RequestPlanner {
    private final Map<String, DeviceClass> classes;
    private final List<Pool> pools;
    private final Selection selection;
    private final CapacityLedger capacity;
    private int nextKey;

    RequestPlanner(Map<String, DeviceClass> classes, List<Pool> pools, Selection selection, CapacityLedger capacity) {
        this.classes = classes;
        this.pools = pools;
        this.selection = selection;
        this.capacity = capacity;
    }

    List<List<List<Slot>>> plan(List<ResourceClaim> claims, List<String> names) throws AllocationError {
        List<List<List<Slot>>> out = new ArrayList<>();
        for (int ci = 0; ci < claims.size(); ci++) {
            List<List<Slot>> requests = new ArrayList<>();
            int minDevices = 0;
            List<DeviceRequest> list = claims.get(ci).spec().requests();
            for (int ri = 0; ri < list.size(); ri++) {
                DeviceRequest r = list.get(ri);
                List<Slot> alternatives = new ArrayList<>();
                if (r.exactly() != null) {
                    alternatives.add(slot(ci, ri, 0, r.name(), null, r.exactly(), names.get(ci)));
                } else {
                    for (int si = 0; si < r.firstAvailable().size(); si++) {
                        DeviceRequestSpec s = r.firstAvailable().get(si);
                        alternatives.add(slot(ci, ri, si, r.name(), s.name(), s, names.get(ci)));
                    }
                }
                minDevices += alternatives.stream().mapToInt(s -> s.numDevices).min().orElse(0);
                requests.add(alternatives);
            }
            if (minDevices > Search.MAX_RESULTS) {
                throw new AllocationError("claim " + names.get(ci) + ": number of requested devices " + minDevices
                        + " exceeds the claim limit of " + Search.MAX_RESULTS);
            }
            out.add(requests);
        }
        return out;
    }

    int slotCount() {
        return nextKey;
    }

    private Slot slot(int ci, int ri, int si, String name, String sub, DeviceRequestSpec spec, String claim)
            throws AllocationError {
        String shown = sub == null ? name : sub;
        DeviceClass cls = classes.get(spec.deviceClassName());
        if (cls == null) {
            throw new AllocationError("claim " + claim + ", request " + shown + ": could not retrieve device class "
                    + spec.deviceClassName() + ": deviceclass.resource.k8s.io \"" + spec.deviceClassName() + "\" not found");
        }
        Slot slot = new Slot(ci, ri, si, name, sub, spec, cls);
        slot.key = nextKey++;
        if (!slot.all()) {
            if (spec.count() > Integer.MAX_VALUE) {
                throw new AllocationError("claim " + claim + ", request " + shown + ": exact count " + spec.count() + " is too large");
            }
            slot.numDevices = (int) spec.count();
            return slot;
        }
        List<Candidate> all = new ArrayList<>();
        for (Pool p : pools) {
            if (p.incomplete) {
                throw new AllocationError("claim " + claim + ", request " + shown
                        + ": asks for all devices, but resource pool " + p.id() + " is currently being updated");
            }
            if (p.invalid()) {
                throw new AllocationError("claim " + claim + ", request " + shown
                        + ": asks for all devices, but resource pool " + p.id() + " is currently invalid");
            }
            for (Candidate c : p.devices) {
                if (selection.selectable(slot, c) && fits(c, spec)) {
                    all.add(c);
                }
            }
        }
        slot.allDevices = List.copyOf(all);
        slot.numDevices = all.size();
        return slot;
    }

    private boolean fits(Candidate c, DeviceRequestSpec spec) {
        try {
            return capacity.fit(c, spec.capacity()) != null;
        } catch (AllocationError e) {
            return false;
        }
    }
}
