package io.berth.api.io;

import io.berth.api.KubeObject;
import io.berth.api.core.Namespace;
import io.berth.api.core.ObjectMeta;
import io.berth.api.core.RuntimeClass;
import io.berth.api.resource.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which apiVersion/kind pairs Berth reads, object references for messages, and metadata. */
final class KindReader {
    static final String LIST = "List";
    static final String CONFIGURATION = "Configuration";
    private static final List<String> KUEUE_KINDS =
            List.of("ResourceFlavor", "ClusterQueue", "LocalQueue", "Cohort", "WorkloadPriorityClass", "Workload");
    private static final List<String> DRA_KINDS =
            List.of("DeviceClass", "ResourceSlice", "ResourceClaim", "ResourceClaimTemplate");
    /** Supported kinds per apiVersion, in the order error messages list them. */
    static final Map<String, List<String>> SUPPORTED = new LinkedHashMap<>();
    private static final Set<String> NAMESPACED =
            Set.of("LocalQueue", "Workload", "ResourceClaim", "ResourceClaimTemplate", "LimitRange");

    static {
        SUPPORTED.put("kueue.x-k8s.io/v1beta1", KUEUE_KINDS);
        SUPPORTED.put("kueue.x-k8s.io/v1beta2", KUEUE_KINDS);
        SUPPORTED.put("kueue.x-k8s.io/v1alpha1", List.of("Cohort"));
        SUPPORTED.put("v1", List.of("Namespace", "Node", "LimitRange", LIST));
        SUPPORTED.put("resource.k8s.io/v1", DRA_KINDS);
        SUPPORTED.put("resource.k8s.io/v1beta2", DRA_KINDS); // the same shape as v1
        SUPPORTED.put("scheduling.k8s.io/v1", List.of("PriorityClass"));
        SUPPORTED.put("node.k8s.io/v1", List.of("RuntimeClass"));
        SUPPORTED.put("config.kueue.x-k8s.io/v1beta1", List.of(CONFIGURATION));
        SUPPORTED.put("config.kueue.x-k8s.io/v1beta2", List.of(CONFIGURATION));
    }

    private KindReader() {
    }

    static boolean namespaced(String kind) {
        return NAMESPACED.contains(kind);
    }

    /** "Kind/name" or "Kind/namespace/name" as KubeObject.ref() will give; "document" without a usable name. */
    static String ref(String kind, YamlNode obj) {
        YamlNode meta = obj.get("metadata");
        if (kind == null || !meta.isMapping() || !meta.get("name").present() || !meta.get("name").raw().isTextual()) {
            return "document";
        }
        String name = meta.get("name").raw().textValue();
        if (!namespaced(kind)) {
            return kind + "/" + name;
        }
        YamlNode ns = meta.get("namespace");
        String namespace = ns.present() && ns.raw().isTextual() ? ns.raw().textValue() : "default";
        return kind + "/" + namespace + "/" + name;
    }

    /** Reports an unsupported apiVersion/kind pair on the field that is most likely wrong. */
    static boolean checkSupported(String apiVersion, String kind, YamlNode obj) {
        List<String> kinds = SUPPORTED.get(apiVersion);
        if (kinds != null && kinds.contains(kind)) {
            return true;
        }
        List<String> versionsOfKind = new ArrayList<>();
        SUPPORTED.forEach((v, ks) -> {
            if (ks.contains(kind)) {
                versionsOfKind.add(v);
            }
        });
        String prefix = "unsupported kind " + kind + " in apiVersion " + apiVersion + "; expected one of ";
        if (!versionsOfKind.isEmpty()) {
            obj.get("apiVersion").error(prefix + String.join(", ", versionsOfKind));
        } else if (kinds != null) {
            obj.get("kind").error(prefix + String.join(", ", kinds));
        } else {
            List<String> all = new ArrayList<>();
            SUPPORTED.forEach((v, ks) -> all.add(v + " " + String.join("|", ks)));
            obj.get("kind").error(prefix + String.join("; ", all));
        }
        return false;
    }

    /** Reads a supported object other than List and Configuration. */
    static KubeObject read(String kind, YamlNode obj) {
        ObjectMeta meta = metadata(kind, obj.get("metadata"));
        YamlNode spec = obj.get("spec");
        return switch (kind) {
            case "ResourceFlavor" -> QueueReader.resourceFlavor(meta, spec);
            case "ClusterQueue" -> QueueReader.clusterQueue(meta, spec);
            case "Cohort" -> QueueReader.cohort(meta, spec);
            case "LocalQueue" -> QueueReader.localQueue(meta, spec, obj.get("status"));
            case "Workload" -> WorkloadReader.workload(meta, obj);
            case "WorkloadPriorityClass" -> WorkloadReader.workloadPriorityClass(meta, obj);
            case "PriorityClass" -> WorkloadReader.priorityClass(meta, obj);
            case "Namespace" -> new Namespace(meta);
            case "Node" -> new Node(meta);
            case "LimitRange" -> LimitRangeReader.limitRange(meta, spec);
            case "RuntimeClass" -> new RuntimeClass(meta, obj.get("overhead").get("podFixed").quantityMap());
            case "DeviceClass" -> ClaimReader.deviceClass(meta, spec);
            case "ResourceSlice" -> SliceReader.slice(meta, spec);
            case "ResourceClaim" -> ClaimReader.claim(meta, obj);
            case "ResourceClaimTemplate" -> ClaimReader.template(meta, spec);
            default -> throw new IllegalStateException("kind checked as supported but not mapped: " + kind);
        };
    }

    private static ObjectMeta metadata(String kind, YamlNode meta) {
        YamlNode nameNode = meta.get("name");
        String name = nameNode.text();
        if (!nameNode.present()) {
            nameNode.required("the object's name");
        } else if (name != null) {
            // Namespace names are DNS-1123 labels; every other kind here takes a DNS-1123 subdomain.
            boolean label = kind.equals("Namespace");
            if (label ? !YamlNode.isDnsLabel(name) : !YamlNode.isDnsSubdomain(name)) {
                nameNode.error("invalid name " + YamlNode.quote(name) + ": expected a DNS-1123 "
                        + (label ? "label (lowercase letters, digits and '-', at most 63 characters)"
                        : "subdomain (lowercase letters, digits, '-' and '.', at most 253 characters)"));
            }
        }
        String namespace = null;
        if (namespaced(kind)) {
            YamlNode nsNode = meta.get("namespace");
            namespace = nsNode.text("default");
            if (!YamlNode.isDnsLabel(namespace)) {
                nsNode.error("invalid namespace " + YamlNode.quote(namespace)
                        + ": " + YamlNode.DNS_LABEL_EXPECTED);
            }
        }
        return new ObjectMeta(name, namespace, meta.get("labels").stringMap(), meta.get("annotations").stringMap(),
                meta.get("creationTimestamp").time(), meta.get("uid").text(), meta.get("deletionTimestamp").time());
    }
}
