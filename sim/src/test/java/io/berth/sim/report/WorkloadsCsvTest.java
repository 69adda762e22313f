package io.berth.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadsCsvTest {
    @Test
    void oneRowPerWorkloadWithTimesFromTheRunStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("workloads.csv");
        WorkloadsCsv.write(Scenarios.oneQueue(), file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).containsExactly(
                "namespace,name,localQueue,clusterQueue,class,priority,created,admitted,started,finished,preemptions,evictions",
                "team,w1,lq,cq-a,small,0,0,0,0,40,0,0",
                "team,w2,lq,cq-a,small,0,10,10,10,50,0,0",
                "team,w3,lq,cq-a,large,5,20,40,40,90,0,0");
    }

    @Test
    void neverHappenedIsEmptyAndStartedIsTheLastRun() {
        String csv = WorkloadsCsv.toCsv(Scenarios.gpus(true));
        assertThat(csv.split("\n")).containsExactly(
                String.join(",", WorkloadsCsv.COLUMNS),
                "ns-a,wa1,lq-a,a,train,10,0,0,0,3600,0,0",
                "ns-b,wb1,lq-b,b,train,0,0,0,2700,3600,1,0",
                "ns-b,wb2,lq-b,b,train,0,0,,,,0,0");
    }

    @Test
    void quotesFieldsThatNeedIt() {
        assertThat(WorkloadsCsv.field("plain")).isEqualTo("plain");
        assertThat(WorkloadsCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(WorkloadsCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(WorkloadsCsv.field(null)).isEmpty();
        assertThat(Fmt.seconds(1500)).isEqualTo("1.5");
        assertThat(Fmt.seconds(1)).isEqualTo("0.001");
    }
}
