package io.berth.api.resource;

import java.util.List;

/** One request of a claim: either {@code exactly} or a {@code firstAvailable} list of alternatives. */
public record DeviceRequest(String name, DeviceRequestSpec exactly, List<DeviceRequestSpec> firstAvailable) {
    public DeviceRequest {
        firstAvailable = firstAvailable == null ? List.of() : List.copyOf(firstAvailable);
    }

    public static DeviceRequest exactly(DeviceRequestSpec spec) {
        return new DeviceRequest(spec.name(), spec, List.of());
    }
}
