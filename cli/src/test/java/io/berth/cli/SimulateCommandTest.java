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

    /** One queue of 1 cpu, two 1-cpu workloads of 100 ms created 10 ms apart: the second waits 90 ms, the queue is always busy. */
    @Test
    void aKueuePerfConfigIsCheckedAgainstItsThresholdsAndKueuesMeasuredAverages() throws IOException {
        Path generator = Files.writeString(dir.resolve("generator.yaml"), """
                cohorts:
                  - className: cohort
                    count: 1
                    queuesSets:
                    - className: cq
                      count: 1
                      nominalQuota: 1
                      borrowingLimit: 0
                      reclaimWithinCohort: Never
                      withinClusterQueue: Never
                      workloadsSets:
                      - count: 2
                        creationIntervalMs: 10
                        workloads:
                        - className: small
                          runtimeMs: 100
                          priority: 50
                          request: 1
                """);
        Files.writeString(dir.resolve("rangespec.yaml"), """
                cmd:
                  # Average value 5000 (+/- 1%)
                  maxWallMs: 6_000
                clusterQueueClassesMinUsage:
                  cq: 50 #% mean=90.5%
                wlClassesMaxAvgTimeToAdmissionMs:
                  small: 40   # mean=30ms
                """);

        CliRun r = run("simulate", "--workloads", generator.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("wall +200 ms +<= 6000 ms +PASS +5000 ms")
                .containsPattern("ClusterQueue class cq usage +100\\.0 % +>= 50.0 % +PASS +90\\.5 %")
                .containsPattern("workload class small avg time to admission +45 ms +<= 40 ms +FAIL +30 ms");
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

    /**
     * Two half-GPU shares, then a whole GPU, on one node with two T4s. Counting (least-allocated)
     * spreads the shares, so the whole GPU waits for them to end (100 s); with DRA the allocator
     * puts both shares on the first device and the whole GPU starts at once.
     */
    @Test
    void draDevicePlacementIsAnOptionAndShowsInTheSummary() throws IOException {
        Path nodes = Files.writeString(dir.resolve("nodes.csv"), """
                sn,cpu_milli,memory_mib,gpu,model
                node-0,8000,16384,2,T4
                """);
        Path pods = Files.writeString(dir.resolve("pods.csv"), """
                name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time
                share-a,1000,1024,1,500,T4,LS,Running,0,100,0
                share-b,1000,1024,1,500,,LS,Running,0,100,0
                whole,1000,1024,1,1000,,LS,Running,10,20,10
                """);
        JsonNode[] summaries = new JsonNode[2];
        String[] workloads = new String[2];
        String[] modes = {"count", "dra"};
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve(modes[i]);
            CliRun r = run("simulate", "--workloads", pods.toString(), "--nodes", nodes.toString(), "--devices", modes[i],
                    "--out", out.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Devices (" + modes[i] + " placement, 2 GPUs)");
            summaries[i] = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            workloads[i] = Files.readString(out.resolve("workloads.csv"));
        }

        assertThat(workloads[0]).contains("default,whole,ls,ls,LS,0,10,10,100,110,0,0");
        assertThat(workloads[1]).contains("default,whole,ls,ls,LS,0,10,10,10,20,0,0");
        assertThat(summaries[1].at("/devices/placement").asText()).isEqualTo("dra");
        assertThat(summaries[1].at("/devices/gpus").asInt()).isEqualTo(2);
        assertThat(summaries[1].at("/devices/allocator/attempts").asInt()).isEqualTo(3);
        assertThat(summaries[0].at("/devices/allocator").isNull()).isTrue();
        assertThat(summaries[1].at("/devices/fragmentation/meanPct").asDouble())
                .as("half GPUs sit apart less often").isLessThan(summaries[0].at("/devices/fragmentation/meanPct").asDouble());
    }

    @Test
    void anUnknownDevicePlacementIsAUsageError() throws IOException {
        Path queues = Files.writeString(dir.resolve("queues.yaml"), QUEUES);
        Path trace = Files.writeString(dir.resolve("jobs.csv"), "submit,duration,queue\n0,60,q\n");

        CliRun r = run("simulate", "--workloads", trace.toString(), "--queues", queues.toString(), "--devices", "gpu");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--devices: expected count or dra, got \"gpu\"").doesNotContain("Exception");
        assertThat(run("simulate", "--help").out()).contains("--devices=count|dra");
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
