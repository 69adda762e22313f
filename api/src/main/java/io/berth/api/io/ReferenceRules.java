package io.berth.api.io;

import io.berth.api.KubeObject;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.LocalQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks across objects: duplicate names, cohort parent cycles, LocalQueues without a ClusterQueue.
 * A LocalQueue may name a ClusterQueue that is absent, as in Kueue: its workloads wait outside the
 * queues until it appears.
 */
final class ReferenceRules {
    private ReferenceRules() {
    }

    static void check(Manifests m, Problems p) {
        duplicates(m, p);
        cohortCycles(m, p);
        localQueues(m, p);
    }

    private static void duplicates(Manifests m, Problems p) {
        Map<String, Integer> firstAt = new HashMap<>();
        for (int i = 0; i < m.objects().size(); i++) {
            KubeObject o = m.objects().get(i);
            if (o.metadata() == null || o.metadata().name() == null) {
                continue;
            }
            Integer first = firstAt.putIfAbsent(o.ref(), i); // ref includes the namespace of namespaced kinds
            if (first != null) {
                Source s = first < m.sources().size() ? m.sources().get(first) : null;
                String where = s == null ? "" : "; first defined in " + s.file() + " document " + s.document();
                Validator.focus(m, i, p);
                p.add("metadata.name", "duplicate " + o.kind() + " \"" + o.metadata().key() + "\"" + where);
            }
        }
    }

    /** Each Cohort on a parent cycle gets an error showing the cycle from itself. */
    private static void cohortCycles(Manifests m, Problems p) {
        Map<String, Cohort> byName = new HashMap<>();
        for (Cohort c : m.ofType(Cohort.class)) {
            byName.putIfAbsent(c.metadata().name(), c);
        }
        for (int i = 0; i < m.objects().size(); i++) {
            if (!(m.objects().get(i) instanceof Cohort start) || start.metadata().name() == null
                    || byName.get(start.metadata().name()) != start) {
                continue;
            }
            List<String> path = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            String current = start.metadata().name();
            while (current != null && byName.containsKey(current) && seen.add(current)) {
                path.add(current);
                current = byName.get(current).parent();
            }
            if (start.metadata().name().equals(current)) {
                path.add(current);
                Validator.focus(m, i, p);
                p.add("spec.parentName", "cohort cycle: " + String.join(" -> ", path));
            }
        }
    }

    private static void localQueues(Manifests m, Problems p) {
        for (int i = 0; i < m.objects().size(); i++) {
            if (m.objects().get(i) instanceof LocalQueue lq && (lq.clusterQueue() == null || lq.clusterQueue().isEmpty())) {
                Validator.focus(m, i, p);
                p.add("spec.clusterQueue", "required: expected the name of a ClusterQueue, found nothing");
            }
        }
    }
}
