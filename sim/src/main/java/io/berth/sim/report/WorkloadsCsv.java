package io.berth.sim.report;

import io.berth.sim.model.SimResult;
import io.berth.sim.model.SimWorkload;
import io.berth.sim.model.WorkloadRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * workloads.csv: a header and one row per workload, in submission order (RFC 4180: comma
 * separated, fields with a comma, quote or line break quoted, "\n" line ends). Times are seconds
 * from the run start with up to 3 decimals (exact ms), empty when it never happened; started is
 * when its last run started; class and clusterQueue are empty when absent.
 */
public final class WorkloadsCsv {
    public static final List<String> COLUMNS = List.of("namespace", "name", "localQueue", "clusterQueue", "class",
            "priority", "created", "admitted", "started", "finished", "preemptions", "evictions");

    private WorkloadsCsv() {
    }

    public static void write(SimResult result, Path file) throws IOException {
        Files.writeString(file, toCsv(result), StandardCharsets.UTF_8);
    }

    public static String toCsv(SimResult result) {
        StringBuilder sb = new StringBuilder(64 * (result.workloads().size() + 1));
        sb.append(String.join(",", COLUMNS)).append('\n');
        long start = result.startMillis();
        for (WorkloadRecord r : result.workloads()) {
            SimWorkload w = r.workload();
            sb.append(field(w.namespace())).append(',')
                    .append(field(w.name())).append(',')
                    .append(field(w.localQueue())).append(',')
                    .append(field(r.clusterQueue())).append(',')
                    .append(field(w.workloadClass())).append(',')
                    .append(w.priority()).append(',')
                    .append(time(r.created(), start)).append(',')
                    .append(time(r.firstAdmitted(), start)).append(',')
                    .append(time(r.started(), start)).append(',')
                    .append(time(r.finished(), start)).append(',')
                    .append(r.preemptions()).append(',')
                    .append(r.evictions()).append('\n');
        }
        return sb.toString();
    }

    private static String time(long at, long start) {
        return at < 0 ? "" : Fmt.seconds(at - start);
    }

    static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
