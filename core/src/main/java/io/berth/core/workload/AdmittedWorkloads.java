package io.berth.core.workload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Workloads holding quota, per ClusterQueue, kept in candidate order so preemption reads them
 * without sorting (and can stop at the first priority its policy excludes).
 */
public final class AdmittedWorkloads {
    /**
     * Kueue's candidate order within one queue: lower priority first, most recently admitted
     * first, then uid (namespace/name without one). Evicted-first and other-queues-first are
     * decided by the callers, per group.
     */
    public static final Comparator<WorkloadInfo> CANDIDATE_ORDER = (a, b) -> {
        if (a.priority() != b.priority()) {
            return Integer.compare(a.priority(), b.priority());
        }
        if (a.admittedAt() != b.admittedAt()) {
            return Long.compare(b.admittedAt(), a.admittedAt());
        }
        int byUid = a.uidOrKey().compareTo(b.uidOrKey());
        return byUid != 0 ? byUid : a.key().compareTo(b.key());
    };

    /** ClusterQueues whose workloads come by LocalQueue usage first (admission fair sharing), or null. */
    private Predicate<String> rankedByLocalQueue;
    private ToDoubleFunction<WorkloadInfo> localQueueUsage;
    private final Map<String, QueueWorkloads> byClusterQueue = new HashMap<>();
    private final Map<String, SortedChunks<WorkloadInfo>> evictedByClusterQueue = new HashMap<>();
    /** How many workloads are marked evicted, so that asking a queue for its evicted ones is free when none are. */
    private int evictedCount;

    /** Adds an admitted workload; its priority and admission time must not change until it is removed. */
    public void add(WorkloadInfo w) {
        byClusterQueue.computeIfAbsent(w.admission().clusterQueue(), k -> new QueueWorkloads()).add(w);
    }

    public void remove(WorkloadInfo w) {
        QueueWorkloads q = byClusterQueue.get(w.admission().clusterQueue());
        if (q != null) {
            q.remove(w);
        }
        SortedChunks<WorkloadInfo> e = evictedByClusterQueue.get(w.admission().clusterQueue());
        if (e != null && e.remove(w)) {
            evictedCount--;
        }
    }

    /** Marks an admitted workload chosen for eviction: it keeps its quota until it is gone. */
    public void markEvicted(WorkloadInfo w) {
        w.markEvicted();
        if (evictedByClusterQueue.computeIfAbsent(w.admission().clusterQueue(), k -> new SortedChunks<>(CANDIDATE_ORDER)).add(w)) {
            evictedCount++;
        }
    }

    /**
     * Sets an admitted workload aside for the rest of a cycle, as if gone, without taking it out:
     * it stays where it is in every reader's order, and readers skip it ({@link WorkloadInfo#isSetAside}).
     */
    public void setAside(WorkloadInfo w) {
        w.setAside(true);
    }

    public void putBack(WorkloadInfo w) {
        w.setAside(false);
    }

    /**
     * Admission fair sharing's preemption order: in the ClusterQueues the predicate accepts, the
     * workloads of the LocalQueue with the higher usage come first, before priority (Kueue's
     * CandidatesOrdering).
     */
    public void rankByLocalQueue(Predicate<String> clusterQueues, ToDoubleFunction<WorkloadInfo> usage) {
        this.rankedByLocalQueue = clusterQueues;
        this.localQueueUsage = usage;
    }

    /**
     * Whether the queue's workloads come by LocalQueue usage first, so that their priorities do
     * not ascend: a reader may not stop at the first priority it excludes.
     */
    public boolean ranksByLocalQueue(String clusterQueue) {
        return rankedByLocalQueue != null && rankedByLocalQueue.test(clusterQueue);
    }

    /** Whether some queue ranks its workloads by LocalQueue usage. */
    public boolean ranksAnyByLocalQueue() {
        return rankedByLocalQueue != null;
    }

    /** The queue's admitted workloads in {@link #CANDIDATE_ORDER}, after LocalQueue usage where it ranks. */
    public Collection<WorkloadInfo> in(String clusterQueue) {
        QueueWorkloads q = byClusterQueue.get(clusterQueue);
        return q == null ? List.of() : ranked(clusterQueue, q.all);
    }

