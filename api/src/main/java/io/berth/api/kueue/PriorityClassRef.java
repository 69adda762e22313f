package io.berth.api.kueue;

/**
 * Which priority class a workload names: v1beta2's priorityClassRef, or v1beta1's
 * priorityClassName with priorityClassSource.
 */
public record PriorityClassRef(String group, String name) {
    public static final String KUEUE_GROUP = "kueue.x-k8s.io";
    public static final String SCHEDULING_GROUP = "scheduling.k8s.io";

    public boolean isWorkloadPriorityClass() {
        return KUEUE_GROUP.equals(group);
    }
}
