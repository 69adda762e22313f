package io.berth.core.assign;

import static io.berth.core.Kueue.cpuGroup;
import static io.berth.core.Kueue.cq;
import static io.berth.core.Kueue.flavor;
import static io.berth.core.Kueue.flavorMap;
import static io.berth.core.Kueue.flavorQuotas;
import static io.berth.core.Kueue.pod;
import static io.berth.core.Kueue.podSet;
import static io.berth.core.Kueue.quota;
import static io.berth.core.Kueue.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.core.PodTemplate;
import io.berth.core.Kueue;
import io.berth.core.preempt.NoPreemption;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.FlavorResources;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.PodSetRequests;
import io.berth.core.workload.WorkloadCompiler;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kueue's partial admission search (pkg/scheduler/flavorassigner/podset_reducer.go): every pod
 * set that allows it shrinks by the same fraction of (count - minCount), and a binary search over
 * the total reduction finds the largest counts that fit.
 *
 * <pre>
 * counts at step i = count - (count - minCount) * i / totalDelta   (integer division), i in 0..totalDelta
 * </pre>
 *
 * Here a pod is one cpu and "fits" means the pods of all pod sets add up to at most a capacity.
 */
class PartialAdmissionTest {

    private static PodSetRequests ps(String name, int count, int minCount) {
        return new PodSetRequests(name, count, minCount, new int[0], new long[0], PodTemplate.ofRequests(Map.of()));
    }

