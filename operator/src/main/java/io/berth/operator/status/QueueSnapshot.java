package io.berth.operator.status;

import io.berth.api.Quantity;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.core.Engine;
import io.berth.core.cycle.PendingStatus;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.DominantResourceShare;
import io.berth.core.quota.FlavorResources;
import io.berth.core.quota.Inactivity;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.WorkloadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable picture of the queues after a reconcile pass: what ClusterQueue and LocalQueue
 * status, the visibility API and the metrics show. Built on the loop thread, read by any thread.
 */
public record QueueSnapshot(Map<String, ClusterQueueView> clusterQueues, Map<String, LocalQueueView> localQueues,
                            Map<String, DominantResourceShare> cohortShares) {
    public static final QueueSnapshot EMPTY = new QueueSnapshot(Map.of(), Map.of(), Map.of());

    /** One flavor-resource of a ClusterQueue, in milli-units (saturating beyond a long). */
    public record FlavorUsage(String flavor, String resource, long nominal, long usage, long borrowed) {
    }

    /** A pending workload with its place in its ClusterQueue and LocalQueue (0-based, as Kueue's visibility API). */
    public record PendingEntry(String namespace, String name, String localQueue, int priority, Instant creationTimestamp,
                               int positionInClusterQueue, int positionInLocalQueue, String reason) {
    }

    /** inactivity: why it admits nothing, or null when it is active; share: null unless fair sharing is on. */
    public record ClusterQueueView(String name, String cohort, Inactivity inactivity, int reserving, int admitted,
                                   DominantResourceShare share, List<FlavorUsage> usage, List<PendingEntry> pending) {
        public boolean active() {
            return inactivity == null;
        }
    }

    public record LocalQueueView(String namespace, String name, String clusterQueue, boolean clusterQueueExists,
                                 boolean clusterQueueActive, int reserving, int admitted,
                                 Map<String, Map<String, Long>> usage, List<PendingEntry> pending) {
    }

    /** Reads the engine; call on the thread that drives it. */
    public static QueueSnapshot build(Engine engine, Collection<LocalQueue> localQueueSpecs) {
        QuotaTree tree = engine.quotaTree();
        FlavorResources frs = engine.flavorResources();
        Map<String, PendingStatus> pendingStatus = engine.pendingStatuses();
        Map<String, LocalQueue> lqByKey = new TreeMap<>();
        localQueueSpecs.forEach(lq -> lqByKey.put(lq.metadata().key(), lq));

        Map<String, List<WorkloadInfo>> pendingByCq = new TreeMap<>();
        Map<String, int[]> countsByCq = new TreeMap<>();
        Map<String, int[]> countsByLq = new TreeMap<>();
        Map<String, Map<String, Map<String, Long>>> usageByLq = new TreeMap<>();
        List<WorkloadInfo> pending = new ArrayList<>();
        for (WorkloadInfo w : engine.workloads()) {
            String lqKey = w.localQueueKey();
            if (w.isAdmitted()) {
                countsByCq.computeIfAbsent(w.admission().clusterQueue(), k -> new int[1])[0]++;
                if (lqKey != null) {
                    countsByLq.computeIfAbsent(lqKey, k -> new int[1])[0]++;
                    var usage = usageByLq.computeIfAbsent(lqKey, k -> new TreeMap<>());
                    for (var psa : AdmissionRecords.toApi(w, frs).podSetAssignments()) {
                        psa.resourceUsage().forEach((r, amount) -> usage
                                .computeIfAbsent(psa.flavors().getOrDefault(r, ""), f -> new TreeMap<>())
                                .merge(r, amount, Quantity::add));
                    }
                }
            } else if (pendingStatus.containsKey(w.key())) {
                pending.add(w);
            }
        }
        // Kueue's visibility order within each ClusterQueue; the rest (in no queue) after, by queue order.
        Map<String, Integer> rank = new HashMap<>();
        engine.pendingInQueueOrder().values().forEach(q -> q.forEach(w -> rank.put(w.key(), rank.size())));
        pending.sort(Comparator.<WorkloadInfo>comparingInt(w -> rank.getOrDefault(w.key(), Integer.MAX_VALUE))
                .thenComparing(WorkloadInfo.QUEUE_ORDER));
        Map<String, List<PendingEntry>> entriesByCq = new TreeMap<>();
        Map<String, List<PendingEntry>> entriesByLq = new TreeMap<>();
        for (WorkloadInfo w : pending) {
            LocalQueue lq = w.localQueueKey() == null ? null : lqByKey.get(w.localQueueKey());
            String cq = lq == null ? null : lq.clusterQueue();
            List<PendingEntry> inCq = cq == null ? new ArrayList<>() : entriesByCq.computeIfAbsent(cq, k -> new ArrayList<>());
            List<PendingEntry> inLq = w.localQueueKey() == null ? new ArrayList<>()
                    : entriesByLq.computeIfAbsent(w.localQueueKey(), k -> new ArrayList<>());
            PendingEntry e = new PendingEntry(w.namespace(), w.spec().metadata().name(), w.spec().queueName(),
                    w.priority(), w.spec().metadata().creationTimestamp(), inCq.size(), inLq.size(),
                    pendingStatus.get(w.key()).reason());
            inCq.add(e);
            inLq.add(e);
        }

        boolean fairSharing = engine.configuration().fairSharing().enable();
        Map<String, ClusterQueueView> cqs = new TreeMap<>();
        for (ClusterQueueNode node : tree.clusterQueues()) {
            ClusterQueue spec = node.spec();
            List<FlavorUsage> usage = new ArrayList<>();
            for (ResourceGroup g : spec.resourceGroups()) {
                for (FlavorQuotas f : g.flavors()) {
                    for (ResourceQuota r : f.resources()) {
                        int fr = frs.id(f.name(), r.name());
                        long used = node.usage(fr);
                        long borrowed = Math.max(0, used - node.nominal(fr));
                        usage.add(new FlavorUsage(f.name(), r.name(), r.nominalQuota(),
                                frs.units().toMillis(r.name(), used), frs.units().toMillis(r.name(), borrowed)));
                    }
                }
            }
            int admitted = countsByCq.getOrDefault(node.name(), new int[1])[0];
            cqs.put(node.name(), new ClusterQueueView(node.name(), spec.cohort(), node.inactivity(), admitted, admitted,
                    fairSharing ? node.dominantResourceShare(frs) : null, usage,
                    List.copyOf(entriesByCq.getOrDefault(node.name(), List.of()))));
        }
        Map<String, LocalQueueView> lqs = new TreeMap<>();
        for (LocalQueue lq : lqByKey.values()) {
            String key = lq.metadata().key();
            ClusterQueueView cq = cqs.get(lq.clusterQueue());
            int admitted = countsByLq.getOrDefault(key, new int[1])[0];
            lqs.put(key, new LocalQueueView(lq.metadata().namespace(), lq.metadata().name(), lq.clusterQueue(),
                    cq != null, cq != null && cq.active(), admitted, admitted,
                    usageByLq.getOrDefault(key, Map.of()), List.copyOf(entriesByLq.getOrDefault(key, List.of()))));
        }
        Map<String, DominantResourceShare> cohortShares = new TreeMap<>();
        if (fairSharing) {
            tree.cohorts().forEach(c -> cohortShares.put(c.name(), c.dominantResourceShare(frs)));
        }
        return new QueueSnapshot(Map.copyOf(cqs), Map.copyOf(lqs), Map.copyOf(cohortShares));
    }

    /** Pending workloads in one ClusterQueue, in queue order; empty when it does not exist. */
    public List<PendingEntry> pendingIn(String clusterQueue) {
        ClusterQueueView cq = clusterQueues.get(clusterQueue);
        return cq == null ? List.of() : cq.pending();
    }
}
