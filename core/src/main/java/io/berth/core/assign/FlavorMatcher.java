package io.berth.core.assign;

import io.berth.api.core.NodeSelectorRequirement;
import io.berth.api.core.NodeSelectorTerm;
import io.berth.api.core.PodTemplate;
import io.berth.api.core.Taint;
import io.berth.api.core.Toleration;
import io.berth.api.kueue.ResourceFlavor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a pod template may use a ResourceFlavor: every NoSchedule/NoExecute taint of the
 * flavor tolerated, and the pod's nodeSelector and required node affinity satisfied by the
 * flavor's nodeLabels (only keys the flavor sets are compared, as Kueue does).
 */
final class FlavorMatcher {
    private FlavorMatcher() {
    }

    /** null when the flavor matches, else the reason it does not. */
    static String mismatch(String flavorName, ResourceFlavor flavor, PodTemplate pod) {
        if (flavor == null) {
            return "flavor " + flavorName + " not found";
        }
        for (Taint taint : flavor.nodeTaints()) {
            if (!taint.effect().equals("NoSchedule") && !taint.effect().equals("NoExecute")) {
                continue;
            }
            if (!tolerated(taint, pod.tolerations()) && !tolerated(taint, flavor.tolerations())) {
                return "untolerated taint " + taint + " in flavor " + flavorName;
            }
        }
        if (!matchesAffinity(pod, flavor.nodeLabels())) {
            return "flavor " + flavorName + " doesn't match node affinity";
        }
        return null;
    }

    private static boolean tolerated(Taint taint, List<Toleration> tolerations) {
        for (Toleration t : tolerations) {
            if (t.tolerates(taint)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAffinity(PodTemplate pod, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return true; // nothing of the pod's placement can conflict with a flavor that sets no label
        }
        for (var e : pod.nodeSelector().entrySet()) {
            if (labels.containsKey(e.getKey()) && !labels.get(e.getKey()).equals(e.getValue())) {
                return false;
            }
        }
        if (pod.requiredNodeAffinity().isEmpty()) {
            return true;
        }
        List<NodeSelectorTerm> terms = new ArrayList<>();
        for (NodeSelectorTerm term : pod.requiredNodeAffinity()) {
            List<NodeSelectorRequirement> kept = term.matchExpressions().stream()
                    .filter(r -> labels.containsKey(r.key())).toList();
            if (kept.isEmpty()) {
                // A term that says nothing about the flavor's keys lets any flavor match.
                return true;
            }
            terms.add(new NodeSelectorTerm(kept));
        }
        for (NodeSelectorTerm term : terms) {
            if (term.matches(labels)) {
                return true;
            }
        }
        return false;
    }
}
