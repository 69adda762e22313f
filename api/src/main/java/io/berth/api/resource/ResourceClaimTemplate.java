package io.berth.api.resource;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;

/** A resource.k8s.io/v1 ResourceClaimTemplate: the claim spec that each pod gets a claim from. */
public record ResourceClaimTemplate(ObjectMeta metadata, ResourceClaimSpec spec) implements KubeObject {
    @Override
    public String kind() {
        return "ResourceClaimTemplate";
    }

    /** A claim made from this template for one pod. */
    public ResourceClaim instantiate(String name) {
        ObjectMeta m = new ObjectMeta(name, metadata.namespace(), metadata.labels(), metadata.annotations(),
                metadata.creationTimestamp(), null);
        return new ResourceClaim(m, spec, null);
    }
}
