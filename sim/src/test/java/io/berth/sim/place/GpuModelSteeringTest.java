package io.berth.sim.place;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimWorkload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuModelSteeringTest {
    private static final long GI = 1L << 30;
    private final GpuModelSteering steering = new GpuModelSteering(List.of(
            node("a-1", 96, 8, "A"), node("a-2", 96, 8, "A"), node("b-1", 128, 8, "B"), node("c-1", 16, 2, "C"),
            node("cpu-1", 256, 0, null)));

    private static SimNode node(String name, long cpus, int gpus, String model) {
        return new SimNode(name, Map.of(), List.of(), cpus * 1000, 512 * GI, gpus, model);
    }

    private static SimWorkload pod(long cpus, long gpuMilli, List<String> models) {
        Map<String, Long> requests = gpuMilli == 0 ? Map.of("cpu", cpus * 1000, "memory", GI * 1000)
                : Map.of("cpu", cpus * 1000, "memory", GI * 1000, SimPodSet.GPU, gpuMilli);
        return new SimWorkload("ns", "p", "q", 0, "c", 0, 1000,
                List.of(new SimPodSet("main", 1, null, requests, models, Map.of(), List.of())));
    }

    private List<String> modelsOf(SimWorkload w) {
        return steering.steer(w).podSets().get(0).gpuModels();
    }

    @Test
    void aPodOnlyTheLargestNodesCanHoldGoesToTheirModel() {
        assertThat(modelsOf(pod(120, 8000, List.of()))).containsExactly("B");
        assertThat(modelsOf(pod(20, 4000, List.of()))).containsExactly("A", "B");
    }

    @Test
    void aGpuShareNeedsOneGpuOnANodeBigEnough() {
        assertThat(modelsOf(pod(20, 500, List.of()))).containsExactly("A", "B");
    }

    @Test
    void podsThatFitEverywhereNowhereOrNameAModelAreLeftAlone() {
        SimWorkload small = pod(8, 1000, List.of());
        assertThat(steering.steer(small)).as("every model has a node for it").isSameAs(small);
        SimWorkload huge = pod(200, 8000, List.of());
        assertThat(steering.steer(huge)).as("no node can hold it: nothing to steer to").isSameAs(huge);
        SimWorkload named = pod(120, 8000, List.of("A"));
        assertThat(steering.steer(named)).as("the trace's own model choice stands").isSameAs(named);
        SimWorkload cpuOnly = pod(200, 0, List.of());
        assertThat(steering.steer(cpuOnly)).isSameAs(cpuOnly);
    }
}
