package io.berth.api.resource;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;

/** A resource.k8s.io/v1 ResourceClaim; allocation is status.allocation (null while unallocated). */
public record ResourceClaim(ObjectMeta metadata, ResourceClaimSpec spec, AllocationResult allocation)
        implements KubeObject {
    @Override
    public String kind() {
        return "ResourceClaim";
    }
}
