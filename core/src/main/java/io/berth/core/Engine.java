package io.berth.core;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.core.Namespace;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.PriorityClass;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.Workload;
import io.berth.api.kueue.WorkloadPriorityClass;
import io.berth.core.assign.FlavorAssigner;
import io.berth.core.cycle.CycleResult;
import io.berth.core.cycle.PendingStatus;
import io.berth.core.cycle.Scheduler;
import io.berth.core.preempt.ClassicalPreemptor;
import io.berth.core.preempt.FairSharingPreemptor;
import io.berth.core.preempt.Preemptor;
import io.berth.core.preempt.Target;
import io.berth.core.queue.PendingQueue;
import io.berth.core.queue.QueueManager;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.FlavorResources;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.WorkloadCompiler;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The admission engine: holds Kueue objects, keeps quota usage and queues up to date as they
 * change, and runs scheduling cycles. Pure: time is passed in, nothing is read or written
 * outside. Every run mode (what-if CLI, simulator, control plane, operator) drives this class.
 */
public final class Engine {
    private final Configuration config;
    private final FlavorResources frs = new FlavorResources();
    private final Map<String, ResourceFlavor> flavors = new TreeMap<>();
    private final Map<String, ClusterQueue> clusterQueues = new TreeMap<>();
    private final Map<String, Cohort> cohorts = new TreeMap<>();
    private final Map<String, LocalQueue> localQueues = new TreeMap<>();
    private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    private final Map<String, WorkloadPriorityClass> workloadPriorityClasses = new HashMap<>();
    private final Map<String, PriorityClass> priorityClasses = new HashMap<>();
    private final WorkloadCompiler compiler = new WorkloadCompiler(frs, workloadPriorityClasses, priorityClasses);
    private final Map<String, WorkloadInfo> workloads = new TreeMap<>();
    private final Map<String, PendingStatus> pendingStatus = new HashMap<>();
    private final Map<String, PendingStatus> unqueueable = new LinkedHashMap<>();
    private final List<Target> evicting = new ArrayList<>();
    private final QueueManager queues = new QueueManager();
    private final AdmittedWorkloads admitted = new AdmittedWorkloads();
    private QuotaTree tree;
    private Scheduler scheduler;
    private boolean configChanged = true;

    public Engine(Configuration config) {
        this.config = config;
    }

    /** Adds or replaces an object. Queue and quota objects take effect at the next cycle. */
    public void apply(KubeObject object) {
        if (object instanceof Workload w) {
            applyWorkload(w);
        } else if (object instanceof ResourceFlavor f) {
            configure(flavors, f.metadata().name(), f);
        } else if (object instanceof ClusterQueue cq) {
            configure(clusterQueues, cq.metadata().name(), cq);
        } else if (object instanceof Cohort c) {
            configure(cohorts, c.metadata().name(), c);
        } else if (object instanceof LocalQueue lq) {
            configure(localQueues, lq.metadata().key(), lq);
        } else if (object instanceof Namespace ns) {
            namespaceLabels.put(ns.metadata().name(), ns.metadata().labels());
        } else if (object instanceof WorkloadPriorityClass p) {
            workloadPriorityClasses.put(p.metadata().name(), p);
        } else if (object instanceof PriorityClass p) {
            priorityClasses.put(p.metadata().name(), p);
        } else {
            throw new IllegalArgumentException("unsupported kind " + object.kind());
        }
    }

    public void applyAll(Collection<? extends KubeObject> objects) {
        // Priority classes first: workloads resolve their priority when applied.
        objects.stream().filter(o -> o instanceof WorkloadPriorityClass || o instanceof PriorityClass).forEach(this::apply);
        objects.stream().filter(o -> !(o instanceof WorkloadPriorityClass || o instanceof PriorityClass)).forEach(this::apply);
    }

    private <T> void configure(Map<String, T> map, String key, T value) {
        map.put(key, value);
        configChanged = true;
    }

    private void applyWorkload(Workload w) {
        WorkloadInfo previous = workloads.remove(w.metadata().key());
        if (previous != null) {
            forget(previous);
        }
        WorkloadInfo info;
        try {
            info = compiler.compile(w);
        } catch (WorkloadCompiler.MissingPriorityClass e) {
            unqueueable.put(w.metadata().key(), new PendingStatus(PendingStatus.MISCONFIGURED, e.getMessage()));
            return;
        }
        workloads.put(info.key(), info);
        if (info.isAdmitted()) {
            if (tree != null && !configChanged) {
                tree.ensureCapacity();
                holdQuota(info);
            }
        } else if (!w.active()) {
            unqueueable.put(info.key(), new PendingStatus("Inactive", "The workload is deactivated"));
        } else if (!configChanged) {
            queues.add(info);
        }
    }

    /** The workload finished or was deleted: its quota is released and waiting workloads retried. */
    public void remove(String workloadKey) {
        unqueueable.remove(workloadKey);
        WorkloadInfo info = workloads.remove(workloadKey);
        if (info != null) {
            forget(info);
        }
    }

