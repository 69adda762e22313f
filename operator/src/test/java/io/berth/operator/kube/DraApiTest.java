package io.berth.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.config.BerthExtensions;
import io.berth.api.config.Configuration;
import io.berth.api.config.DeviceClassMapping;
import io.berth.api.config.DeviceClassSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator watches only the device kinds that device quota reads. */
class DraApiTest {
    private static final DeviceClassMapping COUNT = new DeviceClassMapping("example.com/gpu", List.of("gpu.example.com"));
    private static final DeviceClassMapping COUNTER = new DeviceClassMapping("example.com/memory",
            List.of("partition.example.com"),
            List.of(new DeviceClassSource(DeviceClassSource.Kind.COUNTER, "memory", "gpu.example.com", "true")));

    private static Configuration config(BerthExtensions berth, DeviceClassMapping... mappings) {
        return new Configuration(null, null, null, berth, List.of(mappings));
    }

    @Test
    void eachOptionAddsWhatItReads() {
        assertThat(DraApi.needed(config(null))).isEmpty();
        assertThat(DraApi.needed(config(null, COUNT)))
                .containsExactly(DraApi.RESOURCE_CLAIM_TEMPLATE, DraApi.DEVICE_CLASS, DraApi.RESOURCE_SLICE);
        assertThat(DraApi.needed(config(null, COUNT, COUNTER)))
                .containsExactly(DraApi.RESOURCE_CLAIM_TEMPLATE, DraApi.DEVICE_CLASS, DraApi.RESOURCE_SLICE);
        assertThat(DraApi.needed(config(new BerthExtensions(1, new BerthExtensions.DeviceQuotaOptions(false, true)),
                COUNT))).containsExactly(DraApi.RESOURCE_CLAIM_TEMPLATE, DraApi.DEVICE_CLASS, DraApi.RESOURCE_SLICE,
                DraApi.NODE);
        assertThat(DraApi.needed(config(new BerthExtensions(1, new BerthExtensions.DeviceQuotaOptions(true, true)))))
                .as("without mappings nothing is charged").isEmpty();
    }
}
