package io.berth.sim.demo;

import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimWorkload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Three seeded synthetic days of jobs for the demo teams: Poisson arrivals at a base rate per team,
 * four times faster during two six-hour bursts per team, log-normal durations, and job shapes
 * typical of each team (multi-node GPU training, small GPU research jobs, one-GPU inference
 * batches, CPU analytics).
 */
final class DemoTrace {
    static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final long DAYS = 3;
    private static final long GI = 1L << 30;

    /** How one team submits: jobs per hour, priority, pods and per-pod requests, median duration. */
    private record Profile(double perHour, int priority, int minPods, int maxPods, long cpu, long memoryGi, long gpus,
                           double medianHours) {
    }

    private static final Map<String, Profile> PROFILES = Map.of(
            "training", new Profile(2, 100, 1, 4, 48, 256, 4, 4),
            "research", new Profile(12, 50, 1, 2, 12, 64, 1, 1),
            "inference", new Profile(20, 200, 1, 1, 8, 64, 1, 0.3),
            "analytics", new Profile(12, 10, 1, 8, 8, 32, 0, 0.5));

    private DemoTrace() {
    }

    static List<SimWorkload> generate(long seed, List<String> teams) {
        SplittableRandom random = new SplittableRandom(seed);
        List<SimWorkload> out = new ArrayList<>();
        for (String team : teams) {
            Profile p = PROFILES.get(team);
            long[] bursts = {START + (long) (random.nextDouble() * DAYS * 24) * HOUR,
                    START + (long) (random.nextDouble() * DAYS * 24) * HOUR};
            long t = START;
            int n = 0;
            while (true) {
                boolean inBurst = (t >= bursts[0] && t < bursts[0] + 6 * HOUR) || (t >= bursts[1] && t < bursts[1] + 6 * HOUR);
                double rate = p.perHour() * (inBurst ? 4 : 1);
                t += (long) (-Math.log(1 - random.nextDouble()) / rate * HOUR);
                if (t >= START + DAYS * 24 * HOUR) {
                    break;
                }
                int pods = p.minPods() + random.nextInt(p.maxPods() - p.minPods() + 1);
                long duration = (long) (p.medianHours() * HOUR * Math.exp(0.8 * gaussian(random)));
                Map<String, Long> requests = p.gpus() == 0
                        ? Map.of("cpu", p.cpu() * 1000, "memory", p.memoryGi() * GI * 1000)
                        : Map.of("cpu", p.cpu() * 1000, "memory", p.memoryGi() * GI * 1000, SimPodSet.GPU, p.gpus() * 1000);
                SimPodSet ps = new SimPodSet("main", pods, null, requests, List.of(), Map.of(), List.of());
                out.add(new SimWorkload(team, team + "-" + (n++), "jobs", p.priority(), team, t,
                        Math.max(60_000, duration), List.of(ps)));
            }
        }
        out.sort(Comparator.comparingLong(SimWorkload::submitMillis).thenComparing(SimWorkload::key));
        return out;
    }

    /** A standard normal sample (Box-Muller), from the seeded generator. */
    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
