package io.berth.sim.report;

import io.berth.api.kueue.ClusterQueue;
import io.berth.sim.model.RunSegment;
import io.berth.sim.model.WorkloadRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of Kueue's scheduler performance checker (test/performance/scheduler in Kueue):
 * ClusterQueue class usage and workload class averages, computed from a simulation's records.
 */
final class KueuePerf {
    private KueuePerf() {
    }

    /**
     * Per ClusterQueue class (label {@link Metrics#CLASS_LABEL}, else the queue's own name): cpu used
     * by all the class's queues over the sum of their nominal cpu quota times the window from the run
     * start to the last event of any of them.
     */
    static Map<String, QueueClassUsage> clusterQueueClasses(Collection<ClusterQueue> clusterQueues,
                                                            Map<String, List<WorkloadRecord>> byClusterQueue,
                                                            long start, long end) {
        Map<String, List<ClusterQueue>> classes = new TreeMap<>();
        for (ClusterQueue cq : clusterQueues) {
            String label = cq.metadata().labels().get(Metrics.CLASS_LABEL);
            String cls = label == null || label.isEmpty() ? cq.metadata().name() : label;
            classes.computeIfAbsent(cls, k -> new ArrayList<>()).add(cq);
        }
        Map<String, QueueClassUsage> out = new LinkedHashMap<>();
        classes.forEach((cls, queues) -> {
            long nominal = 0;
            double used = 0;
            long last = start;
            List<String> names = new ArrayList<>();
            for (ClusterQueue cq : queues) {
                names.add(cq.metadata().name());
                nominal += MetricsCalculator.nominal(cq.resourceGroups(), Metrics.CPU);
                for (WorkloadRecord r : byClusterQueue.getOrDefault(cq.metadata().name(), List.of())) {
                    long cpu = r.usage().getOrDefault(Metrics.CPU, 0L);
                    for (RunSegment s : r.segments()) {
                        long ran = Math.min(end, s.endMillis()) - Math.max(start, s.startMillis());
                        used += (double) cpu * Math.max(0, ran);
                    }
                    last = Math.max(last, lastEvent(r, start, end));
                }
            }
            Double pct = nominal > 0 && last > start ? used / ((double) nominal * (last - start)) * 100 : null;
            out.put(cls, new QueueClassUsage(cls, names, nominal, used, start, last, pct));
        });
        return out;
    }

    /** The latest thing that happened to a workload within the run (its creation at least). */
    private static long lastEvent(WorkloadRecord r, long start, long end) {
        long t = Math.max(r.created(), Math.max(r.lastAdmitted(), r.finished()));
        for (RunSegment s : r.segments()) {
            t = Math.max(t, s.endMillis());
        }
        return Math.min(end, Math.max(start, t));
    }

    /** Per workload class: averages over the admitted (finished) workloads, and all evictions. */
    static Map<String, WorkloadClassFigures> workloadClasses(Map<String, List<WorkloadRecord>> byClass) {
        Map<String, WorkloadClassFigures> out = new LinkedHashMap<>();
        byClass.forEach((cls, list) -> {
            double admit = 0;
            double finish = 0;
            int admitted = 0;
            int finished = 0;
            int evictions = 0;
            for (WorkloadRecord r : list) {
                if (r.firstAdmitted() >= 0) {
                    admit += r.firstAdmitted() - r.created();
                    admitted++;
                }
                if (r.finished() >= 0) {
                    finish += r.finished() - r.created();
                    finished++;
                }
                evictions += r.preemptions() + r.evictions();
            }
            out.put(cls, new WorkloadClassFigures(cls, list.size(), admitted == 0 ? null : admit / admitted,
                    finished == 0 ? null : finish / finished, evictions));
        });
        return out;
    }
}
