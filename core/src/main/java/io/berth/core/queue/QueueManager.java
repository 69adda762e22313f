package io.berth.core.queue;

import io.berth.api.kueue.AdmissionMode;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.StopPolicy;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Routes pending workloads through their LocalQueue to a ClusterQueue's {@link PendingQueue}.
 * A workload whose LocalQueue or ClusterQueue does not exist (or whose LocalQueue is stopped)
 * is parked with the reason until the queues change.
 */
public final class QueueManager {
    private final Map<String, LocalQueue> localQueues = new HashMap<>();
    private final Map<String, PendingQueue> queues = new TreeMap<>();
    private final Map<String, PendingQueue> byName = new HashMap<>();
    /**
     * The ClusterQueues in name order, and their pending queues: the sets below hold positions in
     * them, and a cycle finds its queues by position, without hashing names.
     */
    private final List<ClusterQueueNode> nodes = new ArrayList<>();
    private final List<PendingQueue> pending = new ArrayList<>();
    /** By ClusterQueue node id, its position, or -1. */
    private int[] positionOfNode = new int[0];
    private final Map<String, WorkloadInfo> parked = new LinkedHashMap<>();
    private final Map<String, String> parkedReason = new HashMap<>();
    private final Map<String, String> routedTo = new HashMap<>();
    // Kept up to date so a cycle and a flush visit only the queues that have something to do.
    private final BitSet withActive = new BitSet();
    private final BitSet withInadmissible = new BitSet();

    /** Replaces the queue configuration, without admission fair sharing. */
    public void reset(Collection<ClusterQueueNode> clusterQueues, Collection<LocalQueue> lqs) {
        reset(clusterQueues, lqs, null);
    }

    /**
     * Replaces the queue configuration and forgets every queued workload (the caller adds them
     * again). fairUsage, when not null, orders the queues of ClusterQueues with
     * admissionScope UsageBasedAdmissionFairSharing by LocalQueue usage.
     */
    public void reset(Collection<ClusterQueueNode> clusterQueues, Collection<LocalQueue> lqs, LocalQueueUsage fairUsage) {
        localQueues.clear();
        for (LocalQueue lq : lqs) {
            localQueues.put(lq.metadata().key(), lq);
        }
        queues.clear();
        List<ClusterQueueNode> sorted = new ArrayList<>(clusterQueues);
        sorted.sort(Comparator.comparing(ClusterQueueNode::name));
        nodes.clear();
        pending.clear();
        byName.clear();
        positionOfNode = new int[sorted.stream().mapToInt(ClusterQueueNode::id).max().orElse(-1) + 1];
        Arrays.fill(positionOfNode, -1);
        for (ClusterQueueNode cq : sorted) {
            boolean fair = fairUsage != null && cq.spec().admissionMode() == AdmissionMode.UsageBasedAdmissionFairSharing;
            int position = nodes.size();
            PendingQueue q = new PendingQueue(cq.queueingStrategy(), fair ? fairUsage::usage : null,
                    () -> track(position));
            nodes.add(cq);
            pending.add(q);
            positionOfNode[cq.id()] = position;
            queues.put(cq.name(), q);
            byName.put(cq.name(), q);
        }
        withActive.clear();
        withInadmissible.clear();
        parked.clear();
        parkedReason.clear();
        routedTo.clear();
    }

    /** Queues a pending workload that came back or changed. */
    public void add(WorkloadInfo wl) {
        route(wl, false);
    }

    /** Queues a workload new to the queues: it may wait with its shape set aside ({@link PendingQueue#arrive}). */
    public void arrive(WorkloadInfo wl) {
        route(wl, true);
    }

    private void route(WorkloadInfo wl, boolean arrival) {
        String lqKey = wl.localQueueKey();
        LocalQueue lq = lqKey == null ? null : localQueues.get(lqKey);
        String reason;
        if (lq == null) {
            reason = "LocalQueue " + Objects.toString(wl.spec().queueName(), "") + " doesn't exist";
        } else if (lq.stopPolicy() != null && lq.stopPolicy() != StopPolicy.None) {
            reason = "LocalQueue " + wl.spec().queueName() + " is inactive";
        } else if (!byName.containsKey(lq.clusterQueue())) {
            reason = "ClusterQueue " + lq.clusterQueue() + " doesn't exist";
        } else {
            PendingQueue q = byName.get(lq.clusterQueue());
            if (arrival) {
                q.arrive(wl);
            } else {
                q.push(wl);
            }
            routedTo.put(wl.key(), lq.clusterQueue());
            return;
        }
        parked.put(wl.key(), wl);
        parkedReason.put(wl.key(), reason);
    }

    public void remove(WorkloadInfo wl) {
        String cq = routedTo.remove(wl.key());
        if (cq != null) {
            byName.get(cq).remove(wl);
        }
        parked.remove(wl.key());
        parkedReason.remove(wl.key());
    }

    /** The ClusterQueue a queued workload is in, or null when parked or unknown. */
    public String clusterQueueOf(WorkloadInfo wl) {
        return routedTo.get(wl.key());
    }

    /** Why a parked workload is not in any ClusterQueue, or null. */
    public String parkedReason(String key) {
        return parkedReason.get(key);
    }

    public PendingQueue queue(String clusterQueue) {
        return byName.get(clusterQueue);
    }

    /** The pending queue of a ClusterQueue of the tree the queues were last reset with. */
    public PendingQueue queue(ClusterQueueNode cq) {
        return pending.get(positionOfNode[cq.id()]);
    }

    /** ClusterQueue name to its pending queue, in name order. */
    public Map<String, PendingQueue> queues() {
        return queues;
    }

    public Collection<WorkloadInfo> parked() {
        return parked.values();
    }

    /** Requeues every inadmissible workload of the ClusterQueues that the filter accepts. */
    public void flushInadmissible(Predicate<String> clusterQueues) {
        BitSet flushing = (BitSet) withInadmissible.clone();
        for (int i = flushing.nextSetBit(0); i >= 0; i = flushing.nextSetBit(i + 1)) {
            if (clusterQueues.test(nodes.get(i).name())) {
                pending.get(i).flushInadmissible();
            }
        }
    }

    /** ClusterQueues with active workloads, in name order (a copy: the cycle that reads it changes the queues). */
    public List<ClusterQueueNode> withActiveWorkloads() {
        List<ClusterQueueNode> out = new ArrayList<>(withActive.cardinality());
        for (int i = withActive.nextSetBit(0); i >= 0; i = withActive.nextSetBit(i + 1)) {
            out.add(nodes.get(i));
        }
        return out;
    }

    public boolean hasActiveWorkloads() {
        return !withActive.isEmpty();
    }

    private void track(int position) {
        PendingQueue q = pending.get(position);
        withActive.set(position, q.activeCount() > 0);
        withInadmissible.set(position, q.inadmissibleCount() > 0);
    }
}