    private Collection<WorkloadInfo> ranked(String clusterQueue, Collection<WorkloadInfo> s) {
        if (!ranksByLocalQueue(clusterQueue) || s.size() < 2) {
            return s;
        }
        List<WorkloadInfo> byUsage = new ArrayList<>(s); // a stable sort keeps candidate order within a usage
        Map<WorkloadInfo, Double> usage = new HashMap<>();
        byUsage.forEach(w -> usage.put(w, localQueueUsage.applyAsDouble(w)));
        byUsage.sort((a, b) -> Double.compare(usage.get(b), usage.get(a)));
        return byUsage;
    }

    /** The queue's first admitted workload in {@link #CANDIDATE_ORDER}, or null. */
    public WorkloadInfo firstIn(String clusterQueue) {
        QueueWorkloads q = byClusterQueue.get(clusterQueue);
        return q == null ? null : q.all.first();
    }

    public boolean anyEvicted() {
        return evictedCount > 0;
    }

    /** Whether the queue has workloads chosen for eviction that still hold quota. */
    public boolean hasEvictedIn(String clusterQueue) {
        SortedChunks<WorkloadInfo> s = evicted(clusterQueue);
        return s != null && !s.isEmpty();
    }

    /** The queue's first workload chosen for eviction (in {@link #CANDIDATE_ORDER}) that is not set aside, or null. */
    public WorkloadInfo firstEvictedIn(String clusterQueue) {
        SortedChunks<WorkloadInfo> s = evicted(clusterQueue);
        if (s != null) {
            for (WorkloadInfo w : s) {
                if (!w.isSetAside()) {
                    return w;
                }
            }
        }
        return null;
    }

    /**
     * The queue's workloads chosen for eviction that still hold quota, in {@link #CANDIDATE_ORDER}
     * whatever the queue's ranking.
     */
    public Collection<WorkloadInfo> evictedInCandidateOrder(String clusterQueue) {
        SortedChunks<WorkloadInfo> s = evicted(clusterQueue);
        return s == null ? List.of() : Collections.unmodifiableCollection(s);
    }

    /** The queue's workloads chosen for eviction that still hold quota, in the order of {@link #in}. */
    public Collection<WorkloadInfo> evictedIn(String clusterQueue) {
        SortedChunks<WorkloadInfo> s = evicted(clusterQueue);
        return s == null ? List.of() : ranked(clusterQueue, s);
    }

    /** The queue's evicted set, or null; found without hashing while no workload is evicted. */
    private SortedChunks<WorkloadInfo> evicted(String clusterQueue) {
        return evictedCount == 0 ? null : evictedByClusterQueue.get(clusterQueue);
    }

    /**
     * Whether every admitted workload of the queue uses at least the given usage in each of its
     * flavor-resources; false for a queue without any.
     */
    public boolean everyUses(String clusterQueue, Usage usage) {
        QueueWorkloads q = byClusterQueue.get(clusterQueue);
        return q != null && q.least.everyUses(usage, q.all);
    }

    /**
     * What every admitted workload of the queue uses at least, in the flavor-resources all of them
     * use; null for a queue without any.
     */
    public Usage leastUsage(String clusterQueue) {
        QueueWorkloads q = byClusterQueue.get(clusterQueue);
        return q == null ? null : q.least.least(q.all);
    }

    public void clear() {
        byClusterQueue.clear();
        evictedByClusterQueue.clear();
        evictedCount = 0;
    }

    /** One queue's admitted workloads in {@link #CANDIDATE_ORDER}, with their least usage kept as they come and go. */
    private static final class QueueWorkloads {
        final SortedChunks<WorkloadInfo> all = new SortedChunks<>(CANDIDATE_ORDER);
        final LeastUsage least = new LeastUsage();

        void add(WorkloadInfo w) {
            if (all.add(w)) {
                least.added(w.admission().usage());
            }
        }

        void remove(WorkloadInfo w) {
            if (all.remove(w)) {
                least.removed(w.admission().usage());
            }
        }
    }
}
