package io.berth.api.io;

import io.berth.api.KubeObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks across objects: duplicate names. As in Kueue, a LocalQueue may name no ClusterQueue or one
 * that is absent (its workloads wait outside the queues until it appears), and Cohorts may form a
 * parent cycle (the ClusterQueues under it are inactive).
 */
final class ReferenceRules {
    private ReferenceRules() {
    }

    static void check(Manifests m, Problems p) {
        duplicates(m, p);
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
}
