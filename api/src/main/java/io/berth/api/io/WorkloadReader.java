package io.berth.api.io;

import static io.berth.api.io.SchedulingReader.requiredText;

import io.berth.api.core.ObjectMeta;
import io.berth.api.core.PodTemplate;
import io.berth.api.kueue.Admission;
import io.berth.api.kueue.Condition;
import io.berth.api.kueue.PodSet;
import io.berth.api.kueue.PodSetAssignment;
import io.berth.api.kueue.PriorityClass;
import io.berth.api.kueue.PriorityClassRef;
import io.berth.api.kueue.Workload;
import io.berth.api.kueue.WorkloadPriorityClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads Workloads (v1beta1 and v1beta2 spellings) and the two priority class kinds. */
final class WorkloadReader {
    // v1beta1's priorityClassSource; an empty source means a core PriorityClass.
    private static final Map<String, String> SOURCES = new LinkedHashMap<>();
    private static final Map<String, String> CONDITION_STATUSES = SchedulingReader.names("True", "False", "Unknown");
    /** metav1.Condition's reason: a CamelCase word, optionally with digits, '_', ',' and ':'. */
    private static final Pattern CONDITION_REASON = Pattern.compile("[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?");
    // v1beta2's priorityClassRef.kind, mapped to its API group.
    private static final Map<String, String> REF_KINDS = new LinkedHashMap<>();
    private static final Map<String, String> GROUPS = SchedulingReader.names(
            PriorityClassRef.KUEUE_GROUP, PriorityClassRef.SCHEDULING_GROUP);

    static {
        SOURCES.put("kueue.x-k8s.io/workloadpriorityclass", PriorityClassRef.KUEUE_GROUP);
        SOURCES.put("scheduling.k8s.io/priorityclass", PriorityClassRef.SCHEDULING_GROUP);
        SOURCES.put("", PriorityClassRef.SCHEDULING_GROUP);
        REF_KINDS.put("WorkloadPriorityClass", PriorityClassRef.KUEUE_GROUP);
        REF_KINDS.put("PriorityClass", PriorityClassRef.SCHEDULING_GROUP);
    }

    private WorkloadReader() {
    }

    static Workload workload(ObjectMeta meta, YamlNode obj) {
        YamlNode spec = obj.get("spec");
        List<PodSet> podSets = new ArrayList<>();
        for (YamlNode ps : spec.get("podSets").items()) {
            podSets.add(podSet(ps));
        }
        YamlNode status = obj.get("status");
        List<Condition> conditions = new ArrayList<>();
        for (YamlNode c : status.get("conditions").items()) {
            conditions.add(condition(c));
        }
        Admission admission = admission(status.get("admission"));
        if (admission == null && conditions.stream().anyMatch(c -> c.type().equals(Workload.QUOTA_RESERVED) && c.isTrue())) {
            status.get("admission").required("the admission that the True " + Workload.QUOTA_RESERVED
                    + " condition says was made");
        }
        Map<String, Integer> reclaimable = new LinkedHashMap<>();
        for (YamlNode r : status.get("reclaimablePods").items()) {
            reclaimable.put(requiredText(r.get("name"), "the pod set's name"), r.get("count").integer(0));
        }
        return new Workload(meta, spec.get("queueName").nameRef(), priorityClass(spec), spec.get("priority").integer(),
                spec.get("active").bool(true), podSets, admission, conditions, reclaimable,
                requeueState(status.get("requeueState")), spec.get("maximumExecutionTimeSeconds").integer(),
                status.get("accumulatedPastExecutionTimeSeconds").integer());
    }

    /**
     * A metav1.Condition: its type and status are required; the reason, message and time, which
     * Kueue's controllers always fill in, may be left out of a manifest, but a reason must be a
     * CamelCase word.
     */
    private static Condition condition(YamlNode c) {
        YamlNode status = c.get("status");
        if (!status.present()) {
            status.required("one of " + String.join(", ", CONDITION_STATUSES.keySet()));
        }
        String reason = c.get("reason").text();
        if (reason != null && !CONDITION_REASON.matcher(reason).matches()) {
            c.get("reason").error("invalid reason " + YamlNode.quote(reason) + ": expected a CamelCase word such as "
                    + "QuotaReserved (letters first, then letters, digits, '_', ',' or ':')");
        }
        return new Condition(requiredText(c.get("type"), "a condition type"), status.oneOf(CONDITION_STATUSES, null),
                reason, c.get("message").text(), c.get("lastTransitionTime").time());
    }

    private static Workload.RequeueState requeueState(YamlNode state) {
        return state.present() ? new Workload.RequeueState(nonNegative(state.get("count"), 0), state.get("requeueAt").time())
                : null;
    }

