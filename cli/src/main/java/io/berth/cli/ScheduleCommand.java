package io.berth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import io.berth.api.io.Manifests;
import io.berth.api.io.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** berth schedule: what Kueue would admit from a set of manifests. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {
            "Read Kueue manifests (multi-document YAML, or scenario files with objects:), run scheduling cycles "
                    + "and print which workloads are admitted (with flavors), preempted, left pending in a "
                    + "ClusterQueue, and in none (notQueued: their LocalQueue or ClusterQueue is missing or stopped, or "
                    + "their admission is gated by kueue.x-k8s.io/admission-gated-by).",
            "A Workload given with status.admission and a QuotaReserved=True condition is running at the start."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failed run", "2:bad input or usage"})
final class ScheduleCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Manifest or scenario files.")
    List<Path> files;

    @Option(names = "--cycles", paramLabel = "N",
            description = "Scheduling cycles to run (default: the scenario's cycles:, else 1).")
    Integer cycles;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "Output format: yaml or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Option(names = "--explain", description = "Also print, per pending workload, its reason and shortfall, which "
            + "workloads it would preempt (or what blocks preemption), and with fair sharing each weighted share.")
    boolean explain;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter err = spec.commandLine().getErr();
        if (cycles != null && cycles < 1) {
            err.println("berth schedule: --cycles: expected a positive number, got " + cycles);
            return 2;
        }
        Manifests manifests;
        try {
            manifests = ManifestReaders.checkingSelectors().read(files);
            new Validator().validate(manifests);
        } catch (InputException e) {
            for (InputError error : e.errors()) {
                err.println("error: " + error);
            }
            return 2;
        }
        int n = cycles != null ? cycles : manifests.cycles() != null ? manifests.cycles() : 1;
        ScheduleReport report = ScheduleRun.run(manifests, n, explain);
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.mapper().writeValueAsString(report.toData(explain)));
        out.flush();
        return 0;
    }
}
