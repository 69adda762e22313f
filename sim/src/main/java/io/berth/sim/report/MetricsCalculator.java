package io.berth.sim.report;

import io.berth.api.KubeObject;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.sim.model.RunSegment;
import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimResult;
import io.berth.sim.model.WorkloadRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Computes {@link Metrics} from a {@link SimResult}; one instance per computation. */
final class MetricsCalculator {
    static final double GIB = 1024.0 * 1024 * 1024;
    static final double HOUR_MS = 3_600_000.0;
    private static final int CPU = 0;
    private static final int MEM = 1;
    private static final int GPU = 2;

    private final SimResult result;
    private final FragmentationSeries fragmentation;
    private final DeviceSeries devices;
    private final long start;
    private final long end;
    private final int buckets;
    private final double bucketMillis;
    private final TimeBuckets timeBuckets;
    private final Map<String, ClusterQueue> clusterQueues = new TreeMap<>();
    private final List<Cohort> cohorts = new ArrayList<>();

    MetricsCalculator(SimResult result, FragmentationSeries fragmentation, DeviceSeries devices, int buckets) {
        this.result = result;
        this.fragmentation = fragmentation;
        this.devices = devices;
        this.start = result.startMillis();
        this.end = Math.max(result.startMillis(), result.endMillis());
        this.buckets = end > start ? buckets : 0;
        this.bucketMillis = end > start ? (end - start) / (double) buckets : 0;
        this.timeBuckets = new TimeBuckets(start, end, this.buckets, bucketMillis);
        for (KubeObject o : result.input().queueObjects()) {
            if (o instanceof ClusterQueue cq) {
                clusterQueues.put(cq.metadata().name(), cq);
            } else if (o instanceof Cohort c) {
                cohorts.add(c);
            }
        }
    }

    Metrics compute() {
        List<WorkloadRecord> records = result.workloads();
        Long wall = null;
        for (WorkloadRecord r : records) {
            if (r.finished() >= 0) {
                wall = Math.max(wall == null ? 0 : wall, r.finished() - start);
            }
        }
        RunInfo run = new RunInfo(start, result.endMillis(), result.cycles(), result.events(), records.size(), wall);

        Map<String, List<WorkloadRecord>> byClass = groupBy(records, MetricsCalculator::className);
        Map<String, List<WorkloadRecord>> byLocalQueue = groupBy(records,
                r -> r.workload().namespace() + "/" + r.workload().localQueue());
        Map<String, List<WorkloadRecord>> byClusterQueue = new TreeMap<>();
        clusterQueues.keySet().forEach(name -> byClusterQueue.put(name, new ArrayList<>()));
        records.forEach(r -> byClusterQueue.computeIfAbsent(cqName(r), k -> new ArrayList<>()).add(r));

        double[] capacity = capacity();
        Timeline timeline = timeline(capacity, records, byClusterQueue);
        return new Metrics(run, group("all", records), groups(byClass), groups(byLocalQueue), groups(byClusterQueue),
                KueuePerf.clusterQueueClasses(clusterQueues.values(), byClusterQueue, start, end),
                KueuePerf.workloadClasses(byClass),
                utilization(capacity, records, timeline), timeline, idleWhilePending(capacity, records),
                disruption(records), fairness(capacity, byClusterQueue),
                fragmentation.meanFragmentedGpus(end),
                DeviceUsage.of(devices, timeBuckets));
    }

    // ---- grouping ----------------------------------------------------------------------------

    static String className(WorkloadRecord r) {
        String c = r.workload().workloadClass();
        return c == null || c.isEmpty() ? Metrics.NONE : c;
    }

    static String cqName(WorkloadRecord r) {
        return r.clusterQueue() == null ? Metrics.NONE : r.clusterQueue();
    }

