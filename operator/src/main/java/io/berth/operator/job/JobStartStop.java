package io.berth.operator.job;

import io.berth.api.kueue.PodSetAssignment;
import io.berth.api.kueue.ResourceFlavor;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Starting and stopping a Job as Kueue does. Start: the pod template gets the assigned flavors'
 * nodeLabels (nodeSelector) and tolerations, a partially admitted Job its reduced parallelism, and
 * spec.suspend false. Stop: suspended again with the template's nodeSelector and tolerations and
 * the parallelism restored from the Workload's pod set, which kept the Job's original template.
 * Both return null when the Job is already in that state, so nothing is written twice.
 */
public final class JobStartStop {
    private final KubernetesSerialization serialization;

    public JobStartStop(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /** The original template's node selector and tolerations and the pod count, from the Workload's pod set. */
    public record Original(Map<String, String> nodeSelector, List<Toleration> tolerations, int count) {
    }

    public Job start(Job job, PodSetAssignment assignment, Map<String, ResourceFlavor> flavors, Original original) {
        Job next = serialization.clone(job);
        PodSpec pod = next.getSpec().getTemplate().getSpec();
        Map<String, String> selector = new LinkedHashMap<>(original.nodeSelector());
        List<Toleration> tolerations = new ArrayList<>(original.tolerations());
        Set<String> seen = new LinkedHashSet<>(assignment.flavors().values());
        for (String name : new TreeSet<>(seen)) {
            ResourceFlavor flavor = flavors.get(name);
            if (flavor == null) {
                continue;
            }
            selector.putAll(flavor.nodeLabels());
            for (io.berth.api.core.Toleration t : flavor.tolerations()) {
                Toleration k8s = new TolerationBuilder().withKey(t.key()).withOperator(t.operator()).withValue(t.value())
                        .withEffect(t.effect()).build();
                if (!tolerations.contains(k8s)) {
                    tolerations.add(k8s);
                }
            }
        }
        pod.setNodeSelector(selector.isEmpty() ? null : selector);
        pod.setTolerations(tolerations.isEmpty() ? null : tolerations);
        if (assignment.count() != null && assignment.count() < original.count()) {
            next.getSpec().setParallelism(assignment.count());
        }
        next.getSpec().setSuspend(false);
        return changed(job, next);
    }

    public Job stop(Job job, Original original) {
        Job next = serialization.clone(job);
        PodSpec pod = next.getSpec().getTemplate().getSpec();
        pod.setNodeSelector(original.nodeSelector().isEmpty() ? null : new LinkedHashMap<>(original.nodeSelector()));
        pod.setTolerations(original.tolerations().isEmpty() ? null : new ArrayList<>(original.tolerations()));
        Integer parallelism = next.getSpec().getParallelism();
        if (parallelism != null && parallelism < original.count()) {
            next.getSpec().setParallelism(original.count());
        }
        next.getSpec().setSuspend(true);
        return changed(job, next);
    }

    /** Whether the Job runs: spec.suspend is false or absent. */
    public static boolean running(Job job) {
        return !Boolean.TRUE.equals(job.getSpec().getSuspend());
    }

    private Job changed(Job before, Job after) {
        boolean same = Objects.equals(emptyToNull(before.getSpec().getTemplate().getSpec().getNodeSelector()),
                emptyToNull(after.getSpec().getTemplate().getSpec().getNodeSelector()))
                && Objects.equals(emptyToNull(before.getSpec().getTemplate().getSpec().getTolerations()),
                emptyToNull(after.getSpec().getTemplate().getSpec().getTolerations()))
                && Objects.equals(before.getSpec().getParallelism(), after.getSpec().getParallelism())
                && running(before) == running(after);
        return same ? null : after;
    }

    private static Object emptyToNull(Object o) {
        return o instanceof Map<?, ?> m && m.isEmpty() || o instanceof List<?> l && l.isEmpty() ? null : o;
    }
}
