package io.berth.core.queue;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A map from int keys to values in two flat arrays (open addressing, linear probing): a lookup
 * reads one key slot and one value slot, with no boxed key or entry object to chase.
 */
final class IntMap<V> {
    private static final int FREE = 0;
    private static final int INITIAL_CAPACITY = 8;
    private int[] keys = new int[INITIAL_CAPACITY];
    private Object[] values = new Object[INITIAL_CAPACITY];
    private int size;
    /** The value of key 0, which marks free slots in keys. */
    private V zeroValue;

    @SuppressWarnings("unchecked")
    V get(int key) {
        if (key == FREE) {
            return zeroValue;
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == FREE) {
                return null;
            }
        }
    }

    /** Maps key to value, which must not be null. */
    void put(int key, V value) {
        if (key == FREE) {
            size += zeroValue == null ? 1 : 0;
            zeroValue = value;
            return;
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != FREE && keys[i] != key) {
            i = (i + 1) & mask;
        }
        boolean added = keys[i] == FREE;
        keys[i] = key;
        values[i] = value;
        if (added && ++size * 2 > keys.length) {
            grow();
        }
    }

    /** Removes key; returns its value, or null. */
    @SuppressWarnings("unchecked")
    V remove(int key) {
        if (key == FREE) {
            V v = zeroValue;
            size -= v == null ? 0 : 1;
            zeroValue = null;
            return v;
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != key) {
            if (keys[i] == FREE) {
                return null;
            }
            i = (i + 1) & mask;
        }
        V v = (V) values[i];
        size--;
        // Shift later entries of the probe run back so that no lookup stops early at the hole.
        for (int hole = i, j = (i + 1) & mask; ; j = (j + 1) & mask) {
            if (keys[j] == FREE) {
                keys[hole] = FREE;
                values[hole] = null;
                return v;
            }
            int home = slot(keys[j], mask);
            boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    void forEachValue(Consumer<V> action) {
        if (zeroValue != null) {
            action.accept(zeroValue);
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE) {
                action.accept((V) values[i]);
            }
        }
    }

    /** Empties the map, giving back the room a past peak took so that reading it stays cheap. */
    void clear() {
        if (keys.length > INITIAL_CAPACITY) {
            keys = new int[INITIAL_CAPACITY];
            values = new Object[INITIAL_CAPACITY];
        } else if (size > 0) {
            Arrays.fill(keys, FREE);
            Arrays.fill(values, null);
        }
        zeroValue = null;
        size = 0;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != FREE) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != FREE) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static int slot(int key, int mask) {
        return (key * 0x9E3779B9 >>> 16 ^ key * 0x9E3779B9) & mask;
    }
}
