package io.berth.operator;

import io.berth.api.kueue.Admission;
import io.berth.api.kueue.PodSetAssignment;
import io.berth.operator.job.JobStartStop;
import io.berth.operator.job.JobWorkloads;
import io.berth.operator.kube.ClusterCache;
import io.berth.operator.kube.ClusterWriter;
import io.berth.operator.kube.EventRecorder;
import io.berth.operator.kube.KueueApi;
import io.berth.operator.status.Conditions;
import io.berth.operator.status.WorkloadStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Kueue's job integration, level-based so that it is safe to repeat after a restart: a queued Job
 * has a Workload (created when missing), runs exactly while its Workload holds quota (started with
 * the flavors' node labels and tolerations, stopped with its template restored), finishes its
 * Workload when it completes or fails, and takes its Workload with it when deleted.
 */
final class JobSync {
    private static final Logger LOG = LoggerFactory.getLogger(JobSync.class);

    private final ClusterCache cache;
    private final ClusterWriter writer;
    private final EngineFeed feed;
    private final EventRecorder events;
    private final JobWorkloads jobWorkloads;
    private final JobStartStop startStop;
    private final KubernetesSerialization serialization;
    private final Clock clock;

    JobSync(ClusterCache cache, ClusterWriter writer, EngineFeed feed, EventRecorder events,
            KubernetesSerialization serialization, Clock clock) {
        this.cache = cache;
        this.writer = writer;
        this.feed = feed;
        this.events = events;
        this.serialization = serialization;
        this.jobWorkloads = new JobWorkloads(serialization);
        this.startStop = new JobStartStop(serialization);
        this.clock = clock;
    }

    /** Brings one Job and its Workload in line; returns whether the engine's input changed. */
    boolean reconcile(Job job) {
        if (JobWorkloads.queueName(job) == null) {
            return false;
        }
        String ns = job.getMetadata().getNamespace();
        String wlName = JobWorkloads.workloadName(job);
        String key = ns + "/" + wlName;
        GenericKubernetesResource workload = cache.get(KueueApi.WORKLOAD, ns, wlName);
        Optional<JobCondition> done = JobWorkloads.finished(job);
        if (done.isPresent()) {
            return finish(job, workload, key, done.get());
        }
        if (workload == null) {
            create(job);
            return false;
        }
        if (WorkloadStatus.isFinished(ClusterWriter.statusOf(workload))) {
            return false;
        }
        syncAdmissionGates(job, workload);
        Admission admission = feed.admissionOf(key);
        JobStartStop.Original original = original(workload);
        if (admission != null) {
            PodSetAssignment psa = admission.podSetAssignments().stream()
                    .filter(a -> a.name().equals(JobWorkloads.POD_SET)).findFirst().orElse(null);
            if (psa != null) {
                boolean changed = update(job, j -> startStop.start(j, psa, feed.flavors(), original));
                if (changed && !JobStartStop.running(job)) {
                    events.record(job, EventRecorder.NORMAL, "Started",
                            "Admitted by clusterQueue " + admission.clusterQueue());
                }
            }
            podsReady(job, workload, key);
        } else {
            stop(job, original, "Not admitted by cluster queue");
        }
        return false;
    }

    /** The Workload's admission gates follow the Job's, as in Kueue: the controllers clear them on the Job. */
    private void syncAdmissionGates(Job job, GenericKubernetesResource workload) {
        String gates = JobWorkloads.admissionGates(job);
        Map<String, String> annotations = workload.getMetadata().getAnnotations();
        String current = annotations == null ? null : annotations.get(KueueApi.ADMISSION_GATED_BY_ANNOTATION);
        if (Objects.equals(gates, current)) {
            return;
        }
        if (writer.updateAnnotation(KueueApi.WORKLOAD, workload.getMetadata().getNamespace(),
                workload.getMetadata().getName(), KueueApi.ADMISSION_GATED_BY_ANNOTATION, gates) != null) {
            events.record(job, EventRecorder.NORMAL, "UpdatedWorkload",
                    "Updated workload AdmissionGatedBy to \"" + (gates == null ? "" : gates) + "\"");
        }
    }

    /**
     * Kueue's PodsReady condition from the Job's counts (ready + succeeded pods cover the pod
     * count), given to the engine for waitForPodsReady.
     */
    private void podsReady(Job job, GenericKubernetesResource workload, String key) {
        var status = job.getStatus();
        int ready = status == null ? 0 : (status.getReady() == null ? 0 : status.getReady())
                + (status.getSucceeded() == null ? 0 : status.getSucceeded());
        boolean allReady = ready >= JobWorkloads.podCount(job);
        feed.podsReady(key, allReady);
        if (sameReadiness(Conditions.find(ClusterWriter.statusOf(workload), "PodsReady"), allReady)) {
            return;
        }
        writer.updateStatus(KueueApi.WORKLOAD, workload.getMetadata().getNamespace(), workload.getMetadata().getName(),
                s -> setPodsReady(s, allReady, clock.instant()));
    }

    private static boolean sameReadiness(Map<String, Object> condition, boolean ready) {
        return condition != null && (ready ? "True" : "False").equals(condition.get("status"));
    }

    /** Kueue's PodsReady reasons: Started, or Recovered after a failure; WaitForStart, or WaitForRecovery once it ran. */
    static boolean setPodsReady(Map<String, Object> status, boolean ready, Instant now) {
        Map<String, Object> current = Conditions.find(status, "PodsReady");
        if (sameReadiness(current, ready)) {
            return false;
        }
        boolean ranBefore = current != null && ("True".equals(current.get("status"))
                || "WaitForRecovery".equals(current.get("reason")) || "Recovered".equals(current.get("reason")));
        if (ready) {
            boolean recovering = current != null && "WaitForRecovery".equals(current.get("reason"));
            return Conditions.set(status, "PodsReady", true, recovering ? "Recovered" : "Started",
                    "All pods reached readiness and the workload is running", now);
        }
        return ranBefore
                ? Conditions.set(status, "PodsReady", false, "WaitForRecovery", "At least one pod has failed, waiting for recovery", now)
                : Conditions.set(status, "PodsReady", false, "WaitForStart", "Not all pods are ready or succeeded", now);
    }

    /** Suspends the Job (template restored) when its Workload lost its quota. */
    void stopFor(GenericKubernetesResource workload, String why) {
        Job job = ownerJob(workload);
        if (job != null && JobWorkloads.finished(job).isEmpty()) {
            stop(job, original(workload), why);
        }
    }

    /** Starts the Job of a Workload that was just admitted. */
    void startFor(GenericKubernetesResource workload) {
        Job job = ownerJob(workload);
        if (job != null) {
            reconcile(job);
        }
    }

    private Job ownerJob(GenericKubernetesResource workload) {
        String owner = JobWorkloads.ownerJob(workload);
        return owner == null ? null : cache.job(workload.getMetadata().getNamespace(), owner);
    }

    private void stop(Job job, JobStartStop.Original original, String why) {
        boolean changed = update(job, j -> startStop.stop(j, original));
        if (changed && JobStartStop.running(job)) {
            events.record(job, EventRecorder.NORMAL, "Stopped", why);
        }
    }

    private void create(Job job) {
        GenericKubernetesResource workload;
        try {
            workload = jobWorkloads.workloadFor(job);
        } catch (IllegalArgumentException e) {
            LOG.warn("Job {}/{}: {}", job.getMetadata().getNamespace(), job.getMetadata().getName(), e.getMessage());
            events.record(job, EventRecorder.WARNING, "InvalidJob", e.getMessage());
            return;
        }
        if (JobStartStop.running(job)) {
            // Created without the webhook: it must not run before it is admitted.
            update(job, j -> {
                Job copy = serialization.clone(j);
                copy.getSpec().setSuspend(true);
                return copy;
            });
        }
        if (!writer.createWorkload(workload)) {
            return;
        }
        events.record(job, EventRecorder.NORMAL, "CreatedWorkload",
                "Created Workload: " + job.getMetadata().getNamespace() + "/" + workload.getMetadata().getName());
    }

    private boolean finish(Job job, GenericKubernetesResource workload, String key, JobCondition condition) {
        if (workload == null || WorkloadStatus.isFinished(ClusterWriter.statusOf(workload))) {
            return workload != null && feed.markFinished(key);
        }
        boolean succeeded = "Complete".equals(condition.getType());
        String message = condition.getMessage() != null && !condition.getMessage().isEmpty() ? condition.getMessage()
                : succeeded ? "Job finished successfully" : "Job failed";
        writer.updateStatus(KueueApi.WORKLOAD, workload.getMetadata().getNamespace(), workload.getMetadata().getName(),
                status -> WorkloadStatus.finish(status, succeeded, message, clock.instant()));
        events.record(job, EventRecorder.NORMAL, "FinishedWorkload", "Workload '" + key + "' is declared finished");
        return feed.markFinished(key);
    }

    /** A deleted Job's Workload goes with it (the ownerReference does it too, when garbage collection runs). */
    boolean deleted(Job job) {
        writer.forgetJob(job.getMetadata().getNamespace(), job.getMetadata().getName());
        if (JobWorkloads.queueName(job) == null) {
            return false;
        }
        String ns = job.getMetadata().getNamespace();
        String wlName = JobWorkloads.workloadName(job);
        writer.deleteWorkload(ns, wlName);
        feed.deleteWorkload(ns + "/" + wlName);
        return true;
    }

    /** Writes a change to the Job (with conflict retry); returns whether a change was needed. */
    private boolean update(Job job, UnaryOperator<Job> change) {
        boolean[] changed = {false};
        writer.updateJob(job.getMetadata().getNamespace(), job.getMetadata().getName(), j -> {
            Job next = change.apply(j);
            changed[0] |= next != null;
            return next;
        });
        return changed[0];
    }

    /** The Job's own template and count, as the Workload's pod set kept them. */
    @SuppressWarnings("unchecked")
    private JobStartStop.Original original(GenericKubernetesResource workload) {
        Object spec = workload.getAdditionalProperties().get("spec");
        List<Object> podSets = spec instanceof Map<?, ?> m && m.get("podSets") instanceof List<?> l ? (List<Object>) l : List.of();
        for (Object o : podSets) {
            Map<String, Object> ps = (Map<String, Object>) o;
            if (JobWorkloads.POD_SET.equals(ps.getOrDefault("name", JobWorkloads.POD_SET))) {
                PodTemplateSpec template = serialization.convertValue(ps.get("template"), PodTemplateSpec.class);
                var pod = template == null ? null : template.getSpec();
                int count = ps.get("count") instanceof Number n ? n.intValue() : 1;
                return new JobStartStop.Original(pod == null || pod.getNodeSelector() == null ? Map.of() : pod.getNodeSelector(),
                        pod == null || pod.getTolerations() == null ? List.of() : pod.getTolerations(), count);
            }
        }
        return new JobStartStop.Original(Map.of(), List.of(), 1);
    }
}
