package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth.deviceQuota.allocationModeAll: an All request is charged the matching devices on the flavor's nodes. */
class DeviceQuotaAllTest {
    private static final String EXAMPLE = "../examples/device-quota-all.yaml";

    @TempDir
    Path dir;

    private ExampleEdits edits() {
        return new ExampleEdits(EXAMPLE, dir);
    }

    @Test
    void theChargeDependsOnTheNodesOfTheFlavor() {
        CliRun r = CliRun.of("schedule", "--explain", EXAMPLE);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).as("8 GPUs on a big node").contains("""
                  ml/whole-node:
                    clusterQueue: team
                    podSets:
                      main:
                        cpu: big
                        example.com/gpu: big
                    resourceUsage:
                      main:
                        cpu: 8
                        example.com/gpu: 8
                """).as("2 pods x 2 GPUs on small nodes").contains("""
                  ml/two-nodes:
                    clusterQueue: team
                    podSets:
                      main:
                        cpu: small
                        example.com/gpu: small
                    resourceUsage:
                      main:
                        cpu: 16
                        example.com/gpu: 4
                """);
    }

    @Test
    void requestSelectorsNarrowTheCount() throws IOException {
        String text = edits().text().replace("exactly: {deviceClassName: gpu.example.com, allocationMode: All}",
                "exactly: {deviceClassName: gpu.example.com, allocationMode: All, "
                        + "selectors: [{cel: {expression: '\"model\" in device.attributes[\"gpu.example.com\"]'}}]}")
                .replace("devices: [{name: gpu-0}, {name: gpu-1}, {name: gpu-2},",
                        "devices: [{name: gpu-0, attributes: {model: {string: h100}}}, "
                                + "{name: gpu-1, attributes: {model: {string: h100}}}, {name: gpu-2},")
                .replace("devices: [{name: gpu-0}, {name: gpu-1}]",
                        "devices: [{name: gpu-0, attributes: {model: {string: h100}}}, {name: gpu-1}]");

        CliRun r = CliRun.of("schedule", "--explain", edits().write("h100.yaml", text));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).as("2 H100s on the big node: 2 for one pod, then 4 for two, both on big")
                .contains("cpu: 8\n        example.com/gpu: 2\n")
                .contains("cpu: 16\n        example.com/gpu: 4\n").doesNotContain("example.com/gpu: small");
    }

    @Test
    void aFlavorWithoutMatchingDevicesIsNotUsed() throws IOException {
        String text = edits().text().replace("nodeLabels: {pool: big}", "nodeLabels: {pool: none}");

        CliRun r = CliRun.of("schedule", "--explain", edits().write("none.yaml", text));

        assertThat(r.out()).contains("""
                  ml/whole-node:
                    clusterQueue: team
                    podSets:
                      main:
                        cpu: small
                        example.com/gpu: small
                """).contains("ml/two-nodes:");
    }

    @Test
    void noMatchingDevicesAnywhereIsAPendingReason() throws IOException {
        String text = edits().text().replace("'device.driver == \"gpu.example.com\"'", "'device.driver == \"tpu.example.com\"'");

        CliRun r = CliRun.of("schedule", "--explain", edits().write("nowhere.yaml", text));

        assertThat(r.out()).contains("admitted: {}").contains("flavor big has no devices of DeviceClass gpu.example.com "
                + "matching request gpus on its nodes").contains("flavor small has no devices of DeviceClass");
    }

    @Test
    void withoutTheOptionKueuesMisconfiguredStays() throws IOException {
        String text = edits().text().replace("  berth:\n    deviceQuota:\n      allocationModeAll: true\n", "");

        CliRun r = CliRun.of("schedule", "--explain", edits().write("kueue.yaml", text));

        assertThat(r.out()).contains("admitted: {}").contains("reason: Misconfigured")
                .contains("spec.podSets[0].template.spec.resourceClaims[0].devices.requests[0].exactly.allocationMode: "
                        + "Invalid value: \\\"All\\\": ResourceClaimTemplate all-gpus: AllocationMode 'All' is not "
                        + "supported");
    }
}