    private void forget(WorkloadInfo info) {
        pendingStatus.remove(info.key());
        if (info.isAdmitted()) {
            if (tree != null && !configChanged) {
                releaseQuota(info);
            }
        } else {
            queues.remove(info);
        }
    }

    /** Runs one scheduling cycle at virtual time now (epoch ms). */
    public CycleResult schedule(long now) {
        prepare();
        completeEvictions();
        CycleResult result = scheduler.run(now);
        result.admitted().forEach(w -> pendingStatus.remove(w.key()));
        pendingStatus.putAll(result.pending());
        evicting.addAll(result.preempted());
        return result;
    }

    /** Victims chosen in the previous cycle are gone now: release their quota and queue them again. */
    private void completeEvictions() {
        for (Target t : evicting) {
            WorkloadInfo victim = t.workload();
            if (victim.isAdmitted() && workloads.get(victim.key()) == victim) {
                releaseQuota(victim);
                victim.clearAdmission();
                queues.add(victim);
            }
        }
        evicting.clear();
    }

    /** Rebuilds the quota tree and queues after configuration changes; cheap when nothing changed. */
    private void prepare() {
        if (!configChanged) {
            return;
        }
        tree = new QuotaTree(frs, clusterQueues.values(), cohorts.values(), flavors.keySet());
        tree.ensureCapacity();
        admitted.clear();
        for (WorkloadInfo w : workloads.values()) {
            if (w.isAdmitted()) {
                holdQuota(w);
            }
        }
        Preemptor preemptor = config.fairSharing().enable()
                ? new FairSharingPreemptor(tree, admitted, config.fairSharing().preemptionStrategies())
                : new ClassicalPreemptor(tree, admitted);
        FlavorAssigner assigner = new FlavorAssigner(frs, flavors, preemptor, config.fairSharing().enable());
        scheduler = new Scheduler(tree, queues, admitted, assigner, preemptor,
                ns -> namespaceLabels.getOrDefault(ns, Map.of()), config.fairSharing().enable());
        List<WorkloadInfo> pending = workloads.values().stream()
                .filter(w -> !w.isAdmitted() && !unqueueable.containsKey(w.key())).toList();
        queues.reset(tree.clusterQueues(), localQueues.values());
        pending.forEach(queues::add);
        configChanged = false;
    }

    private void holdQuota(WorkloadInfo w) {
        ClusterQueueNode cq = tree.clusterQueue(w.admission().clusterQueue());
        if (cq != null) {
            w.admission().usage().addTo(cq);
            admitted.add(w);
        }
    }

    private void releaseQuota(WorkloadInfo w) {
        ClusterQueueNode cq = tree.clusterQueue(w.admission().clusterQueue());
        if (cq == null) {
            return;
        }
        w.admission().usage().removeFrom(cq);
        admitted.remove(w);
        queues.flushInadmissible(tree.clusterQueuesSharingQuotaWith(cq));
    }

    public Configuration configuration() {
        return config;
    }

    /** Every known workload, by namespace/name. */
    public Collection<WorkloadInfo> workloads() {
        return workloads.values();
    }

    public WorkloadInfo workload(String key) {
        return workloads.get(key);
    }

    /** Why each workload without quota waits (deactivated ones excluded), by namespace/name. */
    public Map<String, PendingStatus> pendingStatuses() {
        prepare();
        Map<String, PendingStatus> result = new TreeMap<>();
        unqueueable.forEach((key, status) -> {
            WorkloadInfo w = workloads.get(key);
            if (w == null || w.spec().active()) {
                result.put(key, status);
            }
        });
        for (WorkloadInfo w : queues.parked()) {
            String reason = queues.parkedReason(w.key());
            result.put(w.key(), new PendingStatus(reason.endsWith("is inactive")
                    ? PendingStatus.SUSPENDED : PendingStatus.MISCONFIGURED, reason));
        }
        for (Map.Entry<String, PendingQueue> q : queues.queues().entrySet()) {
            ClusterQueueNode cq = tree.clusterQueue(q.getKey());
            int position = 0;
            for (WorkloadInfo w : q.getValue().inOrder()) {
                position++;
                PendingStatus last = pendingStatus.get(w.key());
                if (!cq.isActive()) {
                    result.put(w.key(), new PendingStatus(PendingStatus.SUSPENDED, cq.inactiveMessage()));
                } else if (last != null) {
                    result.put(w.key(), last);
                } else {
                    result.put(w.key(), new PendingStatus(PendingStatus.PENDING,
                            "Waiting in ClusterQueue " + cq.name() + " at position " + position));
                }
            }
        }
        return result;
    }

    /** Why one workload waits; null when it holds quota. Computes all statuses: not for hot paths. */
    public PendingStatus pendingStatus(String key) {
        return pendingStatuses().get(key);
    }

    public QuotaTree quotaTree() {
        prepare();
        return tree;
    }

    public FlavorResources flavorResources() {
        return frs;
    }
}
