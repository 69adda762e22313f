package io.berth.devices.allocator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backtracking search of Kubernetes' structured allocator: claims in order, their requests in
 * order, for firstAvailable the alternatives in order, and for each needed device the pools (driver,
 * name), slices (name) and devices (slice order); the first complete solution wins. Every tentative
 * pick is undone exactly (constraints, counters, capacity) when the search backs out of it. The number
 * of device attempts is bounded by a budget.
 */
final class Search {
    enum Step { FOUND, NONE, MAX_SIZE }

    static final int MAX_RESULTS = 32;

    private final List<Pool> pools;
    private final List<List<List<Slot>>> slots;
    private final List<List<Constraint>> constraints;
    private final Selection selection;
    private final AllocatedState allocated;
    private final CounterLedger counters;
    private final CapacityLedger capacity;
    private final long budget;
    private final List<String> claimNames;
    private final List<List<Pick>> results = new ArrayList<>();
    private final Map<String, Set<Integer>> allocating = new HashMap<>();
    private final FailureMemo memo = new FailureMemo();
    final int[][] chosenSub;
    long steps;

    Search(List<Pool> pools, List<List<List<Slot>>> slots, List<List<Constraint>> constraints, Selection selection,
           AllocatedState allocated, CounterLedger counters, CapacityLedger capacity, long budget,
           List<String> claimNames) {
        this.claimNames = claimNames;
        this.pools = pools;
        this.slots = slots;
        this.constraints = constraints;
        this.selection = selection;
        this.allocated = allocated;
        this.counters = counters;
        this.capacity = capacity;
        this.budget = budget;
        this.chosenSub = new int[slots.size()][];
        for (int i = 0; i < slots.size(); i++) {
            results.add(new ArrayList<>());
            chosenSub[i] = new int[slots.get(i).size()];
        }
    }

    List<List<Pick>> results() {
        return results;
    }

    /** Runs the search; FOUND leaves the solution in {@link #results()}. */
    Step run() throws AllocationError, TooComplex {
        return next(0, 0, 0, 0, false);
    }

    private Step next(int claim, int request, int sub, int device, boolean inSub) throws AllocationError, TooComplex {
        if (claim >= slots.size()) {
            return Step.FOUND;
        }
        if (!memo.isEmpty()) {
            Step known = memo.get(claim, request, sub, device, inSub, results);
            if (known != null) {
                return known;
            }
        }
        Step s = explore(claim, request, sub, device, inSub);
        if (s != Step.FOUND) {
            memo.put(claim, request, sub, device, inSub, results, s);
        }
        return s;
    }

    private Step explore(int claim, int request, int sub, int device, boolean inSub) throws AllocationError, TooComplex {
        List<List<Slot>> requests = slots.get(claim);
        if (request >= requests.size()) {
            Step s = next(claim + 1, 0, 0, 0, false);
            return s == Step.MAX_SIZE ? Step.NONE : s;
        }
        List<Slot> alternatives = requests.get(request);
        Slot slot = alternatives.get(sub);
        if (!inSub && slot.subName != null) {
            boolean allExceeded = true;
            for (int i = 0; i < alternatives.size(); i++) {
                Step s = next(claim, request, i, device, true);
                if (s == Step.MAX_SIZE) {
                    continue;
                }
                allExceeded = false;
                if (s == Step.FOUND) {
                    chosenSub[claim][request] = i;
                    return s;
                }
            }
            return allExceeded ? Step.MAX_SIZE : Step.NONE;
        }
        if (slot.all() && slot.allDevices.isEmpty()) {
            return Step.NONE;
        }
        if (device >= slot.numDevices) {
            return next(claim, request + 1, 0, 0, false);
        }
        if (results.get(claim).size() + slot.numDevices - device > MAX_RESULTS) {
            return Step.MAX_SIZE;
        }
        if (slot.all()) {
            Candidate c = slot.allDevices.get(device);
            if (!tryPick(slot, c, true)) {
                return Step.NONE;
            }
            Step s = next(claim, request, sub, device + 1, inSub);
            if (s != Step.FOUND) {
                undo(claim);
            }
            return s;
        }
        for (Pool pool : pools) {
            if (pool.invalid()) {
                throw new AllocationError("pool " + pool.name + " is invalid: " + pool.invalidReason);
            }
            for (Candidate c : pool.devices) {
                if (slot.allowed != null && !slot.allowed.get(c.order)) {
                    continue;
                }
                if (inUse(slot, c) || !selection.selectable(slot, c)) {
                    continue;
                }
                if (!tryPick(slot, c, false)) {
                    continue;
                }
                Step s = next(claim, request, sub, device + 1, inSub);
                if (s == Step.FOUND) {
                    return s;
                }
                undo(claim);
                if (s == Step.MAX_SIZE) {
                    return s;
                }
            }
        }
        return Step.NONE;
    }

