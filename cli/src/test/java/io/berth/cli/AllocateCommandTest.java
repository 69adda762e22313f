package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllocateCommandTest {
    @TempDir
    Path dir;

    private static final String EXAMPLE = "../examples/dra/02-first-node-that-fits.yaml";

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void helpListsAllocate() {
        assertThat(CliRun.of("--help").out()).contains("allocate");
        CliRun h = CliRun.of("allocate", "--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("--node", "--output", "--budget", "Exit codes");
    }

    @Test
    void nodeOptionOverridesTheSearchForANode() {
        CliRun auto = CliRun.of("allocate", EXAMPLE);
        assertThat(auto.code()).isZero();
        assertThat(auto.out()).contains("node: node-b");
        CliRun onA = CliRun.of("allocate", "--node", "node-a", EXAMPLE);
        assertThat(onA.code()).isZero();
        assertThat(onA.out()).startsWith("result: unschedulable").doesNotContain("node:");
    }

    @Test
    void jsonOutput() {
        CliRun r = CliRun.of("allocate", "-o", "json", EXAMPLE);
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"result\" : \"allocated\"", "\"device\" : \"gpu-1\"");
    }

    @Test
    void anAllocationErrorIsAResultNotAFailedRun() {
        CliRun r = CliRun.of("allocate", "../examples/dra/15-cel-runtime-error.yaml");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("result: error", "no such key: modle");
    }

    @Test
    void badInputIsLocatedWithoutAStackTrace() throws IOException {
        Path bad = write("bad.yaml", """
                apiVersion: resource.k8s.io/v1
                kind: ResourceClaim
                metadata: {name: c}
                spec:
                  devices:
                    requests:
                    - name: r
                      exactly: {deviceClassName: gpu, count: many}
                """);
        CliRun r = CliRun.of("allocate", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: " + bad + ": document 1: ResourceClaim/default/c: "
                + "spec.devices.requests[0].exactly.count: expected a whole number")
                .doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownClaimInTheScenarioIsBadInput() throws IOException {
        Path scenario = write("s.yaml", """
                objects:
                - {apiVersion: v1, kind: Node, metadata: {name: node-1}}
                claims: [default/missing, 3]
                """);
        CliRun r = CliRun.of("allocate", scenario.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("claims[0]: no ResourceClaim default/missing among the objects")
                .contains("claims[1]: expected a claim name (namespace/name), found 3");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(CliRun.of("allocate", "-o", "xml", EXAMPLE).code()).isEqualTo(2);
        assertThat(CliRun.of("allocate", "--budget", "0", EXAMPLE).code()).isEqualTo(2);
        assertThat(CliRun.of("allocate").code()).isEqualTo(2);
        CliRun missing = CliRun.of("allocate", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read: no such file");
    }
}
