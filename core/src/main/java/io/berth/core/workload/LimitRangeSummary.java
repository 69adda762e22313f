package io.berth.core.workload;

import io.berth.api.core.LimitRange;
import io.berth.api.core.PodResources;
import io.berth.api.core.PodTemplate;
import io.berth.api.kueue.PodSet;
import io.berth.api.kueue.Workload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The LimitRanges of one namespace taken together, as Kueue summarizes them per type: the lowest
 * max, the highest min, the first default and defaultRequest (in name order). Kueue applies the
 * defaults to a workload's pod templates before counting its requests, and does not admit one whose
 * requests are then out of bounds.
 */
public final class LimitRangeSummary {
    /** No LimitRange: nothing to apply, nothing to check. */
    public static final LimitRangeSummary NONE = new LimitRangeSummary(Map.of());

    private final Map<String, Bounds> byType;

    /** One type's summary; empty maps where nothing is set. */
    private record Bounds(Map<String, Long> max, Map<String, Long> min, Map<String, Long> defaultLimits,
                          Map<String, Long> defaultRequests) {
        static final Bounds EMPTY = new Bounds(Map.of(), Map.of(), Map.of(), Map.of());

        Bounds with(LimitRange.Item item) {
            Map<String, Long> mx = new HashMap<>(max);
            item.max().forEach((r, v) -> mx.merge(r, v, Math::min));
            Map<String, Long> mn = new HashMap<>(min);
            item.min().forEach((r, v) -> mn.merge(r, v, Math::max));
            Map<String, Long> dl = new LinkedHashMap<>(defaultLimits);
            item.defaultLimits().forEach(dl::putIfAbsent);
            Map<String, Long> dr = new LinkedHashMap<>(defaultRequests);
            item.defaultRequests().forEach(dr::putIfAbsent);
            return new Bounds(mx, mn, dl, dr);
        }
    }

    private LimitRangeSummary(Map<String, Bounds> byType) {
        this.byType = byType;
    }

    /** The summary of a namespace's LimitRanges, given in name order (the order Kueue lists them in). */
    public static LimitRangeSummary of(Collection<LimitRange> inNameOrder) {
        Map<String, Bounds> byType = new HashMap<>();
        for (LimitRange lr : inNameOrder) {
            for (LimitRange.Item item : lr.limits()) {
                byType.put(item.type(), byType.getOrDefault(item.type(), Bounds.EMPTY).with(item));
            }
        }
        return byType.containsKey(LimitRange.CONTAINER) || byType.containsKey(LimitRange.POD)
                ? new LimitRangeSummary(byType) : NONE;
    }

    private Bounds bounds(String type) {
        return byType.getOrDefault(type, Bounds.EMPTY);
    }

    /** The workload with the defaults in its pod templates (those whose resources blocks are known). */
    public Workload adjust(Workload w) {
        if (this == NONE) {
            return w;
        }
        Bounds container = bounds(LimitRange.CONTAINER);
        Bounds pod = bounds(LimitRange.POD);
        List<PodSet> podSets = new ArrayList<>();
        for (PodSet ps : w.podSets()) {
            PodResources resources = ps.template().resources();
            podSets.add(resources == null ? ps : new PodSet(ps.name(), ps.count(), ps.minCount(),
                    ps.template().withResources(resources.withDefaults(container.defaultLimits(),
                            container.defaultRequests(), pod.defaultLimits(), pod.defaultRequests()))));
        }
        return w.withPodSets(podSets);
    }

    /**
     * Kueue's objections to an adjusted workload, in its order and words: per pod set, each init
     * container and container whose requests or limits are above the Container max or below its min,
     * then the pod's requests against the Pod max and min.
     */
    public List<String> violations(Workload adjusted) {
        List<String> out = new ArrayList<>();
        if (this == NONE) {
            return out;
        }
        for (int p = 0; p < adjusted.podSets().size(); p++) {
            PodTemplate template = adjusted.podSets().get(p).template();
            String path = "spec.podSets[" + p + "].template.spec";
            PodResources resources = template.resources();
            if (resources != null && byType.containsKey(LimitRange.CONTAINER)) {
                containers(out, path + ".initContainers", resources.initContainers());
                containers(out, path + ".containers", resources.containers());
            }
            if (byType.containsKey(LimitRange.POD)) {
                Bounds pod = bounds(LimitRange.POD);
                check(out, path, greater(template.requests(), pod.max()), ABOVE_MAX);
                check(out, path, greater(pod.min(), template.requests()), BELOW_MIN);
            }
        }
        return out;
    }

    private static final String ABOVE_MAX = "requests must not be above the limitRange max";
    private static final String BELOW_MIN = "requests must not be below the limitRange min";

    private void containers(List<String> out, String path, List<PodResources.Block> blocks) {
        Bounds container = bounds(LimitRange.CONTAINER);
        for (int i = 0; i < blocks.size(); i++) {
            PodResources.Block b = blocks.get(i);
            Map<String, Long> highest = new HashMap<>(b.requests());
            b.limits().forEach((r, v) -> highest.merge(r, v, Math::max));
            Map<String, Long> lowest = new HashMap<>(b.requests());
            b.limits().forEach((r, v) -> lowest.merge(r, v, Math::min));
            check(out, path + "[" + i + "]", greater(highest, container.max()), ABOVE_MAX);
            check(out, path + "[" + i + "]", greater(container.min(), lowest), BELOW_MIN);
        }
    }

    /** The resources both have where a's amount is above b's, in name order. */
    private static List<String> greater(Map<String, Long> a, Map<String, Long> b) {
        TreeSet<String> out = new TreeSet<>();
        a.forEach((r, v) -> {
            Long other = b.get(r);
            if (other != null && v > other) {
                out.add(r);
            }
        });
        return List.copyOf(out);
    }

    private static void check(List<String> out, String path, List<String> resources, String message) {
        if (!resources.isEmpty()) {
            out.add(WorkloadCompiler.invalid(path, resources, message));
        }
    }
}
