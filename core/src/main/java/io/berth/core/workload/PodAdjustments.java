package io.berth.core.workload;

import io.berth.api.KubeObject;
import io.berth.api.core.LimitRange;
import io.berth.api.core.PodResources;
import io.berth.api.core.RuntimeClass;
import io.berth.api.kueue.PodSet;
import io.berth.api.kueue.Workload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Kueue does to a workload's pod templates before counting its requests (its
 * AdjustResources): a pod that names a RuntimeClass and sets no overhead gets the class's
 * podFixed overhead, then its namespace's LimitRange defaults apply ({@link LimitRangeSummary}).
 * Kept as RuntimeClasses and LimitRanges come.
 */
public final class PodAdjustments {
    private final Map<String, RuntimeClass> runtimeClasses = new HashMap<>();
    /** Per namespace, its LimitRanges by name and (once asked for) their summary. */
    private final Map<String, TreeMap<String, LimitRange>> limitRanges = new HashMap<>();
    private final Map<String, LimitRangeSummary> summaries = new HashMap<>();

    /** The adjustments these objects make (the others are ignored). */
    public static PodAdjustments of(Collection<? extends KubeObject> objects) {
        PodAdjustments out = new PodAdjustments();
        objects.forEach(out::apply);
        return out;
    }

    /** Adds or replaces a RuntimeClass or LimitRange; false for any other object, which is ignored. */
    public boolean apply(KubeObject o) {
        if (o instanceof RuntimeClass rc) {
            runtimeClasses.put(rc.metadata().name(), rc);
            return true;
        }
        if (o instanceof LimitRange lr) {
            limitRanges.computeIfAbsent(lr.metadata().namespace(), k -> new TreeMap<>()).put(lr.metadata().name(), lr);
            summaries.remove(lr.metadata().namespace());
            return true;
        }
        return false;
    }

    /** Whether a change of o (a RuntimeClass or LimitRange) may change how w is adjusted. */
    public static boolean affects(KubeObject o, Workload w) {
        if (o instanceof LimitRange lr) {
            return lr.metadata().namespace().equals(w.metadata().namespace());
        }
        return o instanceof RuntimeClass rc && w.podSets().stream().map(ps -> ps.template().resources())
                .anyMatch(r -> r != null && rc.metadata().name().equals(r.runtimeClassName()));
    }

    /** The namespace's LimitRanges taken together. */
    public LimitRangeSummary limitRanges(String namespace) {
        TreeMap<String, LimitRange> ranges = limitRanges.get(namespace);
        return ranges == null ? LimitRangeSummary.NONE
                : summaries.computeIfAbsent(namespace, k -> LimitRangeSummary.of(ranges.values()));
    }

    /** w with its pod templates adjusted: RuntimeClass overhead, then LimitRange defaults. */
    public Workload adjust(Workload w) {
        return limitRanges(w.metadata().namespace()).adjust(withRuntimeClassOverhead(w));
    }

    private Workload withRuntimeClassOverhead(Workload w) {
        if (runtimeClasses.isEmpty()) {
            return w;
        }
        List<PodSet> podSets = new ArrayList<>();
        boolean changed = false;
        for (PodSet ps : w.podSets()) {
            PodResources resources = ps.template().resources();
            RuntimeClass rc = resources == null || resources.runtimeClassName() == null ? null
                    : runtimeClasses.get(resources.runtimeClassName());
            PodResources adjusted = rc == null ? resources : resources.withRuntimeClassOverhead(rc.podFixedOverhead());
            changed |= adjusted != resources;
            podSets.add(adjusted == resources ? ps
                    : new PodSet(ps.name(), ps.count(), ps.minCount(), ps.template().withResources(adjusted)));
        }
        return changed ? w.withPodSets(podSets) : w;
    }
}
