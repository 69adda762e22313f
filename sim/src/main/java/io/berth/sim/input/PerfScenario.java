package io.berth.sim.input;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.sim.model.SimInput;
import io.berth.sim.model.SimWorkload;
import java.util.List;

/**
 * What a Kueue scheduler performance configuration generates: the Kueue objects (one
 * ResourceFlavor, the ClusterQueues, their Namespaces and LocalQueues), the workloads in creation
 * order, and Kueue's thresholds when a rangespec.yaml was found next to the generator file (null
 * otherwise).
 */
public record PerfScenario(List<KubeObject> queueObjects, List<SimWorkload> workloads, PerfThresholds thresholds) {
    public PerfScenario {
        queueObjects = List.copyOf(queueObjects);
        workloads = List.copyOf(workloads);
    }

    /** A simulation input without nodes (quota only, as Kueue's test: pods start once admitted). */
    public SimInput toSimInput() {
        return new SimInput(queueObjects, Configuration.DEFAULT, List.of(), workloads);
    }
}
