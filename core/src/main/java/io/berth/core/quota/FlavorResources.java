package io.berth.core.quota;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Interns (flavor, resource) pairs to dense ids: quota, usage and requests are long arrays
 * indexed by these ids. Ids are stable for the life of the engine.
 */
public final class FlavorResources {
    private final Names flavors = new Names();
    private final Names resources = new Names();
    private final Map<Long, Integer> ids = new HashMap<>();
    private int[] flavorOf = new int[16];
    private int[] resourceOf = new int[16];
    /** Per id, the set of that id alone, made once: shares borrowing one flavor-resource hold it. */
    private BitSet[] alone = new BitSet[16];
    private int size;

    public Names flavors() {
        return flavors;
    }

    public Names resources() {
        return resources;
    }

    public int id(String flavor, String resource) {
        return id(flavors.id(flavor), resources.id(resource));
    }

    public int id(int flavor, int resource) {
        long key = ((long) flavor << 32) | resource;
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        if (size == flavorOf.length) {
            flavorOf = Arrays.copyOf(flavorOf, size * 2);
            resourceOf = Arrays.copyOf(resourceOf, size * 2);
            alone = Arrays.copyOf(alone, size * 2);
        }
        alone[size] = new BitSet();
        alone[size].set(size);
        flavorOf[size] = flavor;
        resourceOf[size] = resource;
        ids.put(key, size);
        return size++;
    }

    /** The set holding fr alone, shared: never to be changed. */
    public BitSet alone(int fr) {
        return alone[fr];
    }

    public int flavor(int fr) {
        return flavorOf[fr];
    }

    public int resource(int fr) {
        return resourceOf[fr];
    }

    public String flavorName(int fr) {
        return flavors.name(flavorOf[fr]);
    }

    public String resourceName(int fr) {
        return resources.name(resourceOf[fr]);
    }

    public int size() {
        return size;
    }
}
