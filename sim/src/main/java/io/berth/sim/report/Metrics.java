package io.berth.sim.report;

import io.berth.sim.model.SimResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the reports show, computed once from a finished {@link SimResult}. Immutable; maps
 * are ordered by key (resources in the order of {@link #RESOURCES}).
 *
 * @param run                    the run's window and counters
 * @param overall                figures over all workloads
 * @param byClass                per workload class ("(none)" for workloads without one)
 * @param byLocalQueue           per LocalQueue, keyed "namespace/queue"
 * @param byClusterQueue         per ClusterQueue (every defined one, plus "(none)" for workloads whose
 *                               LocalQueue points nowhere)
 * @param clusterQueueClassUsage Kueue's perf-checker usage per ClusterQueue class
 * @param workloadClassFigures   Kueue's perf-checker figures per workload class
 * @param utilization            capacity and mean/peak utilization per resource
 * @param timeline               utilization and pending workloads over time, in buckets
 * @param idleWhilePending       free capacity while work was pending
 * @param disruption             preemptions, evictions and lost work
 * @param fairness               share vs entitlement per ClusterQueue and Jain's index
 * @param meanFragmentedGpus     time-weighted mean of fragmented GPUs (null without a series)
 * @param devices                GPU device utilization and fragmentation (null without GPUs or a series)
 */
public record Metrics(RunInfo run, GroupStats overall, Map<String, GroupStats> byClass,
                      Map<String, GroupStats> byLocalQueue, Map<String, GroupStats> byClusterQueue,
                      Map<String, QueueClassUsage> clusterQueueClassUsage,
                      Map<String, WorkloadClassFigures> workloadClassFigures, Utilization utilization,
                      Timeline timeline, IdleCapacity idleWhilePending, Disruption disruption, Fairness fairness,
                      Double meanFragmentedGpus, DeviceUsage devices) {
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String GPU = "nvidia.com/gpu";
    /** The resources whose utilization is tracked, in report order. */
    public static final List<String> RESOURCES = List.of(CPU, MEMORY, GPU);
    /** Timeline buckets unless told otherwise. */
    public static final int DEFAULT_BUCKETS = 200;
    /** ClusterQueue label naming its class, as Kueue's performance test generator sets it. */
    public static final String CLASS_LABEL = "kueue.x-k8s.io/performance-scheduler-class";
    /** Group name for workloads without a class or without a ClusterQueue. */
    public static final String NONE = "(none)";

    public Metrics {
        byClass = ordered(byClass);
        byLocalQueue = ordered(byLocalQueue);
        byClusterQueue = ordered(byClusterQueue);
        clusterQueueClassUsage = ordered(clusterQueueClassUsage);
        workloadClassFigures = ordered(workloadClassFigures);
    }

    public static Metrics compute(SimResult result) {
        return compute(result, FragmentationSeries.NONE, DEFAULT_BUCKETS);
    }

    public static Metrics compute(SimResult result, FragmentationSeries fragmentation) {
        return compute(result, fragmentation, DEFAULT_BUCKETS);
    }

    /** buckets: how many equal time buckets the timeline has (at least 1). */
    public static Metrics compute(SimResult result, FragmentationSeries fragmentation, int buckets) {
        return compute(result, fragmentation, DeviceSeries.NONE, buckets);
    }

    public static Metrics compute(SimResult result, FragmentationSeries fragmentation, DeviceSeries devices) {
        return compute(result, fragmentation, devices, DEFAULT_BUCKETS);
    }

    public static Metrics compute(SimResult result, FragmentationSeries fragmentation, DeviceSeries devices,
                                  int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        return new MetricsCalculator(result, fragmentation == null ? FragmentationSeries.NONE : fragmentation,
                devices == null ? DeviceSeries.NONE : devices, buckets).compute();
    }

    /** An unmodifiable copy ordered by key (null values kept). */
    static <V> Map<String, V> ordered(Map<String, V> in) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(in)));
    }

    /** An unmodifiable copy keyed by resource, in {@link #RESOURCES} order, other keys after (sorted). */
    static <V> Map<String, V> byResource(Map<String, V> in) {
        Map<String, V> out = new LinkedHashMap<>();
        for (String r : RESOURCES) {
            if (in.containsKey(r)) {
                out.put(r, in.get(r));
            }
        }
        new TreeMap<>(in).forEach(out::putIfAbsent);
        return Collections.unmodifiableMap(out);
    }
}
