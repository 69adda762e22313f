package io.berth.sim.place;

import static io.berth.sim.place.Fixtures.gpuNode;
import static io.berth.sim.place.Fixtures.placeOne;
import static io.berth.sim.place.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.sim.model.SimNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GPU shares pack on one GPU up to 1000 milli; whole-GPU pods take only entirely free GPUs. */
class GpuSharingTest {

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void severalSharesPackOnOneGpuUpToItsCapacity(Scorer s) {
        Cluster c = new Cluster(List.of(gpuNode("a", 32, 128, 1, "T4")));
        for (int i = 0; i < 4; i++) {
            Binding b = placeOne(c, pod(100, 1, 250), s);
            assertThat(b.node()).isZero();
            assertThat(b.gpus()).containsExactly(0);
        }
        assertThat(c.freeGpuMilli(0, 0)).isZero();
        assertThat(c.usedGpuMilli()).isEqualTo(1000);
        assertThat(placeOne(c, pod(100, 1, 1), s)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Scorer.class)
    void randomSharesAndWholeGpusNeverOverbookAGpu(Scorer s) {
        List<SimNode> nodes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            nodes.add(gpuNode("n" + i, 64, 256, 1 + i % 4, i % 2 == 0 ? "T4" : "A100"));
        }
        Cluster c = new Cluster(nodes);
        Random rnd = new Random(7);
        List<Binding> live = new ArrayList<>();
        // per GPU ("node/gpu"): milli held by shares, and whether a whole-GPU pod holds it
        Map<String, Integer> shares = new HashMap<>();
        Map<String, Boolean> wholeHeld = new HashMap<>();
        for (int step = 0; step < 3000; step++) {
            if (!live.isEmpty() && rnd.nextInt(3) == 0) {
                Binding b = live.remove(rnd.nextInt(live.size()));
                c.release(List.of(b));
                for (int g : b.gpus()) {
                    String key = b.node() + "/" + g;
                    if (b.pod().gpuMilli() >= 1000) {
                        wholeHeld.remove(key);
                    } else {
                        shares.merge(key, (int) -b.pod().gpuMilli(), Integer::sum);
                    }
                }
                continue;
            }
            long gpu = rnd.nextBoolean() ? 1 + rnd.nextInt(999) : 1000L * (1 + rnd.nextInt(2));
            Binding b = placeOne(c, pod(rnd.nextInt(2000), rnd.nextInt(4), gpu), s);
            if (b == null) {
                continue;
            }
            live.add(b);
            for (int g : b.gpus()) {
                String key = b.node() + "/" + g;
                if (gpu >= 1000) {
                    assertThat(shares.getOrDefault(key, 0)).as("whole GPU %s was partly used", key).isZero();
                    assertThat(wholeHeld.put(key, true)).isNull();
                } else {
                    assertThat(wholeHeld).doesNotContainKey(key);
                    int held = shares.merge(key, (int) gpu, Integer::sum);
                    assertThat(held).isLessThanOrEqualTo(1000);
                }
            }
            for (int i = 0; i < nodes.size(); i++) {
                for (int g = 0; g < nodes.get(i).gpus(); g++) {
                    String key = i + "/" + g;
                    int used = wholeHeld.containsKey(key) ? 1000 : shares.getOrDefault(key, 0);
                    assertThat(c.freeGpuMilli(i, g)).isEqualTo(1000 - used);
                }
            }
        }
    }
}
