package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth.deviceQuota.firstAvailable: the first alternative the ClusterQueue can admit is charged and recorded. */
class DeviceQuotaFirstAvailableTest {
    private static final String EXAMPLE = "../examples/device-quota-first-available.yaml";

    @TempDir
    Path dir;

    private ExampleEdits edits() {
        return new ExampleEdits(EXAMPLE, dir);
    }

    @Test
    void theSecondAlternativeIsChargedWhenTheFirstNoLongerFitsAndTheChoiceIsRecorded() {
        CliRun r = CliRun.of("schedule", "--explain", EXAMPLE);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("""
                  ml/first:
                    clusterQueue: team
                    podSets:
                      main:
                        cpu: default
                        example.com/a100: default
                    subrequests:
                      main:
                        gpu/gpu: a100
                """).contains("""
                  ml/second:
                    clusterQueue: team
                    podSets:
                      main:
                        cpu: default
                        example.com/t4: default
                    subrequests:
                      main:
                        gpu/gpu: t4
                    resourceUsage:
                      main:
                        cpu: 3
                        example.com/t4: 6
                """).contains("pending: []");
    }

    @Test
    void withoutTheOptionKueuesMisconfiguredStays() throws IOException {
        String text = edits().text().replace("  berth:\n    deviceQuota:\n      firstAvailable: true\n", "");

        CliRun r = CliRun.of("schedule", "--explain", edits().write("kueue.yaml", text));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("admitted: {}").contains("reason: Misconfigured")
                .contains("spec.podSets[0].template.spec.resourceClaims[0].devices.requests[0]: Invalid value: null: "
                        + "ResourceClaimTemplate a100-else-two-t4: FirstAvailable device selection is not supported");
    }

    @Test
    void anAlternativeThatFitsIsPreferredToOneThatPreempts() throws IOException {
        String text = edits().text().replace("    namespaceSelector: {}\n",
                        "    namespaceSelector: {}\n    preemption: {withinClusterQueue: LowerPriority}\n")
                .replace("name: second, namespace: ml, creationTimestamp: \"2026-01-01T00:01:00Z\"}\n  spec:\n",
                        "name: second, namespace: ml, creationTimestamp: \"2026-01-01T00:01:00Z\"}\n  spec:\n"
                                + "    priority: 100\n");
        String tight = text.replace("{name: example.com/t4, nominalQuota: 8}", "{name: example.com/t4, nominalQuota: 4}")
                .replace("# 3 pods:", """
                  status:
                    admission:
                      clusterQueue: team
                      podSetAssignments:
                      - {name: main, flavors: {cpu: default, example.com/a100: default}, count: 4}
                    conditions:
                    - {type: QuotaReserved, status: "True", reason: QuotaReserved, lastTransitionTime: "2026-01-01T00:00:30Z"}
                # 3 pods:""");

        CliRun fits = CliRun.of("schedule", edits().write("fits.yaml", text));
        CliRun preempts = CliRun.of("schedule", "--explain", edits().write("preempts.yaml", tight));

        assertThat(fits.out()).contains("gpu/gpu: t4").contains("preempted: []");
        assertThat(preempts.out()).as("6 T4s do not fit in 4: the running A100s are taken back from the lower priority")
                .contains("preempted:\n- ml/first").contains("""
                  ml/second:
                    clusterQueue: team
                    podSets:
                      main:
                        cpu: default
                        example.com/a100: default
                    subrequests:
                      main:
                        gpu/gpu: a100
                """);
    }

    @Test
    void anAlternativeThatCannotBeChargedIsSkipped() throws IOException {
        String text = edits().text().replace("{name: a100, deviceClassName: a100.example.com}",
                "{name: a100, deviceClassName: h100.example.com}");

        CliRun r = CliRun.of("schedule", edits().write("unmapped.yaml", text));

        assertThat(r.out()).as("h100 is not mapped: every pod takes two T4s").contains("ml/first:")
                .contains("gpu/gpu: t4").doesNotContain("gpu/gpu: a100").contains("pending:\n- ml/second");
    }
}
