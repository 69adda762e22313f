package io.berth.sim.model;

import java.util.List;

/**
 * A job of the trace: submitted to a LocalQueue at submitMillis, runs durationMillis once all
 * its pods run. workloadClass groups workloads in the metrics (e.g. small/medium/large, or the
 * trace's qos).
 */
public record SimWorkload(String namespace, String name, String localQueue, int priority, String workloadClass,
                          long submitMillis, long durationMillis, List<SimPodSet> podSets) {
    public SimWorkload {
        podSets = List.copyOf(podSets);
    }

    public String key() {
        return namespace + "/" + name;
    }
}
