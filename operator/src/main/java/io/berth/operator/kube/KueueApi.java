package io.berth.operator.kube;

import io.berth.api.kueue.Workload;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/** The kueue.x-k8s.io kinds the operator reads and writes, as fabric8 resource contexts (served version v1beta2). */
public final class KueueApi {
    public static final String GROUP = "kueue.x-k8s.io";
    public static final String VERSION = "v1beta2";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    public static final ResourceDefinitionContext RESOURCE_FLAVOR = context("ResourceFlavor", "resourceflavors", false);
    public static final ResourceDefinitionContext CLUSTER_QUEUE = context("ClusterQueue", "clusterqueues", false);
    public static final ResourceDefinitionContext COHORT = context("Cohort", "cohorts", false);
    public static final ResourceDefinitionContext WORKLOAD_PRIORITY_CLASS =
            context("WorkloadPriorityClass", "workloadpriorityclasses", false);
    public static final ResourceDefinitionContext LOCAL_QUEUE = context("LocalQueue", "localqueues", true);
    public static final ResourceDefinitionContext WORKLOAD = context("Workload", "workloads", true);

    /** Every kind, queue objects first (workloads resolve against them). */
    public static final List<ResourceDefinitionContext> ALL =
            List.of(RESOURCE_FLAVOR, COHORT, CLUSTER_QUEUE, WORKLOAD_PRIORITY_CLASS, LOCAL_QUEUE, WORKLOAD);

    /** Labels and annotations Kueue puts on Jobs and Workloads. */
    public static final String QUEUE_NAME_LABEL = "kueue.x-k8s.io/queue-name";
    public static final String PRIORITY_CLASS_LABEL = "kueue.x-k8s.io/priority-class";
    public static final String JOB_UID_LABEL = "kueue.x-k8s.io/job-uid";
    public static final String MIN_PARALLELISM_ANNOTATION = "kueue.x-k8s.io/job-min-parallelism";
    public static final String ADMISSION_GATED_BY_ANNOTATION = Workload.ADMISSION_GATED_BY;

    private KueueApi() {
    }

    private static ResourceDefinitionContext context(String kind, String plural, boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(VERSION).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }
}
