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
        return failed.get(key(claim, request, sub, device, inSub, picks));
    }

    void put(int claim, int request, int sub, int device, boolean inSub, List<List<Pick>> picks, Search.Step step) {
        if (failed.size() < MAX_ENTRIES) {
            failed.put(key(claim, request, sub, device, inSub, picks), step);
        }
    }

    /**
     * At the start of a claim, earlier claims matter only through the devices they hold (and the
     * capacity their shares take), not through which of their requests took them: such positions are
     * keyed by devices alone, so different assignments of the same devices are searched once.
     */
    private static Key key(int claim, int request, int sub, int device, boolean inSub, List<List<Pick>> picks) {
        boolean claimStart = request == 0 && sub == 0 && device == 0 && !inSub;
        return new Key(new int[] {claim, request, sub, device, inSub ? 1 : 0}, picked(picks, claimStart));
    }

    private static long[] picked(List<List<Pick>> picks, boolean devicesOnly) {
        int n = 0;
        for (List<Pick> l : picks) {
            n += l.size();
        }
        long[] out = new long[n];
        int i = 0;
        for (List<Pick> l : picks) {
            for (Pick p : l) {
                long owner = devicesOnly && !p.shared() ? 0xFFFFFFFFL : p.slot().key;
                out[i++] = (owner << 32) | p.device().order;
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
