package io.berth.sim.place;

import static io.berth.sim.place.Fixtures.gpuNode;
import static io.berth.sim.place.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the cluster uses a device allocation: only on nodes whose counts fit, next best on refusal. */
class DeviceAllocationTest {
    /** Grants the first free GPUs on nodes it does not refuse; records where it was asked. */
    private static final class Stub implements DeviceAllocation {
        final Set<Integer> refused;
        final List<Integer> asked = new ArrayList<>();
        int claims;

        Stub(Set<Integer> refused) {
            this.refused = refused;
        }

        @Override
        public Grant allocate(int node, PodRequest pod) {
            asked.add(node);
            return refused.contains(node) ? null : new Grant("c" + claims++, pod.gpuMilli() < 1000 ? new int[] {1} : new int[] {0});
        }

        @Override
        public int[] release(int node, String claim) {
            return claim.equals("c0") ? new int[] {1} : null;
        }
    }

    @Test
    void aRefusedNodeIsSetAsideAndTheNextBestAsked() {
        Stub stub = new Stub(Set.of(0));
        Cluster c = new Cluster(List.of(gpuNode("a", 8, 32, 2, "T4"), gpuNode("b", 8, 32, 2, "T4"),
                gpuNode("c", 4, 16, 2, "T4")), stub);

        Binding b = Fixtures.placeOne(c, pod(1000, 1, 300), Scorer.LEAST_ALLOCATED);

        assertThat(stub.asked).containsExactly(0, 1);
        assertThat(b.node()).isEqualTo(1);
        assertThat(b.claim()).isEqualTo("c0");
        assertThat(b.gpus()).containsExactly(1);
        assertThat(c.freeGpuMilli(1, 1)).as("the GPU the allocator chose").isEqualTo(700);
        assertThat(Fixtures.nodeOf(c, pod(0, 1, 0), Scorer.LEAST_ALLOCATED)).as("pods without GPUs: no allocator")
                .isZero();
        assertThat(stub.asked).hasSize(2);
    }

    @Test
    void whenEveryFittingNodeRefusesThePodWaits() {
        Stub stub = new Stub(Set.of(0, 1));
        Cluster c = new Cluster(List.of(gpuNode("a", 8, 32, 1, "T4"), gpuNode("b", 8, 32, 1, "T4"),
                gpuNode("small", 1, 1, 1, "T4")), stub);

        assertThat(Fixtures.placeOne(c, pod(2000, 2, 1000), Scorer.MOST_ALLOCATED)).isNull();
        assertThat(stub.asked).as("never asked where the counts do not fit").containsExactlyInAnyOrder(0, 1);
        assertThat(c.usedGpuMilli()).isZero();
    }

    @Test
    void releasingABindingTheAllocationDoesNotHoldFails() {
        Stub stub = new Stub(Set.of());
        Cluster c = new Cluster(List.of(gpuNode("a", 8, 32, 2, "T4")), stub);
        Binding b = Fixtures.placeOne(c, pod(1000, 1, 300), Scorer.LEAST_ALLOCATED);
        c.release(List.of(b));
        assertThat(c.usedGpuMilli()).isZero();

        Binding forged = new Binding(0, b.pod(), b.gpus(), "c9");
        assertThatThrownBy(() -> c.release(List.of(forged))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("c9");
    }
}
