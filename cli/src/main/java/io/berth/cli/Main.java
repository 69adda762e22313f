package io.berth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The berth command: admission what-ifs on Kueue manifests, and more as Berth grows. */
@Command(name = "berth", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Berth: Kueue-compatible batch and AI compute control plane for Kubernetes.",
        subcommands = {ScheduleCommand.class, AllocateCommand.class, SimulateCommand.class, DemoCommand.class,
            OperatorCommand.class, VersionCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code: 0 success, 1 failed run, 2 bad input or usage. */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the CLI writing to out and err. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("berth: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }
}
