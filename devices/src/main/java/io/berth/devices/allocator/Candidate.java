package io.berth.devices.allocator;

import io.berth.api.resource.Device;
import io.berth.api.resource.DeviceAttribute;
import io.berth.api.resource.DeviceCapacity;
import io.berth.api.resource.ResourceSlice;
import io.berth.devices.cel.DeviceInput;
import io.berth.devices.cel.DeviceInputs;
import java.util.HashMap;
import java.util.Map;

/** One device of a gathered pool, with its place in the allocation order and its CEL view (built once). */
final class Candidate {
    final int order;
    final Pool pool;
    final ResourceSlice slice;
    final Device device;
    final String id;
    private DeviceInput input;
    private Map<String, DeviceCapacity> qualifiedCapacity;
    /** The last attribute looked up (constraints ask for the same name again and again). */
    private String lastAttributeName;
    private DeviceAttribute lastAttribute;
    /** Selector results on this device by expression: Boolean, or the SelectorException (they depend on nothing else). */
    private Map<String, Object> selectorResults;

    Candidate(int order, Pool pool, ResourceSlice slice, Device device) {
        this.order = order;
        this.pool = pool;
        this.slice = slice;
        this.device = device;
        this.id = pool.driver + "/" + pool.name + "/" + device.name();
    }

    String driver() {
        return pool.driver;
    }

    boolean multiAllocatable() {
        return device.allowMultipleAllocations();
    }

    DeviceInput celInput() {
        if (input == null) {
            input = DeviceInputs.of(pool.driver, device, device.allowMultipleAllocations());
        }
        return input;
    }

    /** The remembered result of a selector on this device (Boolean or SelectorException), or null. */
    Object selectorResult(String expression) {
        return selectorResults == null ? null : selectorResults.get(expression);
    }

    void rememberSelector(String expression, Object result) {
        if (selectorResults == null) {
            selectorResults = new HashMap<>();
        }
        selectorResults.put(expression, result);
    }

    /**
     * The attribute with a fully qualified name: as written, or a bare id when the domain is the
     * driver's. Null when the device does not have it.
     */
    DeviceAttribute attribute(String qualifiedName) {
        if (lastAttributeName == qualifiedName) {
            return lastAttribute;
        }
        DeviceAttribute a = lookup(qualifiedName);
        lastAttributeName = qualifiedName;
        lastAttribute = a;
        return a;
    }

    private DeviceAttribute lookup(String qualifiedName) {
        DeviceAttribute a = device.attributes().get(qualifiedName);
        if (a != null) {
            return a;
        }
        int slash = qualifiedName.indexOf('/');
        if (slash < 0 || !qualifiedName.substring(0, slash).equals(pool.driver)) {
            return null;
        }
        return device.attributes().get(qualifiedName.substring(slash + 1));
    }

    /** The capacities keyed by fully qualified name; a name qualified with the driver wins over the bare one. */
    Map<String, DeviceCapacity> qualifiedCapacity() {
        if (qualifiedCapacity == null) {
            qualifiedCapacity = Map.copyOf(qualify());
        }
        return qualifiedCapacity;
    }

    private Map<String, DeviceCapacity> qualify() {
        Map<String, DeviceCapacity> out = new HashMap<>();
        String prefix = pool.driver + "/";
        device.capacity().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        device.capacity().forEach((k, v) -> {
            if (k.indexOf('/') < 0) {
                out.putIfAbsent(prefix + k, v);
            } else if (!k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return id;
    }
}
