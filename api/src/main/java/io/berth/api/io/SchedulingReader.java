package io.berth.api.io;

import io.berth.api.core.LabelSelector;
import io.berth.api.core.LabelSelectorRequirement;
import io.berth.api.core.NodeSelectorRequirement;
import io.berth.api.core.NodeSelectorTerm;
import io.berth.api.core.Taint;
import io.berth.api.core.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the core/v1 and meta/v1 scheduling pieces shared by flavors, queues and pod templates. */
final class SchedulingReader {
    private static final Map<String, String> EFFECTS = names("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final Map<String, String> TOLERATION_OPERATORS = names("Equal", "Exists");
    private static final Map<String, String> LABEL_OPERATORS = names("In", "NotIn", "Exists", "DoesNotExist");
    private static final Map<String, String> NODE_OPERATORS = names("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt");

    private SchedulingReader() {
    }

    static Map<String, String> names(String... values) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String v : values) {
            m.put(v, v);
        }
        return m;
    }

    static List<Taint> taints(YamlNode list) {
        List<Taint> out = new ArrayList<>();
        for (YamlNode t : list.items()) {
            String key = requiredText(t.get("key"), "a taint key");
            YamlNode effectNode = t.get("effect");
            if (!effectNode.present()) {
                effectNode.required("one of " + String.join(", ", EFFECTS.keySet()));
            }
            out.add(new Taint(key, t.get("value").text(), effectNode.oneOf(EFFECTS, null)));
        }
        return out;
    }

    /**
     * Tolerations; secondsNeedNoExecute: only one with effect NoExecute may set tolerationSeconds
     * (a ResourceFlavor's schema says so; a Workload's pod template is not checked for it).
     */
    static List<Toleration> tolerations(YamlNode list, boolean secondsNeedNoExecute) {
        List<Toleration> out = new ArrayList<>();
        for (YamlNode t : list.items()) {
            String operator = t.get("operator").oneOf(TOLERATION_OPERATORS, "Equal");
            String effect = t.get("effect").text();
            if (effect != null && !effect.isEmpty()) {
                effect = t.get("effect").oneOf(EFFECTS, null);
            }
            YamlNode seconds = t.get("tolerationSeconds");
            if (secondsNeedNoExecute && seconds.present() && !"NoExecute".equals(effect)) {
                seconds.error("only a toleration with effect NoExecute may set tolerationSeconds; effect is "
                        + (effect == null || effect.isEmpty() ? "empty (every effect)" : effect));
            }
            out.add(new Toleration(t.get("key").text(), operator, t.get("value").text(), effect));
        }
        return out;
    }

    /** A metav1.LabelSelector; null when absent, {@link LabelSelector#EVERYTHING} when empty. */
    static LabelSelector labelSelector(YamlNode node) {
        if (!node.present()) {
            return null;
        }
        Map<String, String> matchLabels = node.get("matchLabels").stringMap();
        List<LabelSelectorRequirement> expressions = new ArrayList<>();
        for (YamlNode e : node.get("matchExpressions").items()) {
            String key = requiredText(e.get("key"), "a label key");
            String operator = requiredOneOf(e.get("operator"), LABEL_OPERATORS);
            List<String> values = e.get("values").stringList();
            checkValues(e.get("values"), operator, values);
            expressions.add(new LabelSelectorRequirement(key, operator, values));
        }
        if (matchLabels.isEmpty() && expressions.isEmpty()) {
            return LabelSelector.EVERYTHING;
        }
        return new LabelSelector(matchLabels, expressions);
    }

    /** affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms. */
    static List<NodeSelectorTerm> nodeSelectorTerms(YamlNode terms) {
        List<NodeSelectorTerm> out = new ArrayList<>();
        for (YamlNode term : terms.items()) {
            List<NodeSelectorRequirement> expressions = new ArrayList<>();
            for (YamlNode e : term.get("matchExpressions").items()) {
                String key = requiredText(e.get("key"), "a label key");
                String operator = requiredOneOf(e.get("operator"), NODE_OPERATORS);
                List<String> values = e.get("values").stringList();
                checkValues(e.get("values"), operator, values);
                expressions.add(new NodeSelectorRequirement(key, operator, values));
            }
            out.add(new NodeSelectorTerm(expressions));
        }
        return out;
    }

    // The same value-count rules as Kubernetes' selector validation.
    static void checkValues(YamlNode node, String operator, List<String> values) {
        if (operator == null) {
            return;
        }
        switch (operator) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    node.error("must be non-empty when operator is " + operator);
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    node.error("must be empty when operator is " + operator + "; found " + values.size() + " values");
                }
            }
            case "Gt", "Lt" -> {
                if (values.size() != 1 || !values.get(0).matches("-?[0-9]+")) {
                    node.error("must be a single integer when operator is " + operator + "; found " + values);
                }
            }
            default -> {
            }
        }
    }

    static String requiredText(YamlNode node, String what) {
        if (!node.present()) {
            node.required(what);
            return null;
        }
        return node.text();
    }

    static <T> T requiredOneOf(YamlNode node, Map<String, T> allowed) {
        if (!node.present()) {
            node.required("one of " + String.join(", ", allowed.keySet()));
            return null;
        }
        return node.oneOf(allowed, null);
    }
}
