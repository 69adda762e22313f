package io.berth.devices.allocator;

import io.berth.api.resource.DeviceCapacity;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Consumable capacity of devices: what existing claims hold on shared devices plus what allocations in
 * progress take. {@link #fit} decides whether a request fits a device and how much it would consume.
 */
final class CapacityLedger {
    private final AllocatedState allocated;
    private final Map<String, Map<String, BigDecimal>> allocating = new HashMap<>();

    CapacityLedger(AllocatedState allocated) {
        this.allocated = allocated;
    }

    /**
     * The capacity a request would consume on the device, keyed by the device's own capacity names; null
     * when the device lacks a requested capacity, the policy refuses the amount, or there is not enough left.
     */
    Map<String, BigDecimal> fit(Candidate c, Map<String, BigDecimal> requests) throws AllocationError {
        Map<String, DeviceCapacity> capacity = c.qualifiedCapacity();
        if (requests.isEmpty() && !c.multiAllocatable() && capacity.values().stream().allMatch(v -> v.requestPolicy() == null)) {
            return Map.of(); // takes each capacity whole, which an exclusive device always has
        }
        Map<String, BigDecimal> resolved = new HashMap<>();
        for (Map.Entry<String, BigDecimal> r : requests.entrySet()) {
            String key = resolve(r.getKey(), c);
            if (key == null) {
                return null;
            }
            if (resolved.put(key, r.getValue()) != null) {
                throw new AllocationError("capacity \"" + key + "\" requested twice (with and without the driver as domain)");
            }
        }
        Map<String, BigDecimal> consumed = new LinkedHashMap<>();
        for (Map.Entry<String, DeviceCapacity> e : capacity.entrySet()) {
            BigDecimal amount = CapacityPolicy.consumed(resolved.get(e.getKey()), e.getValue());
            if (amount.signum() < 0) {
                throw new AllocationError("capacity \"" + e.getKey() + "\": capacity value is negative");
            }
            consumed.put(e.getKey(), amount);
        }
        Map<String, BigDecimal> held = allocated.sharedCapacity.getOrDefault(c.id, Map.of());
        Map<String, BigDecimal> taking = allocating.getOrDefault(c.id, Map.of());
        for (Map.Entry<String, DeviceCapacity> e : capacity.entrySet()) {
            BigDecimal amount = consumed.get(e.getKey());
            if (CapacityPolicy.violates(amount, e.getValue().requestPolicy())) {
                return null;
            }
            BigDecimal total = amount.add(held.getOrDefault(e.getKey(), BigDecimal.ZERO))
                    .add(taking.getOrDefault(e.getKey(), BigDecimal.ZERO));
            if (total.compareTo(e.getValue().value()) > 0) {
                return null;
            }
        }
        return consumed;
    }

    /** The name of the device capacity a request names (fully qualified), or null if the device has none. */
    private static String resolve(String name, Candidate c) {
        String driver = c.driver();
        if (c.device.capacity().containsKey(name)) {
            return AllocatedState.qualify(driver, name);
        }
        int slash = name.indexOf('/');
        if (slash >= 0) {
            String id = name.substring(slash + 1);
            return name.substring(0, slash).equals(driver) && c.device.capacity().containsKey(id) ? name : null;
        }
        return c.device.capacity().containsKey(driver + "/" + name) ? driver + "/" + name : null;
    }

    void take(Candidate c, Map<String, BigDecimal> consumed) {
        Map<String, BigDecimal> m = allocating.computeIfAbsent(c.id, k -> new HashMap<>());
        consumed.forEach((k, v) -> m.merge(k, v, BigDecimal::add));
    }

    void release(Candidate c, Map<String, BigDecimal> consumed) {
        Map<String, BigDecimal> m = allocating.get(c.id);
        consumed.forEach((k, v) -> m.merge(k, v.negate(), BigDecimal::add));
        if (m.values().stream().allMatch(v -> v.signum() == 0)) {
            allocating.remove(c.id);
        }
    }

    /** Capacity taken by allocations in progress on one device (empty when none). */
    Map<String, BigDecimal> taking(String deviceId) {
        return allocating.getOrDefault(deviceId, Map.of());
    }

    /** Capacity names as the device publishes them, for the allocation result. */
    static Map<String, BigDecimal> asPublished(Candidate c, Map<String, BigDecimal> consumed) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        String prefix = c.driver() + "/";
        consumed.forEach((k, v) -> out.put(c.device.capacity().containsKey(k) || !k.startsWith(prefix) ? k
                : k.substring(prefix.length()), v));
        return out;
    }
}
