package io.berth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import io.berth.api.io.ManifestReader;
import io.berth.api.io.Manifests;
import io.berth.devices.allocator.Allocator;
import io.berth.devices.cel.DeviceSelectors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** berth allocate: which devices Kubernetes' DRA allocator would give a set of ResourceClaims. */
@Command(name = "allocate", mixinStandardHelpOptions = true,
        description = {
            "Read DRA objects (resource.k8s.io/v1 DeviceClasses, ResourceSlices, ResourceClaims) and Nodes, "
                    + "allocate the claims together as Kubernetes' structured allocator would, and print the "
                    + "devices chosen.",
            "Claims: the scenario's claims: list, else every claim without status.allocation. A claim with "
                    + "status.allocation holds its devices. Node: --node, else the scenario's node:, else the first "
                    + "node by name where all claims fit."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the allocation ran (result allocated, unschedulable or error)", "1:failed run",
            "2:bad input or usage"})
final class AllocateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Manifest or scenario files.")
    List<Path> files;

    @Option(names = "--node", paramLabel = "N", description = "Allocate on this node.")
    String node;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "Output format: yaml or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Option(names = "--budget", paramLabel = "STEPS", defaultValue = "" + Allocator.DEFAULT_BUDGET,
            description = "Device attempts the search may make before it reports the claims as too complex "
                    + "(default: ${DEFAULT-VALUE}).")
    long budget;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter err = spec.commandLine().getErr();
        if (budget < 1) {
            err.println("berth allocate: --budget: expected a positive number, got " + budget);
            return 2;
        }
        Map<String, Object> result;
        try {
            Manifests manifests = new ManifestReader().read(files);
            result = AllocateRun.run(manifests, node, new Allocator(new DeviceSelectors(), budget));
        } catch (InputException e) {
            for (InputError error : e.errors()) {
                err.println("error: " + error);
            }
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.mapper().writeValueAsString(result));
        out.flush();
        return 0;
    }
}
