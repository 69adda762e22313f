package io.berth.api.core;

/**
 * A pod's {@code spec.resourceClaims} entry: a name for the containers to use and either an
 * existing ResourceClaim or a ResourceClaimTemplate that each pod gets a claim from.
 */
public record PodResourceClaim(String name, String resourceClaimName, String resourceClaimTemplateName) {
}
