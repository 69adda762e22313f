package io.berth.api;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The unit the engine counts each resource in. Kueue counts cpu in milli-units and every other
 * resource in whole units (bytes of memory, devices, pods), so half a device counts as one and a
 * long holds exabytes of memory. Objects carry milli-units, so a pod's fractional request stays
 * exact until it is counted. milliCounted: the resources counted in milli-units; cpu always is,
 * others only by choice (shared GPUs, whose fractions should count as fractions).
 */
public record CountingUnits(Set<String> milliCounted) {
    private static final String CPU = "cpu";
    /** Kueue's units: milli-units for cpu alone. */
    public static final CountingUnits KUEUE = new CountingUnits(Set.of());

    public CountingUnits {
        Set<String> all = new TreeSet<>(milliCounted);
        all.add(CPU);
        milliCounted = Set.copyOf(all);
    }

    /** Kueue's units, also counting these resources in milli-units. */
    public static CountingUnits withMilli(Collection<String> resources) {
        return resources.isEmpty() ? KUEUE : new CountingUnits(Set.copyOf(resources));
    }

    public boolean inMilli(String resource) {
        return milliCounted.contains(resource);
    }

    /**
     * An amount of milli-units in the resource's counting unit. Whole units round away from zero, as
     * Kubernetes' Value() does; a saturated amount stays saturated.
     */
    public long fromMillis(String resource, long millis) {
        if (inMilli(resource) || millis == Long.MAX_VALUE || millis == Long.MIN_VALUE) {
            return millis;
        }
        long units = millis / 1000;
        return millis % 1000 == 0 ? units : units + Long.signum(millis);
    }

    /** An amount in the resource's counting unit as milli-units, saturating at the bounds of a long. */
    public long toMillis(String resource, long amount) {
        return inMilli(resource) ? amount : thousandTimes(amount);
    }

    /** A whole number of the resource (devices, pods) in its counting unit, saturating. */
    public long ofUnits(String resource, long units) {
        return inMilli(resource) ? thousandTimes(units) : units;
    }

    /** An amount in the resource's counting unit in its standard unit (cores, bytes, devices). */
    public double inStandardUnits(String resource, long amount) {
        return inMilli(resource) ? amount / 1000.0 : amount;
    }

    /** An amount in the resource's counting unit in Kubernetes' canonical form ("500m", "1Gi", "8"). */
    public String format(String resource, long amount) {
        return inMilli(resource) ? Quantity.format(amount, resource) : Quantity.formatUnits(amount, resource);
    }

    private static long thousandTimes(long v) {
        if (v > Long.MAX_VALUE / 1000) {
            return Long.MAX_VALUE;
        }
        return v < Long.MIN_VALUE / 1000 ? Long.MIN_VALUE : v * 1000;
    }
}
