package io.berth.api.kueue;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kueue.x-k8s.io Workload. priority is null when not set explicitly; priorityClass null when none
 * is named; admission null when the workload holds no quota; reclaimablePods (status) maps a pod
 * set's name to how many of its pods finished for good and need no quota any more; requeueState
 * (status) counts the requeues after PodsReady timeouts and says until when it backs off, or is null.
 * maximumExecutionTimeSeconds (spec) deactivates the workload once it has been admitted that long,
 * counting accumulatedPastExecutionTimeSeconds (status) from earlier admissions; both null when unset.
 */
public record Workload(ObjectMeta metadata, String queueName, PriorityClassRef priorityClass, Integer priority,
                       boolean active, List<PodSet> podSets, Admission admission, List<Condition> conditions,
                       Map<String, Integer> reclaimablePods, RequeueState requeueState,
                       Integer maximumExecutionTimeSeconds, Integer accumulatedPastExecutionTimeSeconds)
        implements KubeObject {
    public static final String QUOTA_RESERVED = "QuotaReserved";
    public static final String ADMITTED = "Admitted";
    public static final String PODS_READY = "PodsReady";
    public static final String EVICTED = "Evicted";
    public static final String FINISHED = "Finished";
    public static final String REQUEUED = "Requeued";
    /** Kueue's annotation naming the controllers (comma-separated) that must clear it before the workload may be admitted. */
    public static final String ADMISSION_GATED_BY = "kueue.x-k8s.io/admission-gated-by";

    public Workload {
        podSets = List.copyOf(podSets);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        reclaimablePods = reclaimablePods == null ? Map.of() : Map.copyOf(reclaimablePods);
    }

    public Workload(ObjectMeta metadata, String queueName, PriorityClassRef priorityClass, Integer priority,
                    boolean active, List<PodSet> podSets, Admission admission, List<Condition> conditions) {
        this(metadata, queueName, priorityClass, priority, active, podSets, admission, conditions, null, null);
    }

    public Workload(ObjectMeta metadata, String queueName, PriorityClassRef priorityClass, Integer priority,
                    boolean active, List<PodSet> podSets, Admission admission, List<Condition> conditions,
                    Map<String, Integer> reclaimablePods, RequeueState requeueState) {
        this(metadata, queueName, priorityClass, priority, active, podSets, admission, conditions, reclaimablePods,
                requeueState, null, null);
    }

    /** The same workload with other pod sets (as adjusted before its requests are counted). */
    public Workload withPodSets(List<PodSet> adjusted) {
        return new Workload(metadata, queueName, priorityClass, priority, active, adjusted, admission, conditions,
                reclaimablePods, requeueState, maximumExecutionTimeSeconds, accumulatedPastExecutionTimeSeconds);
    }

    /** The same workload with another admission and conditions (as the operator keeps them). */
    public Workload withStatus(Admission newAdmission, List<Condition> newConditions) {
        return new Workload(metadata, queueName, priorityClass, priority, active, podSets, newAdmission, newConditions,
                reclaimablePods, requeueState, maximumExecutionTimeSeconds, accumulatedPastExecutionTimeSeconds);
    }

    /** Whether the condition of this type is there with status True. */
    public boolean isTrue(String conditionType) {
        return condition(conditionType).map(Condition::isTrue).orElse(false);
    }

    /** Whether the condition of this type is there with status False. */
    public boolean isFalse(String conditionType) {
        return condition(conditionType).map(c -> "False".equals(c.status())).orElse(false);
    }

    /** status.requeueState: how many times it was requeued, and when it may be queued again (or null). */
    public record RequeueState(int count, Instant requeueAt) {
    }

    /** The pods of a pod set that still need quota: its count less its reclaimable pods (Kueue's ReclaimablePods). */
    public int countAfterReclaim(PodSet ps) {
        return ps.count() - Math.min(ps.count(), reclaimablePods.getOrDefault(ps.name(), 0));
    }

    @Override
    public String kind() {
        return "Workload";
    }

    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /** The value of {@link #ADMISSION_GATED_BY}, or "" without one. */
    public String admissionGatedBy() {
        return metadata.annotations().getOrDefault(ADMISSION_GATED_BY, "");
    }

    /** Whether some controller still gates its admission (Kueue's AdmissionGatedBy): it is kept out of every queue. */
    public boolean isAdmissionGated() {
        return !admissionGatedBy().isEmpty();
    }

    /** Whether the workload already holds quota: status.admission set and QuotaReserved=True. */
    public boolean hasQuotaReservation() {
        return admission != null && isTrue(QUOTA_RESERVED);
    }
}