    private static Integer nonNegative(YamlNode node, Integer orElse) {
        Integer n = node.integer();
        if (n != null && n < 0) {
            node.error("must be greater than or equal to 0; found " + n);
        }
        return n == null ? orElse : n;
    }

    private static PodSet podSet(YamlNode ps) {
        YamlNode template = ps.get("template");
        PodTemplate podTemplate;
        if (!template.present()) {
            template.required("a pod template");
            podTemplate = PodTemplate.ofRequests(Map.of());
        } else {
            templateMetadata(template.get("metadata"));
            podTemplate = PodTemplateReader.read(template.get("spec"));
        }
        // count defaults to 1, as in Kueue's schema.
        return new PodSet(ps.get("name").text("main"), ps.get("count").integer(1), ps.get("minCount").integer(), podTemplate);
    }

    /** The template's labels and annotations, as Kubernetes checks them (Kueue's WorkloadValidationForPodSetMetadata). */
    private static void templateMetadata(YamlNode metadata) {
        YamlNode labels = metadata.get("labels");
        labels.entries().forEach((key, value) -> {
            if (!YamlNode.isQualifiedName(key)) {
                labels.error("invalid label key " + YamlNode.quote(key) + ": " + YamlNode.QUALIFIED_NAME);
            }
            String text = value.scalarText();
            if (text != null && !YamlNode.isLabelValue(text)) {
                value.error("invalid label value " + YamlNode.quote(text) + ": " + YamlNode.LABEL_VALUE);
            }
        });
        YamlNode annotations = metadata.get("annotations");
        annotations.entries().forEach((key, value) -> {
            if (!YamlNode.isQualifiedName(key.toLowerCase(Locale.ROOT))) {
                annotations.error("invalid annotation key " + YamlNode.quote(key) + ": " + YamlNode.QUALIFIED_NAME);
            }
        });
    }

    private static Admission admission(YamlNode node) {
        if (!node.present()) {
            return null;
        }
        List<PodSetAssignment> assignments = new ArrayList<>();
        for (YamlNode a : node.get("podSetAssignments").items()) {
            assignments.add(new PodSetAssignment(a.get("name").text("main"), a.get("flavors").stringMap(),
                    a.get("resourceUsage").quantityMap(), nonNegative(a.get("count"), null)));
        }
        YamlNode cq = node.get("clusterQueue");
        if (!cq.present()) {
            cq.required("the name of the ClusterQueue holding the quota");
        }
        return new Admission(cq.nameRef(), assignments);
    }

    /** v1beta2 priorityClassRef {group, kind, name} or v1beta1 priorityClassName + priorityClassSource. */
    private static PriorityClassRef priorityClass(YamlNode spec) {
        PriorityClassRef fromRef = priorityClassRef(spec.get("priorityClassRef"));
        PriorityClassRef fromName = null;
        String name = spec.get("priorityClassName").text();
        if (name != null && !name.isEmpty()) {
            fromName = new PriorityClassRef(
                    spec.get("priorityClassSource").oneOf(SOURCES, PriorityClassRef.SCHEDULING_GROUP), name);
        }
        if (fromRef != null && fromName != null && !fromRef.equals(fromName)) {
            spec.get("priorityClassRef").error("conflicts with spec.priorityClassName/priorityClassSource; set only one");
        }
        return fromRef != null ? fromRef : fromName;
    }

    private static PriorityClassRef priorityClassRef(YamlNode ref) {
        if (!ref.present()) {
            return null;
        }
        String name = requiredText(ref.get("name"), "the name of a priority class");
        if (name != null) {
            name = ref.get("name").nameRef();
        }
        String groupOfKind = ref.get("kind").oneOf(REF_KINDS, null);
        String group = ref.get("group").oneOf(GROUPS, null);
        if (group == null && groupOfKind == null) {
            if (!ref.get("kind").present() && !ref.get("group").present()) {
                ref.get("kind").required("WorkloadPriorityClass or PriorityClass");
            }
            return null;
        }
        if (group != null && groupOfKind != null && !group.equals(groupOfKind)) {
            ref.get("kind").error("kind " + YamlNode.quote(ref.get("kind").text()) + " does not belong to group "
                    + YamlNode.quote(group));
        }
        return name == null ? null : new PriorityClassRef(group != null ? group : groupOfKind, name);
    }

    static WorkloadPriorityClass workloadPriorityClass(ObjectMeta meta, YamlNode obj) {
        return new WorkloadPriorityClass(meta, requiredInt(obj.get("value")), obj.get("description").text());
    }

    static PriorityClass priorityClass(ObjectMeta meta, YamlNode obj) {
        return new PriorityClass(meta, requiredInt(obj.get("value")), obj.get("globalDefault").bool(false));
    }

    private static int requiredInt(YamlNode node) {
        if (!node.present()) {
            node.required("an integer");
            return 0;
        }
        return node.integer(0);
    }
}
