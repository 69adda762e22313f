package io.berth.devices.quota;

import io.berth.api.config.DeviceClassSource;
import io.berth.api.resource.CelSelector;
import io.berth.api.resource.CounterConsumption;
import io.berth.api.resource.DeviceCapacity;
import io.berth.api.resource.DeviceRequestSpec;
import io.berth.devices.cel.CompiledSelector;
import io.berth.devices.cel.DeviceSelectors;
import io.berth.devices.cel.SelectorException;
import io.berth.devices.quota.DeviceCatalog.CatalogDevice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Kueue's counter and capacity quota sources for one {@code exactly} request of a pod's claim, in
 * whole units per pod:
 * <ul>
 * <li>counter: the largest value of the source's counter that a matching device consumes, times the
 * request's count;</li>
 * <li>capacity: for each matching device that has the capacity, the request's amount (else the
 * device's default, else all of it) rounded up by the device's request policy; the largest, times
 * the count.</li>
 * </ul>
 * A device matches when the source's selector, the DeviceClass's selectors and the request's
 * selectors are all true for it, among the source driver's devices of complete pools. Fewer matching
 * devices than the count, or none with the counter or capacity, is Kueue's error for the request.
 */
public final class SourceCharges {
    private final DeviceCatalog catalog;
    private final DeviceSelectors cel;

    public SourceCharges(DeviceCatalog catalog, DeviceSelectors cel) {
        this.catalog = catalog;
        this.cel = cel;
    }

    /** The per-pod charge of a counter source for the request at requestPath. */
    public long counter(DeviceClassSource source, DeviceRequestSpec exactly, String requestPath) throws ChargeError {
        List<CatalogDevice> matched = matching(source, exactly, requestPath);
        if (matched.size() < exactly.count()) {
            throw ChargeError.internal(requestPath, "insufficient matching devices for counter driver: "
                    + matched.size() + " device(s) match but " + exactly.count() + " requested");
        }
        BigDecimal largest = null;
        for (CatalogDevice d : matched) {
            for (CounterConsumption c : d.device().consumesCounters()) {
                BigDecimal v = c.counters().get(source.name());
                if (v != null && (largest == null || v.compareTo(largest) > 0)) {
                    largest = v;
                }
            }
        }
        if (largest == null) {
            throw ChargeError.internal(requestPath, "matched devices have no consumesCounters entry for counter \""
                    + source.name() + "\"");
        }
        return Units.times(Units.of(largest), exactly.count());
    }

    /** The per-pod charge of a capacity source for the request at requestPath. */
    public long capacity(DeviceClassSource source, DeviceRequestSpec exactly, String requestPath) throws ChargeError {
        List<CatalogDevice> matched = matching(source, exactly, requestPath);
        if (matched.size() < exactly.count()) {
            throw ChargeError.internal(requestPath, "insufficient matching devices for capacity driver: "
                    + matched.size() + " device(s) match but " + exactly.count() + " requested");
        }
        BigDecimal requested = exactly.capacity().get(source.name());
        boolean hasCapacity = false;
        BigDecimal largest = null;
        for (CatalogDevice d : matched) {
            DeviceCapacity capacity = d.device().capacity().get(source.name());
            if (capacity == null) {
                continue;
            }
            hasCapacity = true;
            BigDecimal charge = CapacityRounding.charge(capacity, requested);
            if (charge != null && (largest == null || charge.compareTo(largest) > 0)) {
                largest = charge;
            }
        }
        if (!hasCapacity) {
            throw ChargeError.internal(requestPath, "matched devices have no capacity dimension \"" + source.name() + "\"");
        }
        if (largest == null) {
            throw ChargeError.invalid(requestPath, "null", "capacity request cannot be satisfied by any matched "
                    + "device's RequestPolicy for dimension \"" + source.name() + "\"");
        }
        return Units.times(Units.of(largest), exactly.count());
    }

    private List<CatalogDevice> matching(DeviceClassSource source, DeviceRequestSpec exactly, String requestPath)
            throws ChargeError {
        RequestSelectors selectors = RequestSelectors.of(catalog, cel, exactly, requestPath);
        List<CompiledSelector> sourceSelector = RequestSelectors.compile(cel,
                List.of(new CelSelector(source.deviceSelector())), requestPath, "deviceSelector CEL compilation failed");
        List<CatalogDevice> out = new ArrayList<>();
        for (CatalogDevice d : catalog.devicesOf(source.driver())) {
            if (all(sourceSelector, d, "deviceSelector", requestPath)
                    && all(selectors.classSelectors(), d, "DeviceClass selector", requestPath)
                    && all(selectors.requestSelectors(), d, "request selector", requestPath)) {
                out.add(d);
            }
        }
        return out;
    }

    private static boolean all(List<CompiledSelector> selectors, CatalogDevice d, String which, String requestPath)
            throws ChargeError {
        for (CompiledSelector s : selectors) {
            try {
                if (!s.matches(d.input())) {
                    return false;
                }
            } catch (SelectorException e) {
                throw ChargeError.internal(requestPath, "CEL evaluation error in " + which + " for device "
                        + d.device().name() + ": " + e.getMessage());
            }
        }
        return true;
    }
}
