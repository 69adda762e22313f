package io.berth.sim.devices;

import io.berth.api.core.ObjectMeta;
import io.berth.api.resource.CapacityRequestPolicy;
import io.berth.api.resource.CelSelector;
import io.berth.api.resource.Device;
import io.berth.api.resource.DeviceAttribute;
import io.berth.api.resource.DeviceCapacity;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.ResourceSlice;
import io.berth.sim.model.SimNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DRA view of a simulated node's GPUs: one ResourceSlice per GPU node (driver
 * {@value #DRIVER}, pool and nodeName the node's name) with devices {@code gpu-0 .. gpu-N-1}, and
 * the DeviceClass {@value #DRIVER} selecting the driver. Every device has the string attribute
 * {@code model}, the int attribute {@code memoryMiB} when the model is in {@link #MEMORY_MIB}, and
 * the consumable capacity {@code milli} = 1000 with allowMultipleAllocations, so several claims can
 * share one GPU: a request without a capacity request takes the whole GPU (default 1000), a share
 * asks for its milli (any value from 1 to 1000).
 */
public final class GpuSlices {
    /** Driver, DeviceClass name and attribute domain. */
    public static final String DRIVER = "gpu.berth.io";
    /** Consumable capacity of one GPU, in thousandths. */
    public static final String MILLI = "milli";
    public static final String MODEL = "model";
    public static final String MEMORY = "memoryMiB";
    /** Device name prefix: device gpu-k is the node's GPU k. */
    public static final String PREFIX = "gpu-";
    /**
     * Memory per GPU model, from the vendors' data sheets; the Alibaba trace's models G2 and G3 are
     * not public, so their devices have no memory attribute.
     */
    public static final Map<String, Long> MEMORY_MIB = Map.of("A10", 24_576L, "P100", 16_384L, "T4", 16_384L,
            "V100M16", 16_384L, "V100M32", 32_768L, "A100", 81_920L, "H100", 81_920L);

    private static final BigDecimal WHOLE = BigDecimal.valueOf(1000);
    private static final DeviceCapacity CAPACITY = new DeviceCapacity(WHOLE,
            new CapacityRequestPolicy(WHOLE, List.of(), BigDecimal.ONE, WHOLE, BigDecimal.ONE));

    private GpuSlices() {
    }

    public static DeviceClass deviceClass() {
        return new DeviceClass(ObjectMeta.named(DRIVER), List.of(new CelSelector("device.driver == \"" + DRIVER + "\"")),
                List.of());
    }

    /** The node's slice, or null when it has no GPUs. */
    public static ResourceSlice slice(SimNode node) {
        if (node.gpus() == 0) {
            return null;
        }
        Map<String, DeviceAttribute> attributes = new HashMap<>();
        attributes.put(MODEL, DeviceAttribute.ofString(node.gpuModel() == null ? "" : node.gpuModel()));
        Long memory = node.gpuModel() == null ? null : MEMORY_MIB.get(node.gpuModel());
        if (memory != null) {
            attributes.put(MEMORY, DeviceAttribute.ofInt(memory));
        }
        List<Device> devices = new ArrayList<>(node.gpus());
        for (int g = 0; g < node.gpus(); g++) {
            devices.add(new Device(PREFIX + g, attributes, Map.of(MILLI, CAPACITY), List.of(), null, null, false, true,
                    List.of()));
        }
        return new ResourceSlice(ObjectMeta.named(node.name() + "-" + DRIVER), DRIVER, node.name(), 1, 1, node.name(),
                null, false, false, devices, List.of());
    }

    /** The GPU index of a device name of a slice made here. */
    static int gpuIndex(String device) {
        return Integer.parseInt(device.substring(PREFIX.length()));
    }
}
