package io.berth.api.resource;

import java.util.List;

/** spec.devices of a ResourceClaim (or of a ResourceClaimTemplate's claim): requests, constraints, config. */
public record ResourceClaimSpec(List<DeviceRequest> requests, List<DeviceConstraint> constraints,
                                List<OpaqueConfig> config) {
    public ResourceClaimSpec {
        requests = List.copyOf(requests);
        constraints = List.copyOf(constraints);
        config = List.copyOf(config);
    }
}
