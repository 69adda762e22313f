package io.berth.devices.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.core.ObjectMeta;
import io.berth.api.resource.CelSelector;
import io.berth.api.resource.Device;
import io.berth.api.resource.DeviceAttribute;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceRequest;
import io.berth.api.resource.DeviceRequestSpec;
import io.berth.api.resource.DeviceResult;
import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceClaim;
import io.berth.api.resource.ResourceClaimSpec;
import io.berth.api.resource.ResourceSlice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An allocator reused on the same slices and node (what it gathered is kept) answers as a fresh one. */
class PoolCacheTest {
    private static final List<DeviceClass> CLASSES = List.of(new DeviceClass(ObjectMeta.named("gpu"),
            List.of(new CelSelector("device.driver == \"d\"")), List.of()));
    private static final Node NODE = new Node(ObjectMeta.named("n1"));
    private static final List<ResourceSlice> SLICES = List.of(new ResourceSlice(ObjectMeta.named("s"), "d", "n1", 1, 1,
            "n1", null, false, false, List.of(gpu("gpu-0"), gpu("gpu-1")), List.of()));

    private static Device gpu(String name) {
        return new Device(name, Map.of("model", DeviceAttribute.ofString("A")), Map.of(), List.of(), null, null, false,
                false, List.of());
    }

    private static ResourceClaim claim(String name, String selector) {
        DeviceRequestSpec spec = DeviceRequestSpec.exact("r", "gpu", 1, selector);
        return new ResourceClaim(new ObjectMeta(name, "ns", Map.of(), Map.of(), null, null),
                new ResourceClaimSpec(List.of(DeviceRequest.exactly(spec)), List.of(), List.of()), null);
    }

    @Test
    void heldDevicesAndSelectorErrorsAreSeenOnEveryCall() {
        Allocator reused = new Allocator();
        ResourceClaim first = claim("a", "device.attributes[\"d\"].model == \"A\"");
        AllocationOutcome one = reused.allocate(new DeviceInventory(CLASSES, SLICES, List.of()), NODE, List.of(first));
        assertThat(one.allocations().get(0).devices()).extracting(DeviceResult::device).containsExactly("gpu-0");

        ResourceClaim held = new ResourceClaim(first.metadata(), first.spec(), one.allocations().get(0));
        DeviceInventory withHeld = new DeviceInventory(CLASSES, SLICES, List.of(held));
        ResourceClaim second = claim("b", "device.attributes[\"d\"].model == \"A\"");
        AllocationOutcome two = reused.allocate(withHeld, NODE, List.of(second));
        assertThat(two.allocations().get(0).devices()).extracting(DeviceResult::device).containsExactly("gpu-1");
        assertThat(two).isEqualTo(new Allocator().allocate(withHeld, NODE, List.of(second)));

        ResourceClaim broken = claim("c", "device.attributes[\"d\"].memory > 1");
        AllocationOutcome e1 = reused.allocate(withHeld, NODE, List.of(broken));
        AllocationOutcome e2 = reused.allocate(withHeld, NODE, List.of(broken));
        assertThat(e1.status()).isEqualTo(AllocationOutcome.Status.ERROR);
        assertThat(e2.message()).isEqualTo(e1.message()).contains("claim ns/c: selector #0");
    }
}
