package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth simulate and berth demo as a user runs them. */
class SimulateCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

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
              - coveredResources: [cpu, memory, nvidia.com/gpu]
                flavors:
                - name: default
                  resources: [{name: cpu, nominalQuota: 8}, {name: memory, nominalQuota: 64Gi}, {name: nvidia.com/gpu, nominalQuota: 2}]
            ---
            apiVersion: kueue.x-k8s.io/v1beta2
            kind: LocalQueue
            metadata: {name: q, namespace: team}
            spec: {clusterQueue: cq}
            """;

    /** Two jobs of 8 cpus on an 8-cpu queue: the second waits exactly the first's 60 s. */
    @Test
    void simulatesACsvTraceAndWritesTheReports() throws IOException {
        Path queues = Files.writeString(dir.resolve("queues.yaml"), QUEUES);
        Path trace = Files.writeString(dir.resolve("jobs.csv"), """
                submit,duration,namespace,queue,priority,class,count,minCount,cpu,memory,gpu,gpuModels
                0,60,team,q,0,batch,1,,8,1Gi,,
                0,30,team,q,0,batch,1,,8,1Gi,,
                """);
        Path out = dir.resolve("out");

        CliRun r = run("simulate", "--workloads", trace.toString(), "--queues", queues.toString(), "--out", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("report.html")).exists();
        assertThat(Files.readString(out.resolve("workloads.csv")).lines()).hasSize(3);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/overall/finished").asInt()).isEqualTo(2);
        assertThat(summary.at("/overall/timeToAdmissionSeconds/max").asDouble()).isEqualTo(60.0);
    }

    @Test
    void aBadRowIsLocatedAndRejectedByDefault() throws IOException {
        Path queues = Files.writeString(dir.resolve("queues.yaml"), QUEUES);
        Path trace = Files.writeString(dir.resolve("jobs.csv"), """
                submit,duration,namespace,queue,priority,class,count,minCount,cpu,memory,gpu,gpuModels
                0,60,team,q,0,batch,1,,lots,1Gi,,
                """);

        CliRun r = run("simulate", "--workloads", trace.toString(), "--queues", queues.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("jobs.csv").contains("line 2").contains("cpu").doesNotContain("Exception");
    }

    @Test
    void theDemoComparesThreePoliciesAndWritesItsReport() throws IOException {
        Path out = dir.resolve("demo");

        CliRun r = run("demo", "--out", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("isolated").contains("borrow-reclaim").contains("fair-sharing");
        assertThat(Files.readString(out.resolve("report.html"))).contains("data:image/png;base64").doesNotContain("http://");
        JsonNode fair = new ObjectMapper().readTree(out.resolve("summary-fair-sharing.json").toFile());
        JsonNode isolated = new ObjectMapper().readTree(out.resolve("summary-isolated.json").toFile());
        assertThat(fair.at("/overall/finished").asInt()).isEqualTo(isolated.at("/overall/count").asInt());
        assertThat(fair.at("/overall/timeToAdmissionSeconds/mean").asDouble())
                .as("sharing idle quota shortens waits").isLessThan(isolated.at("/overall/timeToAdmissionSeconds/mean").asDouble());
    }
}
