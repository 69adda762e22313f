package io.berth.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares builds of Berth on one run ({@link CycleProbe}) in one JVM: each build's benchmarks
 * jar gets a class loader of its own, and the builds take turns, so that they share the machine's
 * ups and downs (which here are larger than most optimizations). Prints per build the medians,
 * over the second (JIT-warm) half of the repetitions, of the slowest cycle's CPU ms and of the
 * preempting and of all cycles' CPU ms, and whether the builds made the same decisions.
 * <pre>
 * java -XX:+UseParallelGC -Xms3g -Xmx3g -cp bench/target/benchmarks.jar io.berth.bench.BuildComparison \
 *     REPETITIONS RUN BENCHMARKS_JAR...
 * </pre>
 * RUN: a perf config's generator.yaml (":fs" appended: fair sharing on) or a FairSharingShape name.
 */
public final class BuildComparison {
    private BuildComparison() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: BuildComparison REPETITIONS RUN BENCHMARKS_JAR...");
            System.exit(2);
        }
        int repetitions = args[0].matches("[1-9][0-9]{0,5}") ? Integer.parseInt(args[0]) : 0;
        if (repetitions == 0) {
            System.err.println("REPETITIONS: expected a positive number, got " + args[0]);
            System.exit(2);
        }
        String run = args[1];
        String problem = CycleProbe.problemWith(run);
        if (problem != null) {
            System.err.println(problem);
            System.exit(2);
        }
        List<String> jars = List.of(args).subList(2, args.length);
        List<Method> probes = new ArrayList<>();
        for (String jar : jars) {
            probes.add(probe(Path.of(jar)));
        }
        List<List<long[]>> results = new ArrayList<>();
        jars.forEach(j -> results.add(new ArrayList<>()));
        for (int rep = 0; rep < repetitions; rep++) {
            for (int b = 0; b < jars.size(); b++) {
                System.gc();
                long[] r = invoke(probes.get(b), run);
                if (rep >= repetitions / 2) {
                    results.get(b).add(r);
                }
            }
        }
        System.out.printf("%-40s %20s %7s %14s %14s %14s%n", "build", "decision digest", "cycles", "slowest ms",
                "preempting ms", "all ms");
        for (int b = 0; b < jars.size(); b++) {
            List<long[]> rs = results.get(b);
            long digest = rs.get(0)[0];
            boolean steady = rs.stream().allMatch(r -> r[0] == digest);
            System.out.printf("%-40s %20s %7d %14s %14s %14s%n", jars.get(b), steady ? Long.toHexString(digest) : "varies",
                    rs.get(0)[1], medianMs(rs, 2), medianMs(rs, 3), medianMs(rs, 4));
        }
        boolean same = results.stream().map(rs -> rs.get(0)[0]).distinct().count() == 1;
        System.out.println(same ? "same decisions" : "DECISIONS DIFFER");
    }

    /** CycleProbe.run as loaded from the jar, in a class loader of its own. */
    private static Method probe(Path jar) throws MalformedURLException, ReflectiveOperationException {
        if (!Files.isRegularFile(jar)) {
            System.err.println(jar + ": no such benchmarks jar");
            System.exit(2);
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        try {
            return loader.loadClass(CycleProbe.class.getName()).getMethod("run", String.class);
        } catch (ClassNotFoundException e) {
            System.err.println(jar + ": no " + CycleProbe.class.getName() + " in it (a build older than this comparison)");
            System.exit(2);
            return null;
        }
    }

    private static long[] invoke(Method probe, String run) throws IllegalAccessException {
        try {
            return (long[]) probe.invoke(null, run);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the probe failed on " + run, e.getCause());
        }
    }

    private static String medianMs(List<long[]> results, int field) {
        long[] values = results.stream().mapToLong(r -> r[field]).sorted().toArray();
        return String.format("%.2f", values[values.length / 2] / 1e6);
    }
}
