package io.berth.devices.allocator;

import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceSlice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pools gathered for a slice list and a node, reused while a caller passes the very same
 * (immutable) list and node again, as a scheduler does for one node between changes: gathering,
 * each device's CEL view and its selector results are then paid once. Keyed by identity; at most
 * {@link #CAPACITY} entries, the least recently used dropped first.
 */
final class PoolCache {
    static final int CAPACITY = 4096;

    private record Key(List<ResourceSlice> slices, Node node) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.slices == slices && k.node == node;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(slices) + System.identityHashCode(node);
        }
    }

    private final Map<Key, List<Pool>> pools = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, List<Pool>> eldest) {
            return size() > CAPACITY;
        }
    };

    List<Pool> pools(List<ResourceSlice> slices, Node node) {
        return pools.computeIfAbsent(new Key(slices, node), k -> PoolGatherer.gather(slices, node));
    }
}
