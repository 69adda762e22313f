package io.berth.core.quota;

import io.berth.api.CountingUnits;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Interns (flavor, resource) pairs to dense ids: quota, usage and requests are long arrays
 * indexed by these ids. Ids are stable for the life of the engine.
 */
public final class FlavorResources {
    private final CountingUnits units;
    private final Names flavors = new Names();
    private final Names resources = new Names();
    private final Map<Long, Integer> ids = new HashMap<>();
    private int[] flavorOf = new int[16];
    private int[] resourceOf = new int[16];
    /** Per id, the set of that id alone, made once: shares borrowing one flavor-resource hold it. */
    private BitSet[] alone = new BitSet[16];
    private int size;

    /** With Kueue's counting units. */
    public FlavorResources() {
        this(CountingUnits.KUEUE);
    }

    public FlavorResources(CountingUnits units) {
        this.units = units;
    }

    /** The unit each resource's amounts are counted in. */
    public CountingUnits units() {
        return units;
    }

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

    /** A builder of a set of flavor-resource ids, for a set that often holds one alone. */
    public SetBuilder newSet() {
        return new SetBuilder();
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

    /** Builds a set of ids that, while it holds one alone, is the shared {@link #alone} set and costs nothing. */
    public final class SetBuilder {
        private int first = -1;
        private BitSet set;

        private SetBuilder() {
        }

        public void add(int fr) {
            if (first < 0 || first == fr) {
                first = fr;
                return;
            }
            if (set == null) {
                set = new BitSet();
                set.set(first);
            }
            set.set(fr);
        }

        public boolean isEmpty() {
            return first < 0;
        }

        /** The set; not to be changed. */
        public BitSet build() {
            return set != null ? set : first >= 0 ? alone(first) : new BitSet();
        }
    }
}
