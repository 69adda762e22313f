package io.berth.api.resource;

/** How many devices a request wants: an exact count, or all matching devices on the node. */
public enum AllocationMode {
    ExactCount, All
}
