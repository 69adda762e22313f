package io.berth.api.kueue;

import io.berth.api.KubeObject;
import io.berth.api.core.ObjectMeta;
import java.util.List;
import java.util.Optional;

/**
 * kueue.x-k8s.io Workload. priority is null when not set explicitly; priorityClass null when none
 * is named; admission null when the workload holds no quota.
 */
public record Workload(ObjectMeta metadata, String queueName, PriorityClassRef priorityClass, Integer priority,
                       boolean active, List<PodSet> podSets, Admission admission, List<Condition> conditions)
        implements KubeObject {
    public static final String QUOTA_RESERVED = "QuotaReserved";
    public static final String EVICTED = "Evicted";

    public Workload {
        podSets = List.copyOf(podSets);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    @Override
    public String kind() {
        return "Workload";
    }

    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /** Whether the workload already holds quota: status.admission set and QuotaReserved=True. */
    public boolean hasQuotaReservation() {
        return admission != null && condition(QUOTA_RESERVED).map(Condition::isTrue).orElse(false);
    }
}
