package io.berth.operator.job;

import io.berth.operator.kube.KueueApi;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Kueue's job integration derives from a batch/v1 Job: whether it is queued, its Workload's
 * name (Kueue's "job-NAME-HASH"), the Workload itself (one pod set from the template, owned by the
 * Job, with the Job's admission gates), and whether the Job has finished.
 */
public final class JobWorkloads {
    public static final String POD_SET = "main";
    private static final int HASH_LENGTH = 5;
    private static final int MAX_NAME = 253;

    private final KubernetesSerialization serialization;

    public JobWorkloads(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /** The LocalQueue a Job is submitted to, or null when Berth does not manage it. */
    public static String queueName(Job job) {
        Map<String, String> labels = job.getMetadata().getLabels();
        String q = labels == null ? null : labels.get(KueueApi.QUEUE_NAME_LABEL);
        return q == null || q.isEmpty() ? null : q;
    }

    /** Kueue's name: "job-" + the Job's name, a dash and 5 hex digits of a SHA-1 of kind, group, name and uid. */
    public static String workloadName(Job job) {
        String name = job.getMetadata().getName();
        String uid = job.getMetadata().getUid() == null ? "" : job.getMetadata().getUid();
        String prefix = "job-" + name;
        prefix = prefix.substring(0, Math.min(prefix.length(), MAX_NAME - 1 - HASH_LENGTH));
        return prefix + "-" + sha1Hex("Job\nbatch\n" + name + "\n" + uid).substring(0, HASH_LENGTH);
    }

    private static String sha1Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    /** The Job's pod count as Kueue counts it: parallelism (default 1), capped by completions. */
    public static int podCount(Job job) {
        Integer parallelism = job.getSpec().getParallelism();
        int count = parallelism == null ? 1 : parallelism;
        Integer completions = job.getSpec().getCompletions();
        return completions != null && completions < count ? completions : count;
    }

    /** kueue.x-k8s.io/job-min-parallelism, or null when partial admission is not asked for. */
    public static Integer minCount(Job job) {
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        String v = annotations == null ? null : annotations.get(KueueApi.MIN_PARALLELISM_ANNOTATION);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("annotation " + KueueApi.MIN_PARALLELISM_ANNOTATION + ": invalid value \""
                    + v + "\": expected an integer");
        }
    }

    /** The Job's kueue.x-k8s.io/admission-gated-by annotation, which its Workload carries; null when it has none. */
    public static String admissionGates(Job job) {
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        String gates = annotations == null ? null : annotations.get(KueueApi.ADMISSION_GATED_BY_ANNOTATION);
        return gates == null || gates.isEmpty() ? null : gates;
    }

    /** The finished condition (Complete or Failed with status True), if any. */
    public static Optional<JobCondition> finished(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
                .findFirst();
    }

    /** The Workload Kueue would create for this Job: owned by it, one pod set "main" from the template. */
    public GenericKubernetesResource workloadFor(Job job) {
        Map<String, Object> podSet = new LinkedHashMap<>();
        podSet.put("name", POD_SET);
        podSet.put("count", podCount(job));
        Integer min = minCount(job);
        if (min != null) {
            podSet.put("minCount", min);
        }
        podSet.put("template", serialization.convertValue(job.getSpec().getTemplate(), Map.class));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("queueName", queueName(job));
        String priorityClass = job.getMetadata().getLabels().get(KueueApi.PRIORITY_CLASS_LABEL);
        if (priorityClass != null && !priorityClass.isEmpty()) {
            Map<String, Object> ref = new LinkedHashMap<>(); // key order as Kueue writes it
            ref.put("group", KueueApi.GROUP);
            ref.put("kind", "WorkloadPriorityClass");
            ref.put("name", priorityClass);
            spec.put("priorityClassRef", ref);
        }
        spec.put("podSets", List.of(podSet));
        Map<String, String> labels = new LinkedHashMap<>();
        if (job.getMetadata().getUid() != null) {
            labels.put(KueueApi.JOB_UID_LABEL, job.getMetadata().getUid());
        }
        String gates = admissionGates(job);
        Map<String, String> annotations = gates == null ? Map.of() : Map.of(KueueApi.ADMISSION_GATED_BY_ANNOTATION, gates);
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(KueueApi.API_VERSION).withKind("Workload")
                .withNewMetadata()
                .withName(workloadName(job)).withNamespace(job.getMetadata().getNamespace()).withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                        .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    /** The name of the Job owning a Workload, or null. */
    public static String ownerJob(GenericKubernetesResource workload) {
        if (workload.getMetadata().getOwnerReferences() == null) {
            return null;
        }
        return workload.getMetadata().getOwnerReferences().stream()
                .filter(o -> "Job".equals(o.getKind()) && o.getApiVersion() != null && o.getApiVersion().startsWith("batch/"))
                .map(o -> o.getName()).findFirst().orElse(null);
    }
}
