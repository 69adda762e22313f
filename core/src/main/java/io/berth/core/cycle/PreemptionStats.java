package io.berth.core.cycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a cycle's preempting heads ran into, as Kueue's scheduler reports it: per ClusterQueue,
 * the heads that had preemption targets but were skipped because another head of the cycle
 * took the quota they needed (kueue_admission_cycle_preemption_skips); and each
 * recomputation of a head whose targets overlapped another's, with how it ended
 * (kueue_preemption_target_recomputations_total).
 */
public record PreemptionStats(Map<String, Integer> skips, List<Recomputation> recomputations) {
    public static final PreemptionStats NONE = new PreemptionStats(Map.of(), List.of());

    public PreemptionStats {
        skips = Map.copyOf(skips);
        recomputations = List.copyOf(recomputations);
    }

    /** How a recomputation upon overlapping targets ended; value is Kueue's result label. */
    public enum Outcome {
        /** It fits once the cycle's victims are gone, preempting nothing more. */
        DEFERRED_FIT("deferred_fit"),
        /** It found other targets, not overlapping, and fits once they are gone. */
        NEW_TARGETS("new_targets"),
        /** Neither: the head waits for a later cycle. */
        SKIPPED("skipped");

        public final String value;

        Outcome(String value) {
            this.value = value;
        }
    }

    /** One recomputation for the head of clusterQueue. */
    public record Recomputation(String clusterQueue, Outcome outcome) {
    }

    /** These followed by next's (several admissions per ClusterQueue per cycle): skips add up. */
    PreemptionStats then(PreemptionStats next) {
        Map<String, Integer> s = new LinkedHashMap<>(skips);
        next.skips.forEach((cq, n) -> s.merge(cq, n, Integer::sum));
        List<Recomputation> r = new ArrayList<>(recomputations);
        r.addAll(next.recomputations);
        return new PreemptionStats(s, r);
    }
}
