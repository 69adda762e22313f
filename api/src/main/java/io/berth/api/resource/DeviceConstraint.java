package io.berth.api.resource;

import java.util.List;

/**
 * matchAttribute (all devices share the attribute's value) or distinctAttribute (all values differ),
 * over the listed requests ("req" or "req/sub"), or over all requests when the list is empty.
 */
public record DeviceConstraint(List<String> requests, String matchAttribute, String distinctAttribute) {
    public DeviceConstraint {
        requests = List.copyOf(requests);
    }
}
