package io.berth.api.io;

import io.berth.api.core.Taint;
import io.berth.api.core.Toleration;
import io.berth.api.kueue.ResourceFlavor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kueue's ResourceFlavor validation: node labels, taints and tolerations as Kubernetes checks them
 * (qualified keys, label values, taints unique by key and effect, the toleration rules of the CRD),
 * at most 8 of each.
 */
final class FlavorRules {
    private static final int MAX_ENTRIES = 8;
    private static final String QUALIFIED = ": " + YamlNode.QUALIFIED_NAME;
    private static final String LABEL_VALUE = ": " + YamlNode.LABEL_VALUE;

    private FlavorRules() {
    }

    static void resourceFlavor(ResourceFlavor rf, Problems p) {
        atMostEight("spec.nodeLabels", rf.nodeLabels().size(), "node labels", p);
        new TreeMap<>(rf.nodeLabels()).forEach((key, value) -> { // by key: the record keeps no order
            if (!YamlNode.isQualifiedName(key)) {
                p.add("spec.nodeLabels", "invalid label key " + YamlNode.quote(key) + QUALIFIED);
            }
            if (!YamlNode.isLabelValue(value)) {
                p.add("spec.nodeLabels[" + key + "]", "invalid label value " + YamlNode.quote(value) + LABEL_VALUE);
            }
        });
        taints(rf.nodeTaints(), p);
        tolerations(rf.tolerations(), p);
    }

    private static void taints(List<Taint> taints, Problems p) {
        atMostEight("spec.nodeTaints", taints.size(), "taints", p);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < taints.size(); i++) {
            Taint t = taints.get(i);
            String at = "spec.nodeTaints[" + i + "]";
            if (!YamlNode.isQualifiedName(t.key())) {
                p.add(at + ".key", "invalid taint key " + YamlNode.quote(t.key()) + QUALIFIED);
            }
            if (t.value() != null && !YamlNode.isLabelValue(t.value())) {
                p.add(at + ".value", "invalid taint value " + YamlNode.quote(t.value()) + LABEL_VALUE);
            }
            if (!seen.add(t.key() + "\n" + t.effect())) {
                p.add(at, "duplicate taint " + t + ": taints must be unique by key and effect");
            }
        }
    }

    private static void tolerations(List<Toleration> tolerations, Problems p) {
        atMostEight("spec.tolerations", tolerations.size(), "tolerations", p);
        for (int i = 0; i < tolerations.size(); i++) {
            Toleration t = tolerations.get(i);
            String at = "spec.tolerations[" + i + "]";
            boolean exists = "Exists".equals(t.operator());
            if (t.key() == null || t.key().isEmpty()) {
                if (!exists) {
                    p.add(at + ".operator", "must be Exists when key is empty (which matches every key); found "
                            + t.operator());
                }
            } else if (!YamlNode.isQualifiedName(t.key())) {
                p.add(at + ".key", "invalid toleration key " + YamlNode.quote(t.key()) + QUALIFIED);
            }
            if (exists && t.value() != null && !t.value().isEmpty()) {
                p.add(at + ".value", "must be empty when operator is Exists; found " + YamlNode.quote(t.value()));
            }
        }
    }

    private static void atMostEight(String field, int count, String what, Problems p) {
        if (count > MAX_ENTRIES) {
            p.add(field, "at most " + MAX_ENTRIES + " " + what + " are allowed; found " + count);
        }
    }
}
