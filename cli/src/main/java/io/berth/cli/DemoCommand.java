package io.berth.cli;

import io.berth.sim.SimOptions;
import io.berth.sim.Simulator;
import io.berth.sim.demo.DemoCluster;
import io.berth.sim.report.Comparison;
import io.berth.sim.report.FragmentationSeries;
import io.berth.sim.report.HtmlReport;
import io.berth.sim.report.Metrics;
import io.berth.sim.report.SummaryJson;
import io.berth.sim.report.Variant;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** berth demo: the built-in multi-team GPU cluster under three policies, compared. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Simulate Berth's built-in GPU cluster (four teams, on-demand and spot GPUs, three seeded days of "
                + "jobs with bursts) under three policies: isolated quotas, cohort borrowing with reclaim, and fair "
                + "sharing. Prints the comparison and writes an HTML report. Needs no files and no network."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "berth-demo",
            description = "Where to write report.html and the summaries (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic trace (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        List<Variant> variants = new ArrayList<>();
        for (DemoCluster.Variant v : DemoCluster.variants(seed)) {
            long started = System.nanoTime();
            Simulator simulator = new Simulator(v.input(), SimOptions.DEFAULT);
            var result = simulator.run();
            stdout.printf("%-15s %s: %d workloads, %d cycles, %.1f s%n", v.name(), v.description(),
                    result.workloads().size(), result.cycles(), (System.nanoTime() - started) / 1e9);
            stdout.flush();
            variants.add(new Variant(v.name(), result,
                    Metrics.compute(result, new FragmentationSeries(simulator.fragmentation()))));
        }
        stdout.println();
        stdout.println(Comparison.of(variants).table());
        Files.createDirectories(out);
        for (Variant v : variants) {
            SummaryJson.write(v.metrics(), out.resolve("summary-" + v.name() + ".json"));
        }
        Path report = out.resolve("report.html");
        HtmlReport.write(report, variants);
        stdout.println("Report: " + report.toAbsolutePath());
        return 0;
    }
}
