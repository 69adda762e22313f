package io.berth.core.workload;

import java.util.List;

/** Quota a workload holds: the ClusterQueue, per pod set flavors and counts, and the total usage. */
public record AdmissionRecord(String clusterQueue, List<PodSetAdmission> podSets, Usage usage) {
    public AdmissionRecord {
        podSets = List.copyOf(podSets);
    }
}
