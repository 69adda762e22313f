package io.berth.api.kueue;

import java.util.List;

/** status.admission of a Workload. */
public record Admission(String clusterQueue, List<PodSetAssignment> podSetAssignments) {
    public Admission {
        podSetAssignments = List.copyOf(podSetAssignments);
    }
}