    private boolean inUse(Slot slot, Candidate c) {
        if (slot.spec.adminAccess()) {
            return !c.multiAllocatable() && allocating.getOrDefault(c.id, Set.of()).contains(slot.claim);
        }
        return allocated.exclusive.contains(c.id) || !allocating.getOrDefault(c.id, Set.of()).isEmpty();
    }

    /**
     * Picks c for slot if it is free, tolerated, keeps the constraints, has capacity and counters. Every
     * rejection after a constraint was added removes it again, so nothing changes unless c is picked.
     */
    private boolean tryPick(Slot slot, Candidate c, boolean must) throws AllocationError, TooComplex {
        if (steps == budget) {
            throw new TooComplex(budget);
        }
        steps++;
        if (inUse(slot, c) || !Selection.tolerated(slot, c)) {
            return false;
        }
        List<Constraint> mine = constraints.get(slot.claim);
        int added = 0;
        for (; added < mine.size(); added++) {
            Constraint k = mine.get(added);
            if (k.applies(slot.requestName, slot.subName) && !k.add(c)) {
                removeConstraints(mine, added, slot, c);
                if (must) {
                    throw new AllocationError("claim " + claimNames.get(slot.claim) + ", request " + slot.resultName()
                            + ": cannot add device " + c.id + " because a claim constraint would not be satisfied");
                }
                return false;
            }
        }
        Map<String, BigDecimal> consumed;
        try {
            consumed = capacity.fit(c, slot.spec.capacity());
        } catch (AllocationError e) {
            consumed = null; // as Kubernetes: a capacity request the device cannot express skips the device
        }
        if (consumed == null || !counters.take(c)) {
            removeConstraints(mine, added, slot, c);
            return false;
        }
        boolean shared = c.multiAllocatable();
        if (shared) {
            capacity.take(c, consumed);
        } else {
            allocating.computeIfAbsent(c.id, k -> new HashSet<>()).add(slot.claim);
        }
        results.get(slot.claim).add(new Pick(slot, c, shared ? consumed : Map.of(), shared));
        return true;
    }

    private static void removeConstraints(List<Constraint> constraints, int upTo, Slot slot, Candidate c) {
        for (int j = 0; j < upTo; j++) {
            if (constraints.get(j).applies(slot.requestName, slot.subName)) {
                constraints.get(j).remove(c);
            }
        }
    }

    /** Undoes the last pick of the claim. */
    private void undo(int claim) {
        List<Pick> picks = results.get(claim);
        Pick p = picks.remove(picks.size() - 1);
        Candidate c = p.device();
        for (Constraint k : constraints.get(claim)) {
            if (k.applies(p.slot().requestName, p.slot().subName)) {
                k.remove(c);
            }
        }
        if (p.shared()) {
            capacity.release(c, p.consumed());
        } else {
            Set<Integer> holders = allocating.get(c.id);
            holders.remove(claim);
            if (holders.isEmpty()) {
                allocating.remove(c.id);
            }
        }
        counters.release(c);
    }

    /** The search used up its budget of device attempts. */
    static final class TooComplex extends Exception {
        TooComplex(long budget) {
            super("allocation too complex: gave up after " + budget + " device attempts; the claims are probably"
                    + " unsatisfiable on this node (raise the budget to search further)");
        }
    }
}
