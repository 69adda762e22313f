package io.berth.api.resource;

/** Configuration handed to drivers with an allocation: from the class (source FromClass) or the claim. */
public record AllocatedConfig(String source, OpaqueConfig config) {
}
