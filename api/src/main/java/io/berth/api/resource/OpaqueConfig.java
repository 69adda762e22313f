package io.berth.api.resource;

import java.util.List;

/**
 * Opaque driver configuration from a DeviceClass or a claim; requests (claim config only) limits it to
 * some requests ("req" or "req/sub"); parameters are kept as JSON text.
 */
public record OpaqueConfig(List<String> requests, String driver, String parameters) {
    public OpaqueConfig {
        requests = List.copyOf(requests);
    }
}
