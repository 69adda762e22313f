package io.berth.cli;

import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import io.berth.api.io.Manifests;
import io.berth.api.kueue.Workload;
import io.berth.sim.SimOptions;
import io.berth.sim.Simulator;
import io.berth.sim.devices.DraDevices;
import io.berth.sim.input.BadRowPolicy;
import io.berth.sim.model.SimInput;
import io.berth.sim.model.SimResult;
import io.berth.sim.place.Scorer;
import io.berth.sim.report.Comparison;
import io.berth.sim.report.FragmentationSeries;
import io.berth.sim.report.HtmlReport;
import io.berth.sim.report.Metrics;
import io.berth.sim.report.SummaryJson;
import io.berth.sim.report.SummaryTable;
import io.berth.sim.report.Variant;
import io.berth.sim.report.WorkloadsCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** berth simulate: replay a trace through the admission engine on simulated nodes. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay workloads (Alibaba pod CSV, Berth's workload CSV, Kueue's perf generator.yaml, or "
                + "Workload manifests with berth.io/duration) through the admission engine in virtual time, on "
                + "simulated nodes, and report wait times, usage, fairness and disruption. Formats: docs/simulate.md."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:success", "1:failed run", "2:bad input or usage"})
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--workloads", paramLabel = "FILE", required = true, split = ",",
            description = "Workload files (comma-separated or repeated).")
    List<Path> workloads;

    @Option(names = "--nodes", paramLabel = "FILE", split = ",",
            description = "Alibaba node CSV, node-pool YAML or Node manifests. Without: quota only.")
    List<Path> nodes = new ArrayList<>();

    @Option(names = "--cluster", paramLabel = "none", description = "none: ignore --nodes, simulate quota only.")
    String cluster;

    @Option(names = "--queues", paramLabel = "FILE", split = ",",
            description = "Kueue manifests (flavors, queues, Configuration). Default: from the perf config or "
                    + "manifests given, else one ClusterQueue per tenant sharing the nodes' capacity.")
    List<Path> queues = new ArrayList<>();

    @Option(names = "--queue-mapping", paramLabel = "RULE", defaultValue = "column:qos",
            description = "Trace row to LocalQueue: column:<name>, hash:<N> or single:<queue> (default: ${DEFAULT-VALUE}).")
    String mapping;

    @Option(names = "--namespace", defaultValue = "default", description = "Namespace of mapped workloads (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--bad-rows", paramLabel = "reject|skip", defaultValue = "reject",
            description = "Bad trace rows: reject the input (default) or skip them, reporting each.")
    String badRows;

    @Option(names = "--scorer", defaultValue = "least-allocated",
            description = "Node scoring: least-allocated, most-allocated or gpu-packing (default: ${DEFAULT-VALUE}).")
    String scorer;

    @Option(names = "--gang", description = "Place a workload's pods all or nothing.")
    boolean gang;

    @Option(names = "--devices", paramLabel = "count|dra", defaultValue = "count",
            description = {"GPU placement: count (free milli per GPU; default) or dra (every GPU node carries a "
                    + "ResourceSlice, every GPU pod a ResourceClaim, and the DRA allocator picks the devices: "
                    + "shares through consumable capacity, GPU models as CEL selectors). See docs/simulate.md."})
    String devices;

    @Option(names = "--compare", paramLabel = "A.yaml,B.yaml", split = ",",
            description = "Run the same trace under each of these queue/Configuration manifests, side by side.")
    List<Path> compare = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Write summary.json, workloads.csv and report.html here.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BadRowPolicy policy;
        Scorer nodeScorer;
        SimOptions.DevicePlacement placement;
        try {
            placement = switch (devices) {
                case "count" -> SimOptions.DevicePlacement.COUNT;
                case "dra" -> SimOptions.DevicePlacement.DRA;
                default -> throw new IllegalArgumentException("--devices: expected count or dra, got \"" + devices + "\"");
            };
            policy = BadRowPolicy.valueOf(badRows.toUpperCase(java.util.Locale.ROOT));
            nodeScorer = Scorer.valueOf(scorer.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            if (cluster != null && !cluster.equals("none")) {
                throw new IllegalArgumentException("--cluster: expected none, got \"" + cluster + "\"");
            }
        } catch (IllegalArgumentException e) {
            err.println("berth simulate: " + (e.getMessage().startsWith("--") ? e.getMessage()
                    : "expected --bad-rows reject|skip and --scorer least-allocated|most-allocated|gpu-packing"));
            return 2;
        }
        if (placement == SimOptions.DevicePlacement.DRA) {
            DraDevices.warmUpInBackground();
        }
        SimulationInputs.Loaded loaded;
        List<SimInput> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            loaded = SimulationInputs.load(workloads, "none".equals(cluster) ? List.of() : nodes, queues, mapping,
                    namespace, policy);
            if (compare.isEmpty()) {
                inputs.add(loaded.input());
                names.add("run");
            }
            for (Path variant : compare) {
                Manifests m = SimulationInputs.queueManifests(List.of(variant));
                SimInput base = loaded.input();
                inputs.add(new SimInput(m.objects().stream().filter(o -> !(o instanceof Workload)).toList(),
                        m.configuration(), base.nodes(), base.workloads()));
                names.add(variant.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
            }
        } catch (InputException e) {
            e.errors().forEach(error -> err.println("error: " + error));
            return 2;
        }
        for (InputError w : loaded.warnings()) {
            err.println("skipped: " + w);
        }
        SimOptions options = new SimOptions(nodeScorer, gang, placement);
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            long started = System.nanoTime();
            Simulator simulator = new Simulator(inputs.get(i), options);
            SimResult result = run(simulator, inputs.get(i).workloads().size(), names.get(i));
            Metrics metrics = Metrics.compute(result, new FragmentationSeries(simulator.fragmentation()),
                    simulator.devices());
            variants.add(new Variant(names.get(i), result, metrics));
            err.printf("%s: %d workloads, %d events, %d cycles in %.2f s%n", names.get(i), result.workloads().size(),
                    result.events(), result.cycles(), (System.nanoTime() - started) / 1e9);
        }
        stdout.println(variants.size() == 1 ? SummaryTable.render(variants.get(0).metrics())
                : Comparison.of(variants).table());
        if (loaded.thresholds() != null) {
            variants.forEach(v -> stdout.println(PerfCheck.render(v.metrics(), loaded.thresholds())));
        }
        if (out != null) {
            write(variants);
        }
        stdout.flush();
        return 0;
    }

    /** Runs the simulation, with a progress bar over arrivals when a person is watching. */
    private static SimResult run(Simulator simulator, int workloads, String name) {
        if (System.console() == null) {
            return simulator.run();
        }
        try (ProgressBar bar = new ProgressBar("simulate " + name, workloads)) {
            return simulator.run(bar::stepTo);
        }
    }

    private void write(List<Variant> variants) throws IOException {
        Files.createDirectories(out);
        if (variants.size() == 1) {
            Variant v = variants.get(0);
            SummaryJson.write(v.metrics(), out.resolve("summary.json"));
            WorkloadsCsv.write(v.result(), out.resolve("workloads.csv"));
        } else {
            for (Variant v : variants) {
                SummaryJson.write(v.metrics(), out.resolve("summary-" + v.name() + ".json"));
                WorkloadsCsv.write(v.result(), out.resolve("workloads-" + v.name() + ".csv"));
            }
        }
        HtmlReport.write(out.resolve("report.html"), variants);
        spec.commandLine().getOut().println("Wrote " + out.toAbsolutePath() + "/report.html");
    }
}
