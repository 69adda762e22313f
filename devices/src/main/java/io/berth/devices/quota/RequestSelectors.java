package io.berth.devices.quota;

import io.berth.api.resource.CelSelector;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceRequestSpec;
import io.berth.devices.cel.CompiledSelector;
import io.berth.devices.cel.DeviceSelectors;
import io.berth.devices.cel.SelectorException;
import java.util.ArrayList;
import java.util.List;

/** The compiled selectors of a request's DeviceClass and of the request itself. */
record RequestSelectors(List<CompiledSelector> classSelectors, List<CompiledSelector> requestSelectors) {

    /** Compiles both; a missing class or a selector that does not compile is Kueue's field error. */
    static RequestSelectors of(DeviceCatalog catalog, DeviceSelectors cel, DeviceRequestSpec exactly, String requestPath)
            throws ChargeError {
        DeviceClass dc = catalog.deviceClass(exactly.deviceClassName());
        if (dc == null) {
            throw ChargeError.internal(requestPath, "failed to get DeviceClass " + exactly.deviceClassName()
                    + ": deviceclasses.resource.k8s.io \"" + exactly.deviceClassName() + "\" not found");
        }
        List<CompiledSelector> classSelectors = compile(cel, dc.selectors(), requestPath,
                "DeviceClass " + exactly.deviceClassName() + " has invalid CEL selector");
        List<CompiledSelector> requestSelectors = compile(cel, exactly.selectors(), requestPath + ".exactly.selectors",
                "CEL compilation failed");
        return new RequestSelectors(classSelectors, requestSelectors);
    }

    static List<CompiledSelector> compile(DeviceSelectors cel, List<CelSelector> selectors, String path, String context)
            throws ChargeError {
        List<CompiledSelector> out = new ArrayList<>();
        for (int i = 0; i < selectors.size(); i++) {
            String expression = selectors.get(i).expression();
            try {
                out.add(cel.compile(expression));
            } catch (SelectorException e) {
                throw ChargeError.invalid(path + "[" + i + "].cel.expression", ChargeError.quote(expression),
                        context + ": " + e.getMessage());
            }
        }
        return out;
    }
}
