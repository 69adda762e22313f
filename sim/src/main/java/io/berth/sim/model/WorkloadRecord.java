package io.berth.sim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What happened to one workload in a simulation. Times are epoch ms of virtual time; -1 when it
 * never happened. usage: total quota usage while admitted (resource name to milli-units, summed
 * over pods, for the pod counts finally admitted).
 */
public final class WorkloadRecord {
    private final SimWorkload workload;
    private final String clusterQueue;
    private long firstAdmitted = -1;
    private long lastAdmitted = -1;
    private long finished = -1;
    private int preemptions;
    private int evictions;
    private Map<String, Long> usage = Map.of();
    private final List<RunSegment> segments = new ArrayList<>();

    public WorkloadRecord(SimWorkload workload, String clusterQueue) {
        this.workload = workload;
        this.clusterQueue = clusterQueue;
    }

    public SimWorkload workload() {
        return workload;
    }

    /** The ClusterQueue its LocalQueue points to (null when it has none). */
    public String clusterQueue() {
        return clusterQueue;
    }

    public long created() {
        return workload.submitMillis();
    }

    public long firstAdmitted() {
        return firstAdmitted;
    }

    public long lastAdmitted() {
        return lastAdmitted;
    }

    /** When its last run started, or -1. */
    public long started() {
        return segments.isEmpty() ? -1 : segments.get(segments.size() - 1).startMillis();
    }

    public long finished() {
        return finished;
    }

    public int preemptions() {
        return preemptions;
    }

    /** Evictions other than preemption (pods not ready in time, node or queue drained). */
    public int evictions() {
        return evictions;
    }

    public Map<String, Long> usage() {
        return usage;
    }

    public List<RunSegment> segments() {
        return segments;
    }

    public void admitted(long at, Map<String, Long> usage) {
        if (firstAdmitted < 0) {
            firstAdmitted = at;
        }
        lastAdmitted = at;
        this.usage = Map.copyOf(usage);
    }

    public void runSegment(RunSegment s) {
        segments.add(s);
    }

    public void finished(long at) {
        finished = at;
    }

    public void preempted() {
        preemptions++;
    }

    public void evicted() {
        evictions++;
    }
}
