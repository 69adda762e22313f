package io.berth.devices.allocator;

import io.berth.api.resource.DeviceAttribute;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Narrows each slot to the devices that can possibly serve it and proves some inputs unsatisfiable
 * before searching: a request with fewer candidates than it needs, claims needing more distinct devices
 * than their candidates offer, a matchAttribute with no value that every covered request can get
 * enough devices of, a distinctAttribute with too few values. It only removes devices that cannot be in
 * any solution, so the search still finds Kubernetes' first solution. When a selector fails while
 * counting, nothing is pruned: the search then meets that error where Kubernetes would.
 */
final class Pruning {
    private final List<Pool> pools;
    private final List<List<List<Slot>>> slots;
    private final List<List<Constraint>> constraints;
    private final Selection selection;
    private final AllocatedState allocated;
    private final CounterLedger counters;
    private final CapacityLedger capacity;
    private final Set<Integer> withShared = new HashSet<>();
    String reason;

    Pruning(List<Pool> pools, List<List<List<Slot>>> slots, List<List<Constraint>> constraints, Selection selection,
            AllocatedState allocated, CounterLedger counters, CapacityLedger capacity) {
        this.pools = pools;
        this.slots = slots;
        this.constraints = constraints;
        this.selection = selection;
        this.allocated = allocated;
        this.counters = counters;
        this.capacity = capacity;
    }

    /** False when the claims cannot be allocated (reason says why); true otherwise, with slots narrowed. */
    boolean feasible() {
        if (pools.stream().anyMatch(Pool::invalid) || constrainedAll()) {
            return true;
        }
        try {
            for (List<List<Slot>> claim : slots) {
                for (List<Slot> alternatives : claim) {
                    for (Slot s : alternatives) {
                        if (!s.all()) {
                            s.allowed = candidates(s);
                        }
                    }
                }
            }
        } catch (AllocationError e) {
            forEachSlot(s -> s.allowed = null);
            return true;
        }
        for (int ci = 0; ci < slots.size(); ci++) {
            for (Constraint k : constraints.get(ci)) {
                if (!narrow(ci, k)) {
                    return false;
                }
            }
        }
        return requestsFeasible() && enoughDistinctDevices();
    }

