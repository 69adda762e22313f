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
    /** Device attempts of the first, plain search before candidates are counted. */
    static final long QUICK_BUDGET = 1_000;
    /** Up to this many (request, device) pairs, candidates are counted before any search. */
    static final long COUNT_FIRST_LIMIT = 256;

    private final DeviceSelectors selectors;
    private final long budget;
    private final boolean prune;
    private final PoolCache poolCache = new PoolCache();

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
        List<Pool> pools = poolCache.pools(inventory.slices(), node);
        int devices = pools.stream().mapToInt(p -> p.devices.size()).sum();
        List<String> names = claims.stream().map(c -> c.metadata().key()).toList();
        Map<String, DeviceClass> classes = new HashMap<>();
        inventory.classes().forEach(c -> classes.put(c.metadata().name(), c));
        AllocatedState allocated = AllocatedState.of(inventory.allocatedClaims());
        Selection selection = new Selection(selectors, names, devices);
        List<List<List<Slot>>> slots;
        try {
            slots = new RequestPlanner(classes, pools, selection, new CapacityLedger(allocated)).plan(claims, names);
        } catch (AllocationError e) {
            return AllocationOutcome.error(e.getMessage(), 0);
        }
        // A short plain search first: most claims fit at the first devices that match, and then counting
        // every candidate would cost more than it saves. If it runs out, count, prune and search again.
        // Small inputs are counted at once (it costs less than the short search).
        long slotCount = slots.stream().mapToLong(c -> c.stream().mapToLong(List::size).sum()).sum();
        boolean countFirst = prune && slotCount * devices <= COUNT_FIRST_LIMIT;
        long quickBudget = prune && !countFirst ? Math.min(budget, QUICK_BUDGET) : budget;
        Pruning[] first = countFirst ? new Pruning[1] : null;
        Search search = search(pools, slots, claims, selection, allocated, quickBudget, names, first);
        if (first != null && first[0].reason != null) {
            return AllocationOutcome.unschedulable(first[0].reason, 0);
        }
        long spent = 0;
        try {
            try {
                if (search.run() != Search.Step.FOUND) {
                    return AllocationOutcome.unschedulable("no combination of devices satisfies the claims", search.steps);
                }
            } catch (Search.TooComplex e) {
                if (quickBudget == budget) {
                    throw e;
                }
                spent = search.steps;
                Pruning[] pruning = new Pruning[1];
                search = search(pools, slots, claims, selection, allocated, budget - spent, names, pruning);
                if (pruning[0].reason != null) {
                    return AllocationOutcome.unschedulable(pruning[0].reason, spent);
                }
                if (search.run() != Search.Step.FOUND) {
                    return AllocationOutcome.unschedulable("no combination of devices satisfies the claims",
                            spent + search.steps);
                }
            }
        } catch (AllocationError e) {
            return AllocationOutcome.error(e.getMessage(), spent + search.steps);
        } catch (Search.TooComplex e) {
            return AllocationOutcome.error(new Search.TooComplex(budget).getMessage(), spent + search.steps);
        }
        List<AllocationResult> results = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            results.add(ResultBuilder.build(claims.get(i), search.results().get(i), slots.get(i), search.chosenSub[i], node));
        }
        return new AllocationOutcome(AllocationOutcome.Status.ALLOCATED, results, null, spent + search.steps);
    }

    /**
     * A search with fresh ledgers and constraints; with pruning[] given, slots are first narrowed (and
     * pruning[0].reason set when the claims are proved unsatisfiable).
     */
    private static Search search(List<Pool> pools, List<List<List<Slot>>> slots, List<ResourceClaim> claims,
                                 Selection selection, AllocatedState allocated, long budget, List<String> names,
                                 Pruning[] pruning) {
        CounterLedger counters = new CounterLedger(pools, allocated);
        CapacityLedger capacity = new CapacityLedger(allocated);
        List<List<Constraint>> constraints = new ArrayList<>();
        for (ResourceClaim c : claims) {
            List<Constraint> list = new ArrayList<>();
            for (DeviceConstraint d : c.spec().constraints()) {
                list.add(Constraint.of(d));
            }
            constraints.add(list);
        }
        if (pruning != null) {
            pruning[0] = new Pruning(pools, slots, constraints, selection, allocated, counters, capacity);
            if (!pruning[0].feasible() && pruning[0].reason == null) {
                pruning[0].reason = "the claims cannot be satisfied on this node";
            }
        }
        return new Search(pools, slots, constraints, selection, allocated, counters, capacity, Math.max(budget, 0), names);
    }
}
