package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counter and capacity sources of deviceClassMappings charge what Kueue charges, read from the ResourceSlices. */
class DeviceQuotaSourcesTest {
    private static final String EXAMPLE = "../examples/device-quota-sources.yaml";

    @TempDir
    Path dir;

    private ExampleEdits edits() {
        return new ExampleEdits(EXAMPLE, dir);
    }

    @Test
    void aCounterSourceChargesTheCounterAndACapacitySourceTheRoundedCapacity() {
        CliRun r = CliRun.of("schedule", "--explain", EXAMPLE);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).as("4 pods x the 10Gi that a 1g partition consumes").contains("""
                  ml/notebooks:
                    clusterQueue: team
                    podSets:
                      main:
                        cpu: default
                        example.com/gpu-memory: default
                    resourceUsage:
                      main:
                        cpu: 4
                        example.com/gpu-memory: 42949672960
                """);
        assertThat(r.out()).as("4 pods x 12Gi rounded up to min 8Gi + n x 8Gi = 16Gi").contains("""
                    resourceUsage:
                      main:
                        cpu: 4
                        example.com/shared-gpu-memory: 68719476736
                """);
        assertThat(r.out()).as("3 x 20Gi with 40Gi left: 20Gi more")
                .contains("insufficient unused quota for example.com/gpu-memory in flavor default, 21474836480 more needed");
    }

    @Test
    void theLargestCounterOfTheMatchingDevicesIsCharged() throws IOException {
        String text = edits().text().replace("profile == \"1g\"", "profile != \"whole\"");

        CliRun r = CliRun.of("schedule", "--explain", edits().write("largest.yaml", text));

        assertThat(r.out()).as("3g (20Gi) and 1g (10Gi) match: 4 x 20Gi fill the 80Gi")
                .contains("example.com/gpu-memory: 85899345920");
    }

    @Test
    void withoutMatchingDevicesOrCountersTheWorkloadIsMisconfiguredWithKueuesMessage() throws IOException {
        String noSlices = edits().text().replace("driver: gpu.example.com\n    nodeName", "driver: other.example.com\n    nodeName");
        String otherModel = edits().text().replace("deviceSelector: {cel: {expression: 'device.attributes[\"gpu.example.com\"].model == \"a100\"'}}",
                "deviceSelector: {cel: {expression: 'device.attributes[\"gpu.example.com\"].model == \"h100\"'}}");
        String noCounter = edits().text().replace("counter:\n          name: memory", "counter:\n          name: cores");
        String tooBig = edits().text().replace("requests: {memory: 12Gi}", "requests: {memory: 81Gi}")
                .replace("{min: 8Gi, step: 8Gi}", "{min: 8Gi, max: 80Gi, step: 8Gi}");

        CliRun none = CliRun.of("schedule", "--explain", edits().write("none.yaml", noSlices));
        CliRun h100 = CliRun.of("schedule", "--explain", edits().write("h100.yaml", otherModel));
        CliRun cores = CliRun.of("schedule", "--explain", edits().write("cores.yaml", noCounter));
        CliRun big = CliRun.of("schedule", "--explain", edits().write("big.yaml", tooBig));

        assertThat(none.out()).as("Kueue first checks that the request's selectors find devices")
                .contains("reason: Misconfigured").contains("spec.podSets[0].template.spec.resourceClaims[0].devices"
                        + ".requests[0].exactly.selectors: Internal error: ResourceClaimTemplate small-partition: "
                        + "insufficient matching devices for CEL selector in DeviceClass gpu-partition.example.com: 0 "
                        + "device(s) match in the cluster but 1 requested");
        assertThat(h100.out()).contains("spec.podSets[0].template.spec.resourceClaims[0].devices.requests[0]: Internal "
                + "error: insufficient matching devices for counter driver: 0 device(s) match but 1 requested");
        assertThat(cores.out()).contains("spec.podSets[0].template.spec.resourceClaims[0].devices.requests[0]: Internal "
                + "error: matched devices have no consumesCounters entry for counter \\\"cores\\\"");
        assertThat(big.out()).contains("spec.podSets[0].template.spec.resourceClaims[0].devices.requests[0]: Invalid "
                + "value: null: capacity request cannot be satisfied by any matched device's RequestPolicy for "
                + "dimension \\\"memory\\\"");
    }

    @Test
    void aClassMappedByTwoCounterSourcesIsChargedForBoth() throws IOException {
        String text = edits().text().replace("    - name: example.com/shared-gpu-memory\n", """
                    - name: example.com/gpu-cores
                      deviceClassNames: [gpu-partition.example.com]
                      sources:
                      - counter:
                          name: cores
                          driver: gpu.example.com
                          deviceSelector: {cel: {expression: 'true'}}
                    - name: example.com/shared-gpu-memory
                """)
                .replace("{memory: {value: 10Gi}}", "{memory: {value: 10Gi}, cores: {value: \"14\"}}")
                .replace("{memory: {value: 40Gi}}}]", "{memory: {value: 40Gi}, cores: {value: \"98\"}}}]")
                .replace("counters: {memory: {value: 40Gi}}\n", "counters: {memory: {value: 40Gi}, cores: {value: \"98\"}}\n")
                .replace("coveredResources: [cpu, ", "coveredResources: [cpu, example.com/gpu-cores, ")
                .replace("        - {name: cpu, nominalQuota: 64}\n",
                        "        - {name: cpu, nominalQuota: 64}\n        - {name: example.com/gpu-cores, nominalQuota: 98}\n");

        CliRun r = CliRun.of("schedule", "--explain", edits().write("two.yaml", text));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("""
                      main:
                        cpu: 4
                        example.com/gpu-cores: 56
                        example.com/gpu-memory: 42949672960
                """);
    }

    @Test
    void badSourcesAreLocatedInputErrors() throws IOException {
        String text = """
                config:
                  resources:
                    deviceClassMappings:
                    - name: example.com/gpu-memory
                      deviceClassNames: [gpu.example.com]
                      sources:
                      - counter: {name: memory, driver: gpu.example.com, deviceSelector: {cel: {expression: 'true'}}}
                        capacity: {name: memory, driver: gpu.example.com, deviceSelector: {cel: {expression: 'true'}}}
                      - counter: {name: Memory, driver: GPU, deviceSelector: {cel: {expression: 'true'}}}
                      - capacity: {name: memory, driver: gpu.example.com}
                    - name: example.com/cores
                      deviceClassNames: [cores.example.com]
                      sources:
                      - counter: {name: cores, driver: gpu.example.com, deviceSelector: {cel: {expression: 'device.model ='}}}
                    - name: example.com/other
                      deviceClassNames: [gpu.example.com]
                objects: []
                """;

        CliRun r = CliRun.of("schedule", edits().write("bad.yaml", text));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("config.resources.deviceClassMappings[0].sources[0]: expected exactly one of counter or "
                        + "capacity, found both")
                .contains("config.resources.deviceClassMappings[0].sources[1].counter.name: invalid counter name "
                        + "\"Memory\": expected a DNS label")
                .contains("config.resources.deviceClassMappings[0].sources[1].counter.driver: invalid driver name \"GPU\"")
                .contains("config.resources.deviceClassMappings[0].sources[2].capacity.deviceSelector: required")
                .contains("config.resources.deviceClassMappings[0].sources: cannot mix counter and capacity sources "
                        + "in the same mapping")
                .contains("config.resources.deviceClassMappings[1].sources[0].counter.deviceSelector.cel.expression: "
                        + "CEL compilation failed: CEL compile error")
                .contains("config.resources.deviceClassMappings[2].deviceClassNames[0]: DeviceClass gpu.example.com "
                        + "is already mapped to example.com/gpu-memory")
                .doesNotContain("Exception");
    }
}
