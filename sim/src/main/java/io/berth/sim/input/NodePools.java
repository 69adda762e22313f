package io.berth.sim.input;

import io.berth.api.core.Taint;
import io.berth.api.io.InputException;
import io.berth.api.io.Problems;
import io.berth.api.io.YamlNode;
import io.berth.sim.model.SimNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated cluster's nodes, from YAML files whose documents are either node pools:
 * <pre>
 * pools:
 * - name: a100            # nodes a100-0 .. a100-3
 *   count: 4
 *   cpu: "64"             # Kubernetes quantities
 *   memory: 256Gi
 *   gpus: 8               # whole GPUs per node (default 0)
 *   gpuModel: A100        # required with gpus
 *   labels: {topology.kubernetes.io/zone: a}
 *   taints: [{key: nvidia.com/gpu, value: present, effect: NoSchedule}]
 * </pre>
 * or Kubernetes Node manifests ({@code apiVersion: v1, kind: Node}, or a v1 {@code List} /
 * {@code NodeList} of them, as {@code kubectl get nodes -o yaml} prints): {@code status.allocatable}
 * (else {@code status.capacity}) cpu, memory and {@code nvidia.com/gpu}, {@code metadata.labels},
 * {@code spec.taints} ({@code spec.unschedulable: true} adds the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint, as Kubernetes does); the GPU model is
 * the label {@link SimNode#GPU_MODEL_LABEL}, required on a node with GPUs.
 *
 * <p>Every node carries {@code kubernetes.io/hostname=<name>}; pool nodes with GPUs also carry
 * {@link SimNode#GPU_MODEL_LABEL}{@code =<gpuModel>}. Every problem in every file is reported at
 * once in an {@link InputException} naming file, document, pool or Node, and field.
 */
public final class NodePools {
    static final String UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";
    private static final List<String> POOL_FIELDS = List.of("name", "count", "cpu", "memory", "gpus", "gpuModel",
            "labels", "taints");
    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private NodePools() {
    }

    public static List<SimNode> read(Path file) {
        return read(List.of(file));
    }

    /** Reads the files in order; nodes keep file, document and pool order. */
    public static List<SimNode> read(List<Path> files) {
        Problems problems = new Problems();
        List<SimNode> nodes = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        List<io.berth.api.io.InputError> unreadable = new ArrayList<>();
        for (Path file : files) {
            List<YamlFiles.Doc> docs;
            try {
                docs = YamlFiles.read(file);
            } catch (InputException e) {
                unreadable.addAll(e.errors());
                continue;
            }
            for (YamlFiles.Doc doc : docs) {
                problems.at(doc.file(), doc.number());
                YamlNode root = YamlNode.root(doc.root(), problems);
                List<SimNode> found = new ArrayList<>();
                document(root, problems, found);
                for (SimNode n : found) {
                    String where = doc.file() + " document " + doc.number();
                    String first = seen.putIfAbsent(n.name(), where);
                    if (first != null) {
                        problems.object(null);
                        problems.add(null, "duplicate node " + Values.quote(n.name()) + "; first defined in " + first);
                    } else {
                        nodes.add(n);
                    }
                }
            }
        }
        List<io.berth.api.io.InputError> all = new ArrayList<>(unreadable);
        all.addAll(problems.all());
        if (!all.isEmpty()) {
            throw new InputException(all);
        }
        return nodes;
    }

    private static void document(YamlNode root, Problems problems, List<SimNode> out) {
        if (!root.isMapping()) {
            root.expected("a mapping with pools: or a Kubernetes Node (apiVersion: v1, kind: Node)");
            return;
        }
        if (root.get("pools").present()) {
            root.onlyKeys(List.of("pools"));
            for (YamlNode pool : root.get("pools").items()) {
                pool(pool, problems, out);
            }
            return;
        }
        String kind = root.get("kind").text();
        String apiVersion = root.get("apiVersion").text();
        if (!"v1".equals(apiVersion) || !(kind != null && Set.of("Node", "List", "NodeList").contains(kind))) {
            problems.add(null, "expected a mapping with pools: or a Kubernetes Node (apiVersion: v1, kind: Node, or a v1 List"
                    + " of Nodes); found " + (kind == null ? "no kind" : "kind " + kind)
                    + (apiVersion == null ? "" : " in apiVersion " + apiVersion));
            return;
        }
        if (kind.equals("Node")) {
            node(root, problems, out);
        } else {
            for (YamlNode item : root.get("items").items()) {
                if (!"Node".equals(item.get("kind").text())) {
                    item.get("kind").error("expected kind Node in a list of nodes, found " + item.get("kind").describe());
                } else {
                    node(item, problems, out);
                }
            }
        }
        problems.object(null);
    }

    private static void pool(YamlNode pool, Problems problems, List<SimNode> out) {
        int before = problems.size();
        String name = pool.get("name").requiredText("the pool's name, which prefixes its nodes' names");
        problems.object(name == null ? null : "pool " + name);
        pool.onlyKeys(POOL_FIELDS);
        if (name != null && !Values.isDnsSubdomain(name + "-0")) {
            pool.get("name").error("invalid pool name " + Values.quote(name)
                    + ": expected lowercase letters, digits, '-' and '.', as it names the nodes <name>-<i>");
        }
        YamlNode countField = pool.get("count");
        if (!countField.present()) {
            countField.error("required: expected the number of nodes, such as 4");
        }
        Long count = countField.wholeNumber(0);
        Long cpu = requiredQuantity(pool.get("cpu"), "the cpus of each node, such as \"64\"");
        Long memory = requiredQuantity(pool.get("memory"), "the memory of each node, such as 256Gi");
        Long gpus = pool.get("gpus").wholeNumber(0);
        if (gpus != null && gpus > Integer.MAX_VALUE) {
            pool.get("gpus").error("expected at most " + Integer.MAX_VALUE + " GPUs, found " + gpus);
        }
        String model = pool.get("gpuModel").scalarText();
        if (gpus != null && gpus > 0 && model == null) {
            pool.get("gpuModel").error("required with gpus: expected the GPU model, such as A100");
        } else if ((gpus == null || gpus == 0) && model != null && pool.get("gpus").present()) {
            pool.get("gpuModel").error("a GPU model on nodes without GPUs; expected gpus > 0 or no gpuModel");
        }
        Map<String, String> labels = pool.get("labels").stringMap();
        String labelled = labels.get(SimNode.GPU_MODEL_LABEL);
        if (labelled != null && model != null && !labelled.equals(model)) {
            pool.get("labels").error("label " + SimNode.GPU_MODEL_LABEL + "=" + labelled + " contradicts gpuModel " + model);
        }
        if (labelled != null && (gpus == null || gpus == 0)) {
            model = null; // a label without GPUs: kept as a label, no GPUs
        }
        if (gpus != null && gpus > 0 && model == null && labelled != null) {
            model = labelled;
        }
        List<Taint> taints = taints(pool.get("taints"));
        if (problems.size() > before || count == null) {
            return;
        }
        long bytes = bytes(memory);
        int g = gpus == null ? 0 : gpus.intValue();
        for (long i = 0; i < count; i++) {
            String nodeName = name + "-" + i;
            Map<String, String> nodeLabels = new LinkedHashMap<>(labels);
            nodeLabels.put(AlibabaTrace.HOSTNAME_LABEL, nodeName);
            if (g > 0) {
                nodeLabels.put(SimNode.GPU_MODEL_LABEL, model);
            }
            out.add(new SimNode(nodeName, nodeLabels, taints, cpu, bytes, g, g > 0 ? model : null));
        }
    }

    private static void node(YamlNode obj, Problems problems, List<SimNode> out) {
        int before = problems.size();
        YamlNode meta = obj.get("metadata");
        String name = meta.get("name").requiredText("the node's name");
        problems.object(name == null ? "Node" : "Node/" + name);
        if (name != null && !Values.isDnsSubdomain(name)) {
            meta.get("name").error("invalid name " + Values.quote(name) + ": expected a DNS-1123 subdomain");
        }
        Map<String, String> labels = new LinkedHashMap<>(meta.get("labels").stringMap());
        YamlNode spec = obj.get("spec");
        List<Taint> taints = new ArrayList<>(taints(spec.get("taints")));
        if (Boolean.TRUE.equals(spec.get("unschedulable").bool())) {
            taints.add(new Taint(UNSCHEDULABLE_TAINT, null, "NoSchedule"));
        }
        YamlNode status = obj.get("status");
        YamlNode resources = status.get("allocatable");
        if (!resources.present()) {
            resources = status.get("capacity");
        }
        if (!resources.present()) {
            status.get("allocatable").error("required: expected the node's allocatable cpu and memory (status.allocatable"
                    + " or status.capacity), found nothing");
            return;
        }
        Long cpu = requiredQuantity(resources.get("cpu"), "the node's cpus, such as \"64\"");
        Long memory = requiredQuantity(resources.get("memory"), "the node's memory, such as 256Gi");
        YamlNode gpuField = resources.get("nvidia.com/gpu");
        Long gpuMilli = gpuField.nonNegativeQuantity();
        int gpus = 0;
        if (gpuMilli != null) {
            if (gpuMilli % 1000 != 0 || gpuMilli / 1000 > Integer.MAX_VALUE) {
                gpuField.error("expected a whole number of GPUs, found " + gpuField.describe());
            } else {
                gpus = (int) (gpuMilli / 1000);
            }
        }
        String model = labels.get(SimNode.GPU_MODEL_LABEL);
        if (gpus > 0 && model == null) {
            meta.get("labels").error("required on a node with GPUs: expected the label " + SimNode.GPU_MODEL_LABEL
                    + " naming the GPU model (as GPU feature discovery sets it)");
        }
        if (problems.size() > before) {
            return;
        }
        labels.putIfAbsent(AlibabaTrace.HOSTNAME_LABEL, name);
        out.add(new SimNode(name, labels, taints, cpu, bytes(memory), gpus, gpus > 0 ? model : null));
    }

    private static List<Taint> taints(YamlNode list) {
        List<Taint> out = new ArrayList<>();
        for (YamlNode t : list.items()) {
            t.onlyKeys(List.of("key", "value", "effect", "timeAdded"));
            String key = t.get("key").requiredText("a taint key");
            String value = t.get("value").scalarText();
            String effect = t.get("effect").requiredText("NoSchedule, PreferNoSchedule or NoExecute");
            if (effect != null && !EFFECTS.contains(effect)) {
                t.get("effect").error("unknown value " + Values.quote(effect)
                        + "; expected one of NoSchedule, PreferNoSchedule, NoExecute");
                effect = null;
            }
            if (key != null && effect != null) {
                out.add(new Taint(key, value, effect));
            }
        }
        return out;
    }

    private static Long requiredQuantity(YamlNode f, String what) {
        if (!f.present()) {
            f.error("required: expected " + what + ", found nothing");
            return null;
        }
        return f.nonNegativeQuantity();
    }

    /** Memory milli-units as bytes, a fraction of a byte rounded up. */
    private static long bytes(long milli) {
        return milli / 1000 + (milli % 1000 == 0 ? 0 : 1);
    }
}
