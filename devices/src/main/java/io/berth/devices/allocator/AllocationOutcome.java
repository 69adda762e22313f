package io.berth.devices.allocator;

import io.berth.api.resource.AllocationResult;
import java.util.List;

/**
 * The result of allocating claims together on one node: ALLOCATED with one result per claim (in
 * claim order), UNSCHEDULABLE when they do not fit, ERROR with a message (bad selector, invalid pool,
 * missing class, a search that ran out of budget). steps counts the device attempts of the search.
 */
public record AllocationOutcome(Status status, List<AllocationResult> allocations, String message, long steps) {
    public enum Status { ALLOCATED, UNSCHEDULABLE, ERROR }

    public AllocationOutcome {
        allocations = List.copyOf(allocations);
    }

    static AllocationOutcome unschedulable(String message, long steps) {
        return new AllocationOutcome(Status.UNSCHEDULABLE, List.of(), message, steps);
    }

    static AllocationOutcome error(String message, long steps) {
        return new AllocationOutcome(Status.ERROR, List.of(), message, steps);
    }

    public boolean allocated() {
        return status == Status.ALLOCATED;
    }
}
