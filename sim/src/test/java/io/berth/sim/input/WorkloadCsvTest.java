package io.berth.sim.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadCsvTest {
    private static final long GI = 1L << 30;

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("workloads.csv"), text);
    }

    @Test
    void readsEveryColumnWithDefaultsForEmptyOnes() throws IOException {
        Path csv = write("""
                submit,duration,namespace,queue,priority,class,count,minCount,cpu,memory,gpu,gpuModels
                1m30s,90,,research,,,,,500m,1Gi,0.5,
                0,1h,team-a,research,100,large,4,2,8,32Gi,1,A100|H100

                1.5,250ms,team-b,q.b,-5,small,1,,,,2,
                """);
        ReadResult<SimWorkload> r = WorkloadCsv.read(csv, BadRowPolicy.REJECT);
        assertThat(r.items()).containsExactly(
                new SimWorkload("team-a", "row-3", "research", 100, "large", 0, 3_600_000, List.of(new SimPodSet("main",
                        4, 2, Map.of("cpu", 8000L, "memory", 32 * GI * 1000, SimPodSet.GPU, 1000L),
                        List.of("A100", "H100"), null, null))),
                new SimWorkload("team-b", "row-5", "q.b", -5, "small", 1_500, 250, List.of(new SimPodSet("main",
                        1, null, Map.of(SimPodSet.GPU, 2000L), List.of(), null, null))),
                new SimWorkload("default", "row-2", "research", 0, "default", 90_000, 90_000, List.of(new SimPodSet("main",
                        1, null, Map.of("cpu", 500L, "memory", GI * 1000, SimPodSet.GPU, 500L), List.of(), null, null))));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void optionalColumnsMayBeLeftOutAndColumnsComeInAnyOrder() throws IOException {
        Path csv = write("queue,cpu,duration,submit\nq,2,10s,5\n");
        assertThat(WorkloadCsv.read(csv, BadRowPolicy.REJECT).items()).containsExactly(new SimWorkload("default", "row-2",
                "q", 0, "default", 5_000, 10_000, List.of(new SimPodSet("main", 1, null, Map.of("cpu", 2000L), null,
                        null, null))));
    }

    @Test
    void badRowsAreSkippedWithWarningsOrRejected() throws IOException {
        Path csv = write("""
                submit,duration,queue,count,minCount,cpu,gpu,priority,namespace
                soon,10,q,1,,1,,,
                0,,q,1,,1,,,
                0,10,Q_1,1,,1,,,
                0,10,q,2,3,1,,,
                0,10,q,1,,1,1.5,,
                0,10,q,1,,1,,high,
                0,10,q,1,,-1,,,Team
                0,10,q,1,,1,,,
                """);
        ReadResult<SimWorkload> r = WorkloadCsv.read(csv, BadRowPolicy.SKIP);
        assertThat(r.items()).extracting(SimWorkload::name).containsExactly("row-9");
        assertThat(r.skippedRows()).isEqualTo(7);
        assertThat(r.warnings()).extracting(InputError::toString).containsExactly(
                csv + ": document 2: submit: line 2: invalid duration \"soon\": expected seconds (90, 1.5) or a duration such as 90s, 1m30s or 1h",
                csv + ": document 3: duration: line 3: empty; expected a duration such as 90, 1.5, 90s or 1m30s",
                csv + ": document 4: queue: line 4: invalid LocalQueue name \"Q_1\": expected a DNS-1123 subdomain (lowercase letters, digits, '-' and '.')",
                csv + ": document 5: minCount: line 5: expected at most count (2), found 3",
                csv + ": document 6: gpu: line 6: a share of a GPU must be less than 1 and more than one GPU must be whole; found 1.5",
                csv + ": document 7: priority: line 7: expected a whole number (32-bit), found \"high\"",
                csv + ": document 8: namespace: line 8: invalid namespace \"Team\": expected a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)",
                csv + ": document 8: cpu: line 8: expected a quantity of at least 0, found -1");
        assertThatThrownBy(() -> WorkloadCsv.read(csv, BadRowPolicy.REJECT)).isInstanceOfSatisfying(InputException.class,
                e -> assertThat(e.errors()).extracting(InputError::document).containsExactly(2, 3, 4, 5, 6, 7, 8, 8));
    }

    @Test
    void unknownOrMissingColumnsFailTheFile() throws IOException {
        Path csv = write("submit,duration,queue,gpus\n0,1,q,1\n");
        assertThatThrownBy(() -> WorkloadCsv.read(csv, BadRowPolicy.SKIP)).isInstanceOfSatisfying(InputException.class,
                e -> assertThat(e.errors()).singleElement().hasToString(csv + ": document 1: gpus: line 1: unknown column"
                        + " \"gpus\"; expected columns submit,duration,namespace,queue,priority,class,count,minCount,cpu,"
                        + "memory,gpu,gpuModels"));
        Path missing = write("submit,cpu\n0,1\n");
        assertThatThrownBy(() -> WorkloadCsv.read(missing, BadRowPolicy.SKIP))
                .hasMessage(missing + ": document 1: line 1: missing columns duration, queue; the header has submit,cpu");
        assertThatThrownBy(() -> WorkloadCsv.read(dir.resolve("nope.csv"), BadRowPolicy.SKIP))
                .hasMessage(dir.resolve("nope.csv") + ": cannot read: no such file");
        Path quote = write("submit,duration,queue\n0,1,\"q\n");
        assertThatThrownBy(() -> WorkloadCsv.read(quote, BadRowPolicy.SKIP)).isInstanceOf(InputException.class)
                .hasMessage(quote + ": document 2: line 2: cannot read the rest of the file: a quoted value is not closed"
                        + " (a '\"' is missing)");
        Path header = write("\uFEFFsubmit,duration,queue,queue,\n0,1,q,q,\n");
        assertThatThrownBy(() -> WorkloadCsv.read(header, BadRowPolicy.SKIP)).isInstanceOfSatisfying(InputException.class,
                e -> assertThat(e.errors()).extracting(InputError::toString).containsExactly(
                        header + ": document 1: queue: line 1: duplicate column \"queue\"; expected each column once",
                        header + ": document 1: line 1: column 5 has no name in the header (a trailing comma?); expected"
                                + " a name for every column"));
        Path empty = write("");
        assertThatThrownBy(() -> WorkloadCsv.read(empty, BadRowPolicy.SKIP)).hasMessage(empty
                + ": document 1: line 1: empty file; expected a header line with the columns submit,duration,queue");
    }
}