    /**
     * An All request under a constraint makes the search fail with an error when it meets a conflicting
     * state; pruning would skip such states, so it stays off for those claims' sake.
     */
    private boolean constrainedAll() {
        for (int ci = 0; ci < slots.size(); ci++) {
            for (List<Slot> alternatives : slots.get(ci)) {
                for (Slot s : alternatives) {
                    if (s.all() && constraints.get(ci).stream().anyMatch(k -> k.applies(s.requestName, s.subName))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private BitSet candidates(Slot s) throws AllocationError {
        BitSet b = new BitSet();
        for (Pool p : pools) {
            for (Candidate c : p.devices) {
                if (!s.spec.adminAccess() && !c.multiAllocatable() && allocated.exclusive.contains(c.id)) {
                    continue;
                }
                if (!selection.selectable(s, c) || !Selection.tolerated(s, c) || !fitsAlone(s, c)) {
                    continue;
                }
                b.set(c.order);
                if (c.multiAllocatable()) {
                    withShared.add(s.key);
                }
            }
        }
        return b;
    }

    private boolean fitsAlone(Slot s, Candidate c) {
        try {
            if (capacity.fit(c, s.spec.capacity()) == null || !counters.take(c)) {
                return false;
            }
            counters.release(c);
            return true;
        } catch (AllocationError e) {
            return false;
        }
    }

    /** Each request needs one alternative with enough candidates. */
    private boolean requestsFeasible() {
        for (List<List<Slot>> claim : slots) {
            for (List<Slot> alternatives : claim) {
                if (alternatives.stream().noneMatch(this::enough)) {
                    Slot s = alternatives.get(0);
                    reason = s.all() ? "request " + s.requestName + " of claim #" + (s.claim + 1)
                            + " asks for all matching devices, but none match or some are held, tainted or full"
                            : "request " + s.requestName + " of claim #" + (s.claim + 1) + " needs " + s.numDevices
                            + " device(s) but only " + s.allowed.cardinality() + " match on this node";
                    return false;
                }
            }
        }
        return true;
    }

    private boolean enough(Slot s) {
        if (s.all()) {
            return allUsable(s);
        }
        return withShared.contains(s.key) || s.allowed.cardinality() >= s.numDevices;
    }

    /** An All request needs at least one device, and each of its devices free, tolerated and fitting. */
    private boolean allUsable(Slot s) {
        if (s.allDevices.isEmpty()) {
            return false;
        }
        for (Candidate c : s.allDevices) {
            boolean held = !c.multiAllocatable() && allocated.exclusive.contains(c.id);
            if ((held && !s.spec.adminAccess()) || !Selection.tolerated(s, c) || !fitsAlone(s, c)) {
                return false;
            }
        }
        return true;
    }

    /** Devices are not shared between requests (unless shared devices or admin access are involved). */
    private boolean enoughDistinctDevices() {
        BitSet union = new BitSet();
        int need = 0;
        for (List<List<Slot>> claim : slots) {
            for (List<Slot> alternatives : claim) {
                if (alternatives.stream().anyMatch(s -> s.all() || s.spec.adminAccess() || withShared.contains(s.key))) {
                    continue;
                }
                need += alternatives.stream().mapToInt(s -> s.numDevices).min().orElse(0);
                alternatives.forEach(s -> union.or(s.allowed));
            }
        }
        if (need > union.cardinality()) {
            reason = "the claims need " + need + " distinct devices but only " + union.cardinality() + " match on this node";
            return false;
        }
        return true;
    }

    /** Applies one constraint of claim ci: drops devices without the attribute, and values too rare to satisfy it. */
    private boolean narrow(int ci, Constraint k) {
        List<Slot> covered = new ArrayList<>();
        List<Slot> counted = new ArrayList<>();
        for (List<Slot> alternatives : slots.get(ci)) {
            for (Slot s : alternatives) {
                if (s.all() || !k.applies(s.requestName, s.subName)) {
                    continue;
                }
                covered.add(s);
                if (alternatives.size() == 1 && !withShared.contains(s.key)) {
                    counted.add(s);
                }
            }
        }
        Map<Integer, Object> values = new HashMap<>();
        for (Slot s : covered) {
            for (int i = s.allowed.nextSetBit(0); i >= 0; i = s.allowed.nextSetBit(i + 1)) {
                DeviceAttribute a = candidate(i).attribute(k.attribute);
                if (a == null) {
                    s.allowed.clear(i);
                } else {
                    values.put(i, a.value());
                }
            }
        }
        if (counted.isEmpty()) {
            return true;
        }
        return k instanceof Constraint.Match ? narrowMatch(counted, values, k) : distinctEnough(counted, values, k);
    }

    private boolean narrowMatch(List<Slot> counted, Map<Integer, Object> values, Constraint k) {
        Set<Object> possible = new HashSet<>(values.values());
        for (Object v : new ArrayList<>(possible)) {
            BitSet union = new BitSet();
            int need = 0;
            for (Slot s : counted) {
                BitSet withV = withValue(s.allowed, values, v);
                if (withV.cardinality() < s.numDevices) {
                    possible.remove(v);
                }
                union.or(withV);
                need += s.numDevices;
            }
            if (union.cardinality() < need) {
                possible.remove(v);
            }
        }
        if (possible.isEmpty()) {
            reason = "no value of " + k.attribute + " is shared by enough devices for matchAttribute";
            return false;
        }
        for (Slot s : counted) {
            for (int i = s.allowed.nextSetBit(0); i >= 0; i = s.allowed.nextSetBit(i + 1)) {
                if (!possible.contains(values.get(i))) {
                    s.allowed.clear(i);
                }
            }
        }
        return true;
    }

    private boolean distinctEnough(List<Slot> counted, Map<Integer, Object> values, Constraint k) {
        Set<Object> distinct = new HashSet<>();
        int need = 0;
        for (Slot s : counted) {
            need += s.numDevices;
            for (int i = s.allowed.nextSetBit(0); i >= 0; i = s.allowed.nextSetBit(i + 1)) {
                distinct.add(values.get(i));
            }
        }
        if (distinct.size() < need) {
            reason = "distinctAttribute " + k.attribute + " needs " + need + " different values but only "
                    + distinct.size() + " exist among the matching devices";
            return false;
        }
        return true;
    }

    private static BitSet withValue(BitSet allowed, Map<Integer, Object> values, Object v) {
        BitSet b = new BitSet();
        for (int i = allowed.nextSetBit(0); i >= 0; i = allowed.nextSetBit(i + 1)) {
            if (v.equals(values.get(i))) {
                b.set(i);
            }
        }
        return b;
    }

    private Candidate candidate(int order) {
        for (Pool p : pools) {
            if (!p.devices.isEmpty() && order <= p.devices.get(p.devices.size() - 1).order) {
                return p.devices.get(order - p.devices.get(0).order);
            }
        }
        throw new IllegalArgumentException("no device #" + order);
    }

    private void forEachSlot(java.util.function.Consumer<Slot> f) {
        slots.forEach(c -> c.forEach(a -> a.forEach(f)));
    }
}
