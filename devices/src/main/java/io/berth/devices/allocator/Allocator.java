package io.berth.devices.allocator;

import io.berth.api.resource.AllocationResult;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceConstraint;
import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceClaim;
import io.berth.devices.cel.DeviceSelectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Allocates devices to ResourceClaims on one node with the semantics of Kubernetes' structured
 * allocator (k8s.io/dynamic-resource-allocation/structured): the same visiting order, the same first
 * solution, the same errors. Beyond Kubernetes, it prunes devices that cannot be in any solution and
 * proves many unsatisfiable inputs so before searching, and bounds the search by a budget of device
 * attempts. Pure and deterministic; safe to reuse, not to share between threads while allocating.
 */
public final class Allocator {
    /** Default budget of device attempts per allocation. */
    public static final long DEFAULT_BUDGET = 200_000;

    private final DeviceSelectors selectors;
    private final long budget;
    private final boolean prune;

    public Allocator() {
        this(new DeviceSelectors(), DEFAULT_BUDGET);
    }

    public Allocator(DeviceSelectors selectors, long budget) {
        this(selectors, budget, true);
    }

    /** With prune false, the search alone decides (as Kubernetes does); tests compare both. */
    Allocator(DeviceSelectors selectors, long budget, boolean prune) {
        this.prune = prune;
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be at least 1, got " + budget);
        }
        this.selectors = selectors;
        this.budget = budget;
    }

    /** Allocates all claims together on the node (null: a node-less check, only allNodes devices qualify). */
    public AllocationOutcome allocate(DeviceInventory inventory, Node node, List<ResourceClaim> claims) {
        List<Pool> pools = PoolGatherer.gather(inventory.slices(), node);
        int devices = pools.stream().mapToInt(p -> p.devices.size()).sum();
        List<String> names = claims.stream().map(c -> c.metadata().key()).toList();
        Map<String, DeviceClass> classes = new HashMap<>();
        inventory.classes().forEach(c -> classes.put(c.metadata().name(), c));
        AllocatedState allocated = AllocatedState.of(inventory.allocatedClaims());
        Selection selection = new Selection(selectors, names, devices);
        CounterLedger counters = new CounterLedger(pools, allocated);
        CapacityLedger capacity = new CapacityLedger(allocated);
        List<List<List<Slot>>> slots;
        try {
            slots = new RequestPlanner(classes, pools, selection, capacity).plan(claims, names);
        } catch (AllocationError e) {
            return AllocationOutcome.error(e.getMessage(), 0);
        }
        List<List<Constraint>> constraints = new ArrayList<>();
        for (ResourceClaim c : claims) {
            List<Constraint> list = new ArrayList<>();
            for (DeviceConstraint d : c.spec().constraints()) {
                list.add(Constraint.of(d));
            }
            constraints.add(list);
        }
        Pruning pruning = new Pruning(pools, slots, constraints, selection, allocated, counters, capacity);
        if (prune && !pruning.feasible()) {
            return AllocationOutcome.unschedulable(pruning.reason, 0);
        }
        Search search = new Search(pools, slots, constraints, selection, allocated, counters, capacity, budget, names);
        try {
            if (search.run() != Search.Step.FOUND) {
                return AllocationOutcome.unschedulable("no combination of devices satisfies the claims", search.steps);
            }
        } catch (AllocationError e) {
            return AllocationOutcome.error(e.getMessage(), search.steps);
        } catch (Search.TooComplex e) {
            return AllocationOutcome.error(e.getMessage(), search.steps);
        }
        List<AllocationResult> results = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            results.add(ResultBuilder.build(claims.get(i), search.results().get(i), slots.get(i), search.chosenSub[i], node));
        }
        return new AllocationOutcome(AllocationOutcome.Status.ALLOCATED, results, null, search.steps);
    }
}
