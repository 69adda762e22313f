package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth operator's input checks: every bad flag or file is exit code 2 with a message naming it, no stack trace. */
class OperatorCommandTest {
    @TempDir
    Path dir;

    @Test
    void isListedInTheHelp() {
        CliRun run = CliRun.of("operator", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("--kubeconfig", "--namespace", "--leader-elect", "--config", "--port");
    }

    @Test
    void badPortIsAUsageError() {
        CliRun run = CliRun.of("operator", "--port", "70000");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--port: expected a port from 0 to 65535, got 70000");
    }

    @Test
    void badNamespaceIsAUsageError() {
        CliRun run = CliRun.of("operator", "--namespace", "Team_A");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--namespace: invalid namespace \"Team_A\"");
    }

    @Test
    void missingKubeconfigIsAUsageError() {
        CliRun run = CliRun.of("operator", "--kubeconfig", dir.resolve("nope").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--kubeconfig: cannot read").contains("nope").doesNotContain("Exception");
    }

    @Test
    void badConfigurationNamesFileAndField() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                apiVersion: config.kueue.x-k8s.io/v1beta2
                kind: Configuration
                fairSharing:
                  preemptionStrategies: [Sideways]
                """);
        CliRun run = CliRun.of("operator", "--config", config.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("config.yaml").contains("fairSharing.preemptionStrategies")
                .contains("Sideways").doesNotContain("Exception");
    }

    @Test
    void configFileWithOtherObjectsIsRefused() throws Exception {
        Path config = dir.resolve("queues.yaml");
        Files.writeString(config, """
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ResourceFlavor
                metadata: {name: default}
                """);
        CliRun run = CliRun.of("operator", "--config", config.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("queues.yaml: ResourceFlavor/default: expected only a config.kueue.x-k8s.io Configuration");
    }

    @Test
    void configFileWithoutAConfigurationIsRefused() throws Exception {
        Path config = dir.resolve("empty.yaml");
        Files.writeString(config, "# nothing here\n");
        CliRun run = CliRun.of("operator", "--config", config.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("empty.yaml: expected a config.kueue.x-k8s.io Configuration");
    }
}
