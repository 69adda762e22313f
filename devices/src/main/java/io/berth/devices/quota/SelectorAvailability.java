package io.berth.devices.quota;

import io.berth.api.resource.DeviceRequestSpec;
import io.berth.api.resource.ResourceSlice;
import io.berth.devices.cel.CompiledSelector;
import io.berth.devices.cel.DeviceInput;
import io.berth.devices.cel.DeviceInputs;
import io.berth.devices.cel.SelectorException;
import io.berth.devices.cel.DeviceSelectors;
import io.berth.api.resource.Device;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kueue's check that a claim's requests with CEL selectors can be met by devices in the cluster before
 * quota is charged for them: in request order, each takes up to its count of devices that its
 * DeviceClass's and its own selectors accept and that no earlier request took, among every device of
 * the ResourceSlices (of the sources' drivers when every such request's class has sources). Too few is
 * Kueue's error for the request.
 */
public final class SelectorAvailability {
    /** A request of the claim (index k) with CEL selectors. */
    public record IndexedRequest(int index, DeviceRequestSpec request) {
    }

    private record SliceDevice(Device device, DeviceInput input) {
    }

    private final DeviceCatalog catalog;
    private final DeviceSelectors cel;

    public SelectorAvailability(DeviceCatalog catalog, DeviceSelectors cel) {
        this.catalog = catalog;
        this.cel = cel;
    }

    /**
     * drivers: the drivers whose slices are searched, or null for all. claimPath: the pod's claim
     * ("spec.podSets[i].template.spec.resourceClaims[j]"); template: its ResourceClaimTemplate.
     */
    public void check(List<IndexedRequest> requests, Set<String> drivers, String claimPath, String template)
            throws ChargeError {
        if (requests.isEmpty()) {
            return;
        }
        List<SliceDevice> devices = new ArrayList<>();
        for (ResourceSlice s : catalog.slices()) {
            if (drivers == null || drivers.contains(s.driver())) {
                s.devices().forEach(d -> devices.add(new SliceDevice(d, DeviceInputs.of(s.driver(), d, false))));
            }
        }
        Set<Integer> taken = new HashSet<>();
        for (IndexedRequest r : requests) {
            String requestPath = claimPath + ".devices.requests[" + r.index() + "]";
            RequestSelectors selectors;
            try {
                selectors = RequestSelectors.of(catalog, cel, r.request(), requestPath);
            } catch (ChargeError e) {
                throw withTemplate(e, template);
            }
            long needed = r.request().count();
            long matched = 0;
            for (int i = 0; i < devices.size() && matched < needed; i++) {
                if (taken.contains(i)) {
                    continue;
                }
                try {
                    if (all(selectors.classSelectors(), devices.get(i)) && all(selectors.requestSelectors(), devices.get(i))) {
                        taken.add(i);
                        matched++;
                    }
                } catch (SelectorException e) {
                    throw new ChargeError(requestPath + ".exactly.selectors: Invalid value: null: ResourceClaimTemplate "
                            + template + ": CEL evaluation failed for DeviceClass " + r.request().deviceClassName()
                            + ": " + e.getMessage());
                }
            }
            if (matched < needed) {
                throw new ChargeError(requestPath + ".exactly.selectors: Internal error: ResourceClaimTemplate " + template
                        + ": insufficient matching devices for CEL selector in DeviceClass "
                        + r.request().deviceClassName() + ": " + matched + " device(s) match in the cluster but "
                        + needed + " requested");
            }
        }
    }

    private static ChargeError withTemplate(ChargeError e, String template) {
        String m = e.getMessage();
        int body = m.indexOf(": Internal error: ");
        if (body >= 0) {
            int at = body + ": Internal error: ".length();
            return new ChargeError(m.substring(0, at) + "ResourceClaimTemplate " + template + ": " + m.substring(at));
        }
        return e;
    }

    private static boolean all(List<CompiledSelector> selectors, SliceDevice d) throws SelectorException {
        for (CompiledSelector s : selectors) {
            if (!s.matches(d.input())) {
                return false;
            }
        }
        return true;
    }
}
