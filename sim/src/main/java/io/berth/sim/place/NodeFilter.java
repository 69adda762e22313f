package io.berth.sim.place;

import io.berth.api.core.Taint;
import io.berth.api.core.Toleration;
import io.berth.sim.model.SimNode;
import java.util.List;
import java.util.Map;

/**
 * The part of a pod that filters nodes by their static properties, as kube-scheduler's
 * NodeAffinity (nodeSelector), TaintToleration and a GPU-model constraint do: every selector
 * entry must be a node label, every NoSchedule or NoExecute taint must be tolerated, and with
 * gpuModels given the node's GPU model must be one of them. Pods with equal filters share one
 * node index.
 */
record NodeFilter(Map<String, String> nodeSelector, List<Toleration> tolerations, List<String> gpuModels) {

    static NodeFilter of(PodRequest pod) {
        return new NodeFilter(pod.nodeSelector(), pod.tolerations(), pod.gpuModels());
    }

    boolean admits(SimNode node) {
        for (Map.Entry<String, String> e : nodeSelector.entrySet()) {
            if (!e.getValue().equals(node.labels().get(e.getKey()))) {
                return false;
            }
        }
        for (Taint t : node.taints()) {
            if (("NoSchedule".equals(t.effect()) || "NoExecute".equals(t.effect())) && !tolerated(t)) {
                return false;
            }
        }
        return gpuModels.isEmpty() || (node.gpuModel() != null && gpuModels.contains(node.gpuModel()));
    }

    private boolean tolerated(Taint t) {
        for (Toleration tol : tolerations) {
            if (tol.tolerates(t)) {
                return true;
            }
        }
        return false;
    }
}
