package io.berth.sim.input;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.core.NodeSelectorRequirement;
import io.berth.api.core.NodeSelectorTerm;
import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import io.berth.api.io.ManifestReader;
import io.berth.api.io.Manifests;
import io.berth.api.io.Source;
import io.berth.api.io.Validator;
import io.berth.api.kueue.PodSet;
import io.berth.api.kueue.PriorityClass;
import io.berth.api.kueue.PriorityClassRef;
import io.berth.api.kueue.Workload;
import io.berth.api.kueue.WorkloadPriorityClass;
import io.berth.core.workload.PodAdjustments;
import io.berth.core.workload.WorkloadCompiler;
import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimWorkload;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Kueue Workload manifests as simulation workloads. The files are read with {@link ManifestReader}
 * and checked with {@link Validator}; each Workload carries annotations:
 * <ul>
 * <li>{@value #DURATION} (required): how long it runs once admitted, a duration ("90s", "1h30m")
 * or plain seconds;</li>
 * <li>{@value #SUBMIT_TIME} (optional): when it is submitted, an RFC 3339 time (virtual time is epoch
 * milliseconds) or an offset from virtual time 0 (a duration or plain seconds); default
 * {@code metadata.creationTimestamp}, else time 0;</li>
 * <li>{@value #CLASS} (optional): its class in the metrics, default {@code default}.</li>
 * </ul>
 * Pod sets keep name, count, minCount, the per-pod requests of the template (GPUs from
 * {@code nvidia.com/gpu}), nodeSelector and tolerations; the GPU models come from a nodeSelector or a
 * required node affinity {@code In} on {@link SimNode#GPU_MODEL_LABEL}. Priority is {@code spec.priority},
 * else the named (Workload)PriorityClass's value, else the globalDefault PriorityClass's, else 0.
 * The other objects of the files (queues, flavors, namespaces, priority classes) and the
 * Configuration come back as well. Inactive Workloads ({@code spec.active: false}) are left out with a
 * warning; node affinity other than the GPU model, and {@code status.admission}, are ignored with a
 * warning (every workload starts pending at its submit time).
 */
public final class WorkloadManifests {
    public static final String DURATION = "berth.io/duration";
    public static final String SUBMIT_TIME = "berth.io/submit-time";
    public static final String CLASS = "berth.io/class";
    public static final String DEFAULT_CLASS = "default";

    /** The workloads in submission order, every other object in file order, the Configuration, and warnings. */
    public record Result(List<SimWorkload> workloads, List<KubeObject> queueObjects, Configuration configuration,
                         List<InputError> warnings) {
        public Result {
            workloads = List.copyOf(workloads);
            queueObjects = List.copyOf(queueObjects);
            warnings = List.copyOf(warnings);
        }
    }

    private WorkloadManifests() {
    }

    /** Reads and validates the files. @throws InputException listing every problem */
    public static Result read(List<Path> files) {
        Manifests manifests = new ManifestReader().read(files);
        new Validator().validate(manifests);
        return of(manifests);
    }

    /** Converts manifests already read (and validated). @throws InputException listing every problem */
    public static Result of(Manifests manifests) {
        List<InputError> errors = new ArrayList<>();
        List<InputError> warnings = new ArrayList<>();
        List<SimWorkload> workloads = new ArrayList<>();
        List<KubeObject> others = new ArrayList<>();
        PodAdjustments adjustments = PodAdjustments.of(manifests.objects());
        for (int i = 0; i < manifests.objects().size(); i++) {
            KubeObject o = manifests.objects().get(i);
            if (!(o instanceof Workload w)) {
                others.add(o);
                continue;
            }
            Source s = i < manifests.sources().size() ? manifests.sources().get(i) : null;
            Located at = new Located(s == null ? null : s.file(), s == null ? 0 : s.document(), w.ref(), errors, warnings);
            if (!w.active()) {
                at.warn("spec.active", "inactive (spec.active: false): left out of the simulation");
                continue;
            }
            // RuntimeClass overhead and LimitRange defaults are in the requests placed on nodes, as in those charged.
            Workload adjusted = adjustments.adjust(w);
            try {
                WorkloadCompiler.checkResources(adjusted, adjustments.limitRanges(w.metadata().namespace()));
            } catch (WorkloadCompiler.Misconfigured e) {
                at.warn("spec.podSets", "left out of the simulation, it would never be admitted: " + e.getMessage());
                continue;
            }
            SimWorkload sw = workload(adjusted, manifests, at);
            if (sw != null) {
                workloads.add(sw);
            }
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        workloads.sort(Comparator.comparingLong(SimWorkload::submitMillis)); // stable: file order among ties
        return new Result(workloads, others, manifests.configuration(), warnings);
    }

    private record Located(String file, int document, String object, List<InputError> errors,
                           List<InputError> warnings) {
        void error(String field, String message) {
            errors.add(new InputError(file, document, object, field, message));
        }

        void warn(String field, String message) {
            warnings.add(new InputError(file, document, object, field, message));
        }
    }

    private static SimWorkload workload(Workload w, Manifests manifests, Located at) {
        int before = at.errors().size();
        String durationText = w.metadata().annotations().get(DURATION);
        Long duration = null;
        if (durationText == null) {
            at.error("metadata.annotations[" + DURATION + "]", "required: expected how long the workload runs once"
                    + " admitted, a duration such as 90s or 1h30m, found nothing");
        } else {
            duration = offset(durationText, "metadata.annotations[" + DURATION + "]", at);
        }
        long submit = submit(w, at);
        if (w.queueName() == null || w.queueName().isEmpty()) {
            at.error("spec.queueName", "required: expected the LocalQueue the workload is submitted to, found nothing");
        }
        Integer priority = priority(w, manifests, at);
        List<SimPodSet> podSets = new ArrayList<>();
        for (int i = 0; i < w.podSets().size(); i++) {
            podSets.add(podSet(w.podSets().get(i), "spec.podSets[" + i + "]", at));
        }
        if (w.admission() != null) {
            at.warn("status.admission", "ignored: the workload starts pending at its submit time");
        }
        if (at.errors().size() > before) {
            return null;
        }
        String workloadClass = w.metadata().annotations().getOrDefault(CLASS, DEFAULT_CLASS);
        return new SimWorkload(w.metadata().namespace(), w.metadata().name(), w.queueName(), priority, workloadClass,
                submit, duration, podSets);
    }

    private static long submit(Workload w, Located at) {
        String field = "metadata.annotations[" + SUBMIT_TIME + "]";
        String text = w.metadata().annotations().get(SUBMIT_TIME);
        if (text == null) {
            return w.metadata().creationTimestamp() == null ? 0 : w.metadata().creationTimestamp().toEpochMilli();
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Values.offsetMillis(text);
            } catch (IllegalArgumentException e2) {
                at.error(field, "invalid submit time " + Values.quote(text) + ": expected an RFC 3339 time such as "
                        + "2026-01-01T00:00:00Z, or an offset from time 0 such as 90s, 1h or 90");
                return 0;
            }
        }
    }

    private static Long offset(String text, String field, Located at) {
        try {
            return Values.offsetMillis(text);
        } catch (IllegalArgumentException e) {
            at.error(field, e.getMessage());
            return null;
        }
    }

    private static Integer priority(Workload w, Manifests manifests, Located at) {
        if (w.priority() != null) {
            return w.priority();
        }
        PriorityClassRef ref = w.priorityClass();
        if (ref == null) {
            return manifests.ofType(PriorityClass.class).stream().filter(PriorityClass::globalDefault)
                    .mapToInt(PriorityClass::value).findFirst().orElse(0);
        }
        if (ref.isWorkloadPriorityClass()) {
            for (WorkloadPriorityClass c : manifests.ofType(WorkloadPriorityClass.class)) {
                if (c.metadata().name().equals(ref.name())) {
                    return c.value();
                }
            }
            at.error("spec.priorityClassName", "WorkloadPriorityClass " + ref.name()
                    + " is not in the input; expected it among the files, or spec.priority");
            return null;
        }
        for (PriorityClass c : manifests.ofType(PriorityClass.class)) {
            if (c.metadata().name().equals(ref.name())) {
                return c.value();
            }
        }
        at.error("spec.priorityClassName", "PriorityClass " + ref.name()
                + " is not in the input; expected it among the files, or spec.priority");
        return null;
    }

    private static SimPodSet podSet(PodSet ps, String path, Located at) {
        Long gpu = ps.template().requests().get(SimPodSet.GPU);
        if (gpu != null && gpu > 1000 && gpu % 1000 != 0) {
            at.error(path + ".template.spec", "nvidia.com/gpu per pod: expected a share of one GPU (less than 1) or whole"
                    + " GPUs, found " + io.berth.api.Quantity.format(gpu, SimPodSet.GPU));
        }
        List<String> models = new ArrayList<>();
        String selected = ps.template().nodeSelector().get(SimNode.GPU_MODEL_LABEL);
        if (selected != null) {
            models.add(selected);
        }
        List<NodeSelectorTerm> terms = ps.template().requiredNodeAffinity();
        boolean ignored = terms.size() > 1;
        if (terms.size() == 1) {
            for (NodeSelectorRequirement r : terms.get(0).matchExpressions()) {
                if (r.key().equals(SimNode.GPU_MODEL_LABEL) && r.operator().equals("In")) {
                    if (models.isEmpty()) {
                        models.addAll(r.values());
                    } else {
                        models.retainAll(r.values());
                    }
                } else {
                    ignored = true;
                }
            }
        }
        if (ignored) {
            at.warn(path + ".template.spec.affinity", "required node affinity other than " + SimNode.GPU_MODEL_LABEL
                    + " In [...] is ignored by the simulator");
        }
        return new SimPodSet(ps.name(), ps.count(), ps.minCount(), ps.template().requests(), models,
                ps.template().nodeSelector(), ps.template().tolerations());
    }
}