    static Stream<Arguments> search() {
        return Stream.of(
                Arguments.of("one pod set 10 (min 2), room for 7: delta 8, step 3 gives 10 - 3 = 7",
                        List.of(ps("main", 10, 2)), 7, new int[] {7}),
                Arguments.of("one pod set 10 (min 2), room for exactly minCount 2",
                        List.of(ps("main", 10, 2)), 2, new int[] {2}),
                Arguments.of("one pod set 10 (min 2), room for 9",
                        List.of(ps("main", 10, 2)), 9, new int[] {9}),
                Arguments.of("one pod set 10 (min 2), room for 1 < minCount: nothing",
                        List.of(ps("main", 10, 2)), 1, null),
                Arguments.of("two pod sets 10 (min 2) and 4 (min 2), room for 9: totalDelta 10;"
                                + " step 4 → 10 - 8*4/10 = 7, 4 - 2*4/10 = 4 (11, too many);"
                                + " step 5 → 10 - 4 = 6, 4 - 1 = 3 (9)",
                        List.of(ps("a", 10, 2), ps("b", 4, 2)), 9, new int[] {6, 3}),
                Arguments.of("two pod sets 10 (min 2) and 4 (min 2), room for 4 = both minCounts: step 10 → 2, 2",
                        List.of(ps("a", 10, 2), ps("b", 4, 2)), 4, new int[] {2, 2}),
                Arguments.of("two pod sets 10 (min 2) and 4 (min 2), room for 3 < 2 + 2: nothing",
                        List.of(ps("a", 10, 2), ps("b", 4, 2)), 3, null),
                Arguments.of("a fixed pod set (min = count) keeps its count: 10 (min 2) + 3 fixed, room for 8 → 5 + 3",
                        List.of(ps("a", 10, 2), ps("fixed", 3, 3)), 8, new int[] {5, 3}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void search(String description, List<PodSetRequests> podSets, int capacity, int[] expected) {
        int[] result = PartialAdmission.search(podSets, counts -> IntStream.of(counts).sum() <= capacity
                ? counts.clone() : null);
        assertThat(result).isEqualTo(expected);
    }

    // ------------------------------------------------------------------ with real quota

    /**
     * As the scheduler does it: the flavor assigner decides what fits. ClusterQueue "cq" has 10 cpu
     * in flavor default; every pod set below requests cpu per pod.
     */
    static Stream<Arguments> withQuota() {
        return Stream.of(
                Arguments.of("8 pods of 2 cpu (min 2): 8 - i pods, 2 x 5 = 10 fits",
                        workload("ns", "w").podSets(podSet("main", 8, 2, pod("cpu", 2))), new int[] {5}),
                Arguments.of("a fixed driver (1 x 2 cpu) and 10 workers of 1 cpu (min 4): 2 + 8 = 10",
                        workload("ns", "w").podSets(podSet("driver", 1, pod("cpu", 2)),
                                podSet("workers", 10, 4, pod("cpu", 1))), new int[] {1, 8}),
                Arguments.of("a: 6 x 2 cpu (min 2), b: 4 x 1 cpu (min 1); totalDelta 4 + 3 = 7;"
                                + " step 4 → a 6 - 16/7 = 4, b 4 - 12/7 = 3 (11); step 5 → 4, 4 - 15/7 = 2 (10)",
                        workload("ns", "w").podSets(podSet("a", 6, 2, pod("cpu", 2)), podSet("b", 4, 1, pod("cpu", 1))),
                        new int[] {4, 2}),
                Arguments.of("8 pods of 2 cpu with minCount 6: 12 > 10 even at minCount",
                        workload("ns", "w").podSets(podSet("main", 8, 6, pod("cpu", 2))), null),
                Arguments.of("minCount == count: no partial admission at all",
                        workload("ns", "w").podSets(podSet("main", 8, 8, pod("cpu", 2))), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void withQuota(String description, Kueue.WL spec, int[] expectedCounts) throws Exception {
        FlavorResources frs = new FlavorResources();
        QuotaTree tree = new QuotaTree(frs,
                List.of(cq("cq").groups(cpuGroup(flavorQuotas("default", quota("cpu", 10)))).build()),
                List.of(), Set.of("default"));
        FlavorAssigner assigner = new FlavorAssigner(frs, flavorMap(flavor("default")), new NoPreemption(), false);
        WorkloadInfo wl = new WorkloadCompiler(frs, Map.of(), Map.of(), new io.berth.core.workload.DeviceQuota(java.util.List.of())).compile(spec.build());
        ClusterQueueNode cq = tree.clusterQueue("cq");

        Assignment full = assigner.assign(wl, cq, null);
        assertThat(full.mode()).as("the full counts never fit here").isNotEqualTo(Mode.FIT);
        Assignment partial = PartialAdmission.search(wl.podSets(), counts -> {
            Assignment a = assigner.assign(wl, cq, counts);
            return a.mode() == Mode.FIT ? a : null;
        });

        if (expectedCounts == null) {
            assertThat(partial).isNull();
        } else {
            assertThat(partial.podSets()).extracting(PodSetResult::count)
                    .containsExactly(IntStream.of(expectedCounts).boxed().toArray(Integer[]::new));
        }
    }

    // ------------------------------------------------------------------ nothing to shrink

    static Stream<Arguments> nothingToShrink() {
        return Stream.of(
                Arguments.of("minCount == count", List.of(ps("main", 4, 4))),
                Arguments.of("minCount == count in every pod set", List.of(ps("a", 4, 4), ps("b", 2, 2))));
    }

    /** Without anything to shrink the search gives up at once, without asking whether anything fits. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void nothingToShrink(String description, List<PodSetRequests> podSets) {
        List<int[]> asked = new ArrayList<>();
        Object result = PartialAdmission.search(podSets, counts -> {
            asked.add(counts);
            return "fits";
        });
        assertThat(result).isNull();
        assertThat(asked).isEmpty();
    }

    /** The result is the one the fits function returned for the winning counts, not a later probe. */
    @Test
    void returnsTheResultOfTheLargestFittingCounts() {
        List<String> asked = new ArrayList<>();
        String result = PartialAdmission.search(List.of(ps("main", 10, 2)), counts -> {
            asked.add(Arrays.toString(counts));
            return counts[0] <= 7 ? "admit " + counts[0] : null;
        });
        assertThat(result).isEqualTo("admit 7");
        // Binary search over steps 0..8 (counts 10..2): probes 6, 8, 7.
        assertThat(asked).containsExactly("[6]", "[8]", "[7]");
    }
}
