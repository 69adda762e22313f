package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Devices claimed through ResourceClaimTemplates are charged as quota, as Kueue's deviceClassMappings say. */
class DeviceQuotaTest {
    private static final String EXAMPLE = "../examples/device-quota.yaml";

    @TempDir
    Path dir;

    @Test
    void claimedDevicesAreChargedPerPodAndUnmappedClassesAreMisconfigured() {
        CliRun r = CliRun.of("schedule", "--explain", EXAMPLE);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("""
                admitted:
                  ml/train:
                    clusterQueue: team
                    podSets:
                      workers:
                        cpu: default
                        example.com/gpu: default
                """);
        assertThat(r.out()).as("3 pods x 2 GPUs of 8 leave 2; the second job's 2 pods need 4")
                .contains("insufficient unused quota for example.com/gpu in flavor default, 2 more needed")
                .contains("reason: Misconfigured").contains("spec.podSets[0].template.spec.resourceClaims[0]"
                        + ".resourceClaimTemplateName: Not found: \\\"DeviceClass fpga.example.com is not mapped in DRA "
                        + "configuration for podset main\\\"");
    }

    @Test
    void unsupportedRequestsAndMissingTemplatesAreMisconfiguredAsInKueue() throws IOException {
        String example = Files.readString(Path.of(EXAMPLE))
                .replace("exactly: {deviceClassName: gpu.example.com, count: 2}",
                        "exactly: {deviceClassName: gpu.example.com, allocationMode: All}")
                .replace("resourceClaimTemplateName: fpga}", "resourceClaimTemplateName: nowhere}");
        Path f = Files.writeString(dir.resolve("variant.yaml"), example);

        CliRun r = CliRun.of("schedule", "--explain", f.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("admitted: {}")
                .contains("spec.podSets[0].template.spec.resourceClaims[0].devices.requests[0].exactly.allocationMode: "
                        + "Invalid value: \\\"All\\\": ResourceClaimTemplate two-gpus: AllocationMode 'All' is not supported")
                .contains("spec.podSets[0].template.spec.resourceClaims[0]: Internal error: failed to get claim spec for "
                        + "ResourceClaimTemplate nowhere in podset main: resourceclaimtemplates.resource.k8s.io \\\"nowhere\\\" "
                        + "not found");
    }

    @Test
    void aDeviceCountBeyondWhatQuotaCanHoldIsMisconfigured() throws IOException {
        String example = Files.readString(Path.of(EXAMPLE)).replace("exactly: {deviceClassName: fpga.example.com}",
                "exactly: {deviceClassName: gpu.example.com, count: 9223372036854775807}");
        Path f = Files.writeString(dir.resolve("huge.yaml"), example);

        CliRun r = CliRun.of("schedule", "--explain", f.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("spec.podSets[0].template.spec.resourceClaims[0].devices.requests[0].exactly.count: "
                + "Invalid value: 9223372036854775807: ResourceClaimTemplate fpga: the devices of one pod add up to more "
                + "than 9223372036854775 example.com/gpu").doesNotContain("Exception");
    }

    @Test
    void withoutMappingsClaimsAreNotCharged() throws IOException {
        String example = Files.readString(Path.of(EXAMPLE)).replaceAll("(?s)config:.*?objects:", "objects:");
        Path f = Files.writeString(dir.resolve("unmapped.yaml"), example);

        CliRun r = CliRun.of("schedule", "--cycles", "3", f.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).as("only cpu is charged, so all three fit").contains("ml/train:").contains("ml/more:")
                .contains("ml/fpga-job:").contains("pending: []");
    }

    @Test
    void requestsWithSelectorsNeedEnoughMatchingDevicesInTheClusterAsInKueue() throws IOException {
        String selecting = Files.readString(Path.of(EXAMPLE)).replace(
                "exactly: {deviceClassName: gpu.example.com, count: 2}",
                "exactly: {deviceClassName: gpu.example.com, count: 2, "
                        + "selectors: [{cel: {expression: 'device.attributes[\"gpu.example.com\"].model == \"h100\"'}}]}");
        String slice = """
                - apiVersion: resource.k8s.io/v1
                  kind: ResourceSlice
                  metadata: {name: node-1}
                  spec:
                    driver: gpu.example.com
                    nodeName: node-1
                    pool: {name: node-1, generation: 1, resourceSliceCount: 1}
                    devices:
                    - {name: gpu-0, attributes: {model: {string: h100}}}
                    - {name: gpu-1, attributes: {model: {string: MODEL}}}
                """;
        Path none = Files.writeString(dir.resolve("none.yaml"), selecting);
        Path one = Files.writeString(dir.resolve("one.yaml"), selecting + slice.replace("MODEL", "a100"));
        Path two = Files.writeString(dir.resolve("two.yaml"), selecting + slice.replace("MODEL", "h100"));
        Path broken = Files.writeString(dir.resolve("broken.yaml"), selecting.replace("== \"h100\"", "=="));

        assertThat(CliRun.of("schedule", "--explain", none.toString()).out()).contains("admitted: {}")
                .contains("spec.podSets[0].template.spec.resourceClaims[0].devices.requests[0].exactly.selectors: "
                        + "Internal error: ResourceClaimTemplate two-gpus: insufficient matching devices for CEL selector "
                        + "in DeviceClass gpu.example.com: 0 device(s) match in the cluster but 2 requested");
        assertThat(CliRun.of("schedule", "--explain", one.toString()).out())
                .contains("1 device(s) match in the cluster but 2 requested");
        assertThat(CliRun.of("schedule", "--explain", two.toString()).out()).contains("ml/train:")
                .as("the slice is only counted, not allocated: quota still decides").contains("ml/more");
        assertThat(CliRun.of("schedule", "--explain", broken.toString()).out())
                .contains("spec.podSets[0].template.spec.resourceClaims[0].devices.requests[0].exactly.selectors: "
                        + "Invalid value: null: ResourceClaimTemplate two-gpus: devices.requests[0].exactly.selectors[0]"
                        + ".cel.expression: Invalid value: ").contains("CEL compilation failed: CEL compile error");
    }
}