    private static Map<String, List<WorkloadRecord>> groupBy(List<WorkloadRecord> records,
                                                             Function<WorkloadRecord, String> key) {
        Map<String, List<WorkloadRecord>> out = new TreeMap<>();
        records.forEach(r -> out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return out;
    }

    private static Map<String, GroupStats> groups(Map<String, List<WorkloadRecord>> groups) {
        Map<String, GroupStats> out = new LinkedHashMap<>();
        groups.forEach((name, list) -> out.put(name, group(name, list)));
        return out;
    }

    static GroupStats group(String name, List<WorkloadRecord> records) {
        long[] waits = new long[records.size()];
        long[] jcts = new long[records.size()];
        int admitted = 0;
        int finished = 0;
        int preemptions = 0;
        int evictions = 0;
        long firstCreated = Long.MAX_VALUE;
        long lastFinished = Long.MIN_VALUE;
        for (WorkloadRecord r : records) {
            firstCreated = Math.min(firstCreated, r.created());
            if (r.firstAdmitted() >= 0) {
                waits[admitted++] = r.firstAdmitted() - r.created();
            }
            if (r.finished() >= 0) {
                jcts[finished++] = r.finished() - r.created();
                lastFinished = Math.max(lastFinished, r.finished());
            }
            preemptions += r.preemptions();
            evictions += r.evictions();
        }
        Double makespan = finished == 0 ? null : (lastFinished - firstCreated) / 1000.0;
        return new GroupStats(name, records.size(), admitted, finished, preemptions, evictions,
                Distribution.ofMillis(Arrays.copyOf(waits, admitted)),
                Distribution.ofMillis(Arrays.copyOf(jcts, finished)),
                makespan);
    }

    // ---- capacity and utilization ---------------------------------------------------------------

    private String capacitySource() {
        return result.input().nodes().isEmpty() ? "quota" : "nodes";
    }

    /** Capacity in natural units (cores, GiB, GPUs). */
    private double[] capacity() {
        double[] c = new double[3];
        if (!result.input().nodes().isEmpty()) {
            for (SimNode n : result.input().nodes()) {
                c[CPU] += n.cpuMilli() / 1000.0;
                c[MEM] += n.memoryBytes() / GIB;
                c[GPU] += n.gpus();
            }
            return c;
        }
        List<List<ResourceGroup>> all = new ArrayList<>();
        clusterQueues.values().forEach(cq -> all.add(cq.resourceGroups()));
        cohorts.forEach(co -> all.add(co.resourceGroups()));
        for (List<ResourceGroup> groups : all) {
            c[CPU] += nominal(groups, Metrics.CPU) / 1000.0;
            c[MEM] += nominal(groups, Metrics.MEMORY) / 1000.0 / GIB;
            c[GPU] += nominal(groups, Metrics.GPU) / 1000.0;
        }
        return c;
    }

    /** Sum of the nominal quota of one resource over all flavors, in milli-units. */
    static long nominal(List<ResourceGroup> groups, String resource) {
        long sum = 0;
        for (ResourceGroup g : groups) {
            for (FlavorQuotas f : g.flavors()) {
                for (ResourceQuota q : f.resources()) {
                    if (q.name().equals(resource)) {
                        sum += q.nominalQuota();
                    }
                }
            }
        }
        return sum;
    }

    /** A workload's usage in natural units (cores, GiB, GPUs). */
    static double[] units(Map<String, Long> usage) {
        return new double[] {
            usage.getOrDefault(Metrics.CPU, 0L) / 1000.0,
            usage.getOrDefault(Metrics.MEMORY, 0L) / 1000.0 / GIB,
            usage.getOrDefault(Metrics.GPU, 0L) / 1000.0};
    }

    private long clampedDuration(RunSegment s) {
        return Math.max(0, Math.min(end, s.endMillis()) - Math.max(start, s.startMillis()));
    }

    private Utilization utilization(double[] capacity, List<WorkloadRecord> records, Timeline timeline) {
        double[] used = new double[3];
        for (WorkloadRecord r : records) {
            double[] u = units(r.usage());
            for (RunSegment s : r.segments()) {
                long d = clampedDuration(s);
                for (int k = 0; k < 3; k++) {
                    used[k] += u[k] * d;
                }
            }
        }
        Map<String, Double> cap = new LinkedHashMap<>();
        Map<String, Double> mean = new LinkedHashMap<>();
        Map<String, Double> peak = new LinkedHashMap<>();
        for (int k = 0; k < 3; k++) {
            String res = Metrics.RESOURCES.get(k);
            cap.put(res, capacity[k]);
            mean.put(res, capacity[k] > 0 && end > start ? used[k] / (capacity[k] * (end - start)) * 100 : null);
            List<Double> series = timeline.utilizationPct().get(res);
            peak.put(res, series.stream().mapToDouble(Double::doubleValue).boxed().max(Double::compare).orElse(null));
        }
        return new Utilization(capacitySource(), cap, mean, peak);
    }

    private Timeline timeline(double[] capacity, List<WorkloadRecord> records,
                              Map<String, List<WorkloadRecord>> byClusterQueue) {
        double[][] used = new double[3][buckets];
        for (WorkloadRecord r : records) {
            double[] u = units(r.usage());
            for (RunSegment s : r.segments()) {
                for (int k = 0; k < 3; k++) {
                    if (u[k] != 0) {
                        timeBuckets.add(used[k], s.startMillis(), s.endMillis(), u[k]);
                    }
                }
            }
        }
        Map<String, List<Double>> util = new LinkedHashMap<>();
        for (int k = 0; k < 3; k++) {
            List<Double> series = new ArrayList<>(buckets);
            if (capacity[k] > 0) {
                for (int b = 0; b < buckets; b++) {
                    series.add(used[k][b] / (bucketMillis * capacity[k]) * 100);
                }
            }
            util.put(Metrics.RESOURCES.get(k), series);
        }
        double[] total = new double[buckets];
        Map<String, List<Double>> pending = new LinkedHashMap<>();
        byClusterQueue.forEach((cq, list) -> {
            double[] acc = new double[buckets];
            for (WorkloadRecord r : list) {
                for (long[] iv : pendingIntervals(r)) {
                    timeBuckets.add(acc, iv[0], iv[1], 1);
                }
            }
            List<Double> series = new ArrayList<>(buckets);
            for (int b = 0; b < buckets; b++) {
                total[b] += acc[b];
                series.add(acc[b] / bucketMillis);
            }
            pending.put(cq, series);
        });
        List<Double> totalSeries = new ArrayList<>(buckets);
        for (int b = 0; b < buckets; b++) {
            totalSeries.add(total[b] / bucketMillis);
        }
        return new Timeline(start, bucketMillis, buckets, util, totalSeries, pending);
    }

    /**
     * When a workload waited for quota, clamped to the run: from creation to its first admission
     * (or the run end), and after each run cut short until it was admitted again (the next run's
     * start, or its last admission when that came first), or the run end when it never was.
     */
    List<long[]> pendingIntervals(WorkloadRecord r) {
        List<long[]> out = new ArrayList<>();
        if (r.firstAdmitted() < 0) {
            addInterval(out, r.created(), end);
            return out;
        }
        addInterval(out, r.created(), r.firstAdmitted());
        List<RunSegment> segs = r.segments();
        for (int i = 0; i < segs.size(); i++) {
            RunSegment s = segs.get(i);
            if (s.completed() || s.endMillis() >= end) {
                continue;
            }
            long readmitted = r.lastAdmitted() >= s.endMillis() ? r.lastAdmitted() : Long.MAX_VALUE;
            long next = i + 1 < segs.size() ? segs.get(i + 1).startMillis() : Long.MAX_VALUE;
            long until = Math.min(readmitted, next);
            addInterval(out, s.endMillis(), until == Long.MAX_VALUE ? end : until);
        }
        return out;
    }

    private void addInterval(List<long[]> out, long from, long to) {
        long f = Math.max(from, start);
        long t = Math.min(to, end);
        if (t > f) {
            out.add(new long[] {f, t});
        }
    }

    // ---- idle capacity, disruption, fairness ----------------------------------------------------

    private record Event(long time, double cpu, double mem, double gpu, int pending) {
    }

    private IdleCapacity idleWhilePending(double[] capacity, List<WorkloadRecord> records) {
        List<Event> events = new ArrayList<>();
        for (WorkloadRecord r : records) {
            double[] u = units(r.usage());
            for (RunSegment s : r.segments()) {
                long f = Math.max(start, s.startMillis());
                long t = Math.min(end, s.endMillis());
                if (t > f) {
                    events.add(new Event(f, u[CPU], u[MEM], u[GPU], 0));
                    events.add(new Event(t, -u[CPU], -u[MEM], -u[GPU], 0));
                }
            }
            if (r.clusterQueue() != null) {
                for (long[] iv : pendingIntervals(r)) {
                    events.add(new Event(iv[0], 0, 0, 0, 1));
                    events.add(new Event(iv[1], 0, 0, 0, -1));
                }
            }
        }
        events.sort(Comparator.comparingLong(Event::time));
        double[] used = new double[3];
        double[] idle = new double[3];
        double pendingMillis = 0;
        int pending = 0;
        long prev = start;
        for (Event e : events) {
            if (e.time() > prev) {
                if (pending > 0) {
                    long dt = e.time() - prev;
                    pendingMillis += dt;
                    for (int k = 0; k < 3; k++) {
                        idle[k] += Math.max(0, capacity[k] - used[k]) * dt;
                    }
                }
                prev = e.time();
            }
            used[CPU] += e.cpu();
            used[MEM] += e.mem();
            used[GPU] += e.gpu();
            pending += e.pending();
        }
        return new IdleCapacity(pendingMillis / HOUR_MS, idle[CPU] / HOUR_MS, idle[MEM] / HOUR_MS,
                idle[GPU] / HOUR_MS);
    }

    private Disruption disruption(List<WorkloadRecord> records) {
        int preemptions = 0;
        int evictions = 0;
        int disrupted = 0;
        double cpu = 0;
        double gpu = 0;
        for (WorkloadRecord r : records) {
            preemptions += r.preemptions();
            evictions += r.evictions();
            if (r.preemptions() + r.evictions() > 0) {
                disrupted++;
            }
            double[] u = units(r.usage());
            List<RunSegment> segs = r.segments();
            for (int i = 0; i < segs.size(); i++) {
                RunSegment s = segs.get(i);
                boolean runningAtEnd = i == segs.size() - 1 && r.finished() < 0 && s.endMillis() >= end;
                if (!s.completed() && !runningAtEnd) {
                    cpu += u[CPU] * s.durationMillis();
                    gpu += u[GPU] * s.durationMillis();
                }
            }
        }
        return new Disruption(preemptions, evictions, disrupted, cpu / HOUR_MS, gpu / HOUR_MS);
    }

    private Fairness fairness(double[] capacity, Map<String, List<WorkloadRecord>> byClusterQueue) {
        boolean gpus = capacity[GPU] > 0;
        String resource = gpus ? Metrics.GPU : Metrics.CPU;
        int k = gpus ? GPU : CPU;
        Map<String, Double> used = new LinkedHashMap<>();
        Map<String, Long> nominal = new LinkedHashMap<>();
        double totalUsed = 0;
        long totalNominal = 0;
        for (ClusterQueue cq : clusterQueues.values()) {
            String name = cq.metadata().name();
            double u = 0;
            for (WorkloadRecord r : byClusterQueue.get(name)) {
                double amount = units(r.usage())[k];
                for (RunSegment s : r.segments()) {
                    u += amount * clampedDuration(s);
                }
            }
            long n = nominal(cq.resourceGroups(), resource);
            used.put(name, u / HOUR_MS);
            nominal.put(name, n);
            totalUsed += u / HOUR_MS;
            totalNominal += n;
        }
        Map<String, FairShare> shares = new LinkedHashMap<>();
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (String name : used.keySet()) {
            double share = totalUsed > 0 ? used.get(name) / totalUsed : 0;
            double entitlement = totalNominal > 0 ? nominal.get(name) / (double) totalNominal : 0;
            Double ratio = entitlement > 0 ? share / entitlement : null;
            if (ratio != null) {
                sum += ratio;
                sumSq += ratio * ratio;
                n++;
            }
            shares.put(name, new FairShare(name, used.get(name), share, entitlement, ratio));
        }
        Double jain = totalUsed > 0 && n > 0 && sumSq > 0 ? sum * sum / (n * sumSq) : null;
        return new Fairness(resource, shares, jain);
    }
}
