package io.berth.sim;

import io.berth.api.core.NodeSelectorRequirement;
import io.berth.api.core.NodeSelectorTerm;
import io.berth.api.core.ObjectMeta;
import io.berth.api.core.PodTemplate;
import io.berth.api.kueue.PodSet;
import io.berth.api.kueue.Workload;
import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimWorkload;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Turns trace workloads into the Kueue Workloads the engine admits. */
final class WorkloadObjects {
    private WorkloadObjects() {
    }

    static Workload of(SimWorkload w) {
        ObjectMeta meta = new ObjectMeta(w.name(), w.namespace(), Map.of(), Map.of(),
                Instant.ofEpochMilli(w.submitMillis()), null);
        List<PodSet> podSets = w.podSets().stream().map(WorkloadObjects::podSet).toList();
        return new Workload(meta, w.localQueue(), null, w.priority(), true, podSets, null, List.of());
    }

    private static PodSet podSet(SimPodSet ps) {
        // A GPU model constraint is required node affinity on the model label, as a real pod would carry.
        List<NodeSelectorTerm> affinity = ps.gpuModels().isEmpty() ? List.of() : List.of(new NodeSelectorTerm(
                List.of(new NodeSelectorRequirement(SimNode.GPU_MODEL_LABEL, "In", ps.gpuModels()))));
        return new PodSet(ps.name(), ps.count(), ps.minCount(),
                new PodTemplate(ps.requests(), ps.nodeSelector(), affinity, ps.tolerations()));
    }
}
