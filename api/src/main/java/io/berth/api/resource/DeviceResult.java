package io.berth.api.resource;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One allocated device: the request ("req", or "req/sub" for firstAvailable), the device, and for
 * shared devices the shareID and consumed capacity.
 */
public record DeviceResult(String request, String driver, String pool, String device, boolean adminAccess,
                           String shareID, Map<String, BigDecimal> consumedCapacity) {
    public DeviceResult {
        consumedCapacity = consumedCapacity == null ? Map.of() : Map.copyOf(consumedCapacity);
    }

    public static DeviceResult of(String request, String driver, String pool, String device) {
        return new DeviceResult(request, driver, pool, device, false, null, Map.of());
    }

    /** "driver/pool/device". */
    public String deviceId() {
        return driver + "/" + pool + "/" + device;
    }
}
