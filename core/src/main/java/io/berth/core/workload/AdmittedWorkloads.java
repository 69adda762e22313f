package io.berth.core.workload;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Workloads holding quota, per ClusterQueue: the candidates preemption chooses from. */
public final class AdmittedWorkloads {
    private final Map<String, Map<String, WorkloadInfo>> byClusterQueue = new HashMap<>();

    public void add(WorkloadInfo w) {
        byClusterQueue.computeIfAbsent(w.admission().clusterQueue(), k -> new LinkedHashMap<>()).put(w.key(), w);
    }

    public void remove(WorkloadInfo w) {
        Map<String, WorkloadInfo> m = byClusterQueue.get(w.admission().clusterQueue());
        if (m != null) {
            m.remove(w.key());
        }
    }

    public Collection<WorkloadInfo> in(String clusterQueue) {
        Map<String, WorkloadInfo> m = byClusterQueue.get(clusterQueue);
        return m == null ? List.of() : m.values();
    }

    public void clear() {
        byClusterQueue.clear();
    }
}
