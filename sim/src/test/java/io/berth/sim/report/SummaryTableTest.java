package io.berth.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {
    @Test
    void alignedTablesPerClusterQueueAndClass() {
        String text = SummaryTable.render(Metrics.compute(Scenarios.gpus(true)));
        assertThat(text).contains("Disruption: 1 preemptions, 0 evictions (1 workloads), lost 2.00 cpu core-h, 2.00 GPU-h")
                .contains("Fairness on nvidia.com/gpu: Jain's index 0.9800")
                .contains("Utilization (capacity from nodes): cpu 34.4 % (peak");
        List<String> lines = Arrays.asList(text.split("\n"));
        int header = lines.indexOf("ClusterQueues") + 1;
        String head = lines.get(header);
        assertThat(head).startsWith("ClusterQueue  workloads  admitted  finished  wait mean");
        // every row of the table has the header's width: right-aligned columns line up
        List<String> table = lines.subList(header, header + 4);
        assertThat(table.get(1)).matches("[- ]+");
        assertThat(table).allSatisfy(l -> assertThat(l).hasSameSizeAs(head));
        assertThat(table.get(2)).startsWith("a ").endsWith("57.1        50.0");
        assertThat(table.get(3)).startsWith("b ").endsWith("42.9        50.0");
        assertThat(text).contains("Workload classes\nclass").contains("Kueue perf figures (wall 3600.0 s)");
    }

    @Test
    void rowsBeyondTheLimitAreCounted() {
        String text = SummaryTable.render(Metrics.compute(Scenarios.gpus(true)), 1);
        assertThat(text).contains("... 1 more");
    }

    @Test
    void textTablePadsLeftAndRight() {
        TextTable t = new TextTable("name", "n").row("long-name", "1").row("x", "100");
        assertThat(t.render()).isEqualTo("""
                name         n
                ---------  ---
                long-name    1
                x          100
                """);
    }
}
