package io.berth.devices.allocator;

/** A problem that stops the allocation (as an error, not as "does not fit"): the message says what and where. */
final class AllocationError extends Exception {
    AllocationError(String message) {
        super(message);
    }
}
