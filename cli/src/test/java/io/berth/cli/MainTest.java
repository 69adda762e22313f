package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The berth command as a user runs it: output, exit codes, and errors without stack traces. */
class MainTest {
    private static final String QUEUES = """
            apiVersion: kueue.x-k8s.io/v1beta2
            kind: ResourceFlavor
            metadata: {name: default}
            ---
            apiVersion: kueue.x-k8s.io/v1beta2
            kind: ClusterQueue
            metadata: {name: cq}
            spec:
              namespaceSelector: {}
              resourceGroups:
              - coveredResources: [cpu]
                flavors: [{name: default, resources: [{name: cpu, nominalQuota: 4}]}]
            ---
            apiVersion: kueue.x-k8s.io/v1beta2
            kind: LocalQueue
            metadata: {name: lq, namespace: team}
            spec: {clusterQueue: cq}
            """;

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String workload(String name, int cpus) {
        return "---\napiVersion: kueue.x-k8s.io/v1beta2\nkind: Workload\nmetadata: {name: " + name
                + ", namespace: team, creationTimestamp: \"2026-01-01T00:00:0" + cpus + "Z\"}\n"
                + "spec:\n  queueName: lq\n  podSets:\n  - name: main\n    count: 1\n    template:\n      spec:\n"
                + "        containers:\n        - name: c\n          resources: {requests: {cpu: \"" + cpus + "\"}}\n";
    }

    @Test
    void schedulePrintsAdmittedAndPendingAsYaml() throws IOException {
        Path f = file("in.yaml", QUEUES + workload("small", 1) + workload("big", 5));

        CliRun r = run("schedule", f.toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("""
                admitted:
                  team/small:
                    clusterQueue: cq
                    podSets:
                      main:
                        cpu: default
                preempted: []
                pending:
                - team/big
                """);
    }

    @Test
    void jsonOutputAndExplainGiveTheShortfall() throws IOException {
        Path f = file("in.yaml", QUEUES + workload("big", 5));

        CliRun r = run("schedule", "-o", "json", "--explain", f.toString());

        assertThat(r.code()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, String>>> data = new ObjectMapper().readValue(r.out(), Map.class);
        assertThat(data.get("explain").get("team/big")).containsEntry("reason", "ExceedsMaxQuota")
                .containsEntry("message", "couldn't assign flavors to pod set main: insufficient quota for cpu in flavor "
                        + "default, previously considered podsets requests (0) + current podset request (5) > maximum capacity (4)");
    }

    @Test
    void badInputIsLocatedAndExitsWithTwo() throws IOException {
        Path f = file("bad.yaml", QUEUES.replace("nominalQuota: 4", "nominalQuota: lots"));

        CliRun r = run("schedule", f.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: " + f + ": document 2: ClusterQueue/cq: "
                + "spec.resourceGroups[0].flavors[0].resources[0].nominalQuota: invalid quantity \"lots\"")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        Path f = file("in.yaml", QUEUES);
        CliRun xml = run("schedule", "-o", "xml", f.toString());
        assertThat(xml.code()).isEqualTo(2);
        assertThat(xml.err()).contains("--output").contains("[yaml, json]").contains("xml").doesNotContain("Exception");
        assertThat(run("schedule", "--cycles", "0", f.toString()).code()).isEqualTo(2);
        assertThat(run("schedule", "--bogus", f.toString()).code()).isEqualTo(2);
        assertThat(run("schedule").code()).isEqualTo(2);
        CliRun missing = run("schedule", dir.resolve("absent.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("absent.yaml").contains("cannot read");
    }

    @Test
    void versionAndHelp() {
        CliRun v = run("version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("berth ").doesNotContain("unknown");
        CliRun h = run("--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("schedule").contains("version");
    }
}
