package io.berth.devices.allocator;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers search positions that failed, keyed by the position and the set of (slot, device) picks
 * made so far. The state ahead (devices in use, constraint values, counters, capacity, result sizes)
 * depends only on that set, not on the order of the picks, so a second visit of the same set in
 * another order (a permutation of the same devices) fails the same way and is skipped. This keeps
 * Kubernetes' first solution while cutting the permutations its exhaustive search walks through.
 */
final class FailureMemo {
    private static final int MAX_ENTRIES = 500_000;

    private final Map<Key, Search.Step> failed = new HashMap<>();

    boolean isEmpty() {
        return failed.isEmpty();
    }

    Search.Step get(int claim, int request, int sub, int device, boolean inSub, List<List<Pick>> picks) {
        return failed.get(new Key(new int[] {claim, request, sub, device, inSub ? 1 : 0}, picked(picks)));
    }

    void put(int claim, int request, int sub, int device, boolean inSub, List<List<Pick>> picks, Search.Step step) {
        if (failed.size() < MAX_ENTRIES) {
            failed.put(new Key(new int[] {claim, request, sub, device, inSub ? 1 : 0}, picked(picks)), step);
        }
    }

    private static long[] picked(List<List<Pick>> picks) {
        int n = 0;
        for (List<Pick> l : picks) {
            n += l.size();
        }
        long[] out = new long[n];
        int i = 0;
        for (List<Pick> l : picks) {
            for (Pick p : l) {
                out[i++] = ((long) p.slot().key << 32) | p.device().order;
            }
        }
        Arrays.sort(out);
        return out;
    }

    private record Key(int[] position, long[] picks) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(position, k.position) && Arrays.equals(picks, k.picks);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(position) + Arrays.hashCode(picks);
        }
    }
}
