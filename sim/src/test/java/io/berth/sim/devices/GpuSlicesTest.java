package io.berth.sim.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.resource.Device;
import io.berth.api.resource.DeviceAttribute;
import io.berth.api.resource.ResourceSlice;
import io.berth.sim.model.SimNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuSlicesTest {
    @Test
    void aGpuNodeGetsOneSliceWithOneShareableDevicePerGpu() {
        ResourceSlice s = GpuSlices.slice(new SimNode("node-1", Map.of(), List.of(), 8000, 1L << 34, 2, "A10"));

        assertThat(s.driver()).isEqualTo("gpu.berth.io");
        assertThat(s.pool()).isEqualTo("node-1");
        assertThat(s.nodeName()).isEqualTo("node-1");
        assertThat(s.devices()).extracting(Device::name).containsExactly("gpu-0", "gpu-1");
        Device d = s.devices().get(0);
        assertThat(d.allowMultipleAllocations()).isTrue();
        assertThat(d.attributes()).containsEntry("model", DeviceAttribute.ofString("A10"))
                .containsEntry("memoryMiB", DeviceAttribute.ofInt(24_576));
        assertThat(d.capacity().get("milli").value()).isEqualByComparingTo(BigDecimal.valueOf(1000));
        assertThat(d.capacity().get("milli").requestPolicy().defaultValue()).isEqualByComparingTo("1000");
    }

    @Test
    void unknownModelsHaveNoMemoryAndCpuNodesNoSlice() {
        ResourceSlice g2 = GpuSlices.slice(new SimNode("n", Map.of(), List.of(), 8000, 1L << 34, 8, "G2"));
        assertThat(g2.devices()).hasSize(8);
        assertThat(g2.devices().get(7).attributes()).containsOnlyKeys("model");
        assertThat(GpuSlices.slice(new SimNode("cpu", Map.of(), List.of(), 8000, 1L << 34, 0, null))).isNull();
    }

    @Test
    void modelSelectorsQuoteTheirModels() {
        assertThat(GpuClaims.modelSelector(List.of("T4"))).isEqualTo("device.attributes[\"gpu.berth.io\"].model == \"T4\"");
        assertThat(GpuClaims.modelSelector(List.of("a\"b\\c"))).endsWith("== \"a\\\"b\\\\c\"");
    }
}
