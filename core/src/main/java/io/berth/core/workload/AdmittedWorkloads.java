package io.berth.core.workload;

import io.berth.core.quota.ClusterQueueNode;
import java.util.ArrayList;
import java.util.Arrays;
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
    /**
     * The same, by the id of a quota tree's node: searches and cycles ask about the same queues
     * again and again, and hashing their names each time showed in profiles.
     */
    private QueueWorkloads[] byNode = new QueueWorkloads[0];
    /** How many workloads are marked evicted, so that asking whether any is costs nothing. */
    private int evictedCount;

    /** Adds an admitted workload; its priority and admission time must not change until it is removed. */
    public void add(WorkloadInfo w) {
        queue(w.admission().clusterQueue()).add(w);
    }

    public void remove(WorkloadInfo w) {
        QueueWorkloads q = byClusterQueue.get(w.admission().clusterQueue());
        if (q != null) {
            q.remove(w);
        }
    }

    /** Marks an admitted workload chosen for eviction: it keeps its quota until it is gone. */
    public void markEvicted(WorkloadInfo w) {
        markEvicted(w, queue(w.admission().clusterQueue()));
    }

    /** The same, for a workload of the given queue. */
    public void markEvicted(WorkloadInfo w, ClusterQueueNode in) {
        markEvicted(w, queue(in));
    }

    private void markEvicted(WorkloadInfo w, QueueWorkloads in) {
        w.markEvicted();
        in.markEvicted(w);
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

    /** Whether some queue ranks its workloads by LocalQueue usage. */
    public boolean ranksAnyByLocalQueue() {
        return rankedByLocalQueue != null;
    }

    public boolean anyEvicted() {
        return evictedCount > 0;
    }

    /**
     * The admitted workloads of a ClusterQueue, the same object for it until {@link #clear}. A
     * reader that asks about the same queues again and again finds them by node instead
     * ({@link #queue(ClusterQueueNode)}).
     */
    public QueueWorkloads queue(String clusterQueue) {
        QueueWorkloads q = byClusterQueue.get(clusterQueue);
        if (q == null) { // not computeIfAbsent: its constructor reference would be allocated on every call
            q = new QueueWorkloads(clusterQueue);
            byClusterQueue.put(clusterQueue, q);
        }
        return q;
    }

    /** The admitted workloads of a ClusterQueue, found by its node in the quota tree. */
    public QueueWorkloads queue(ClusterQueueNode cq) {
        int id = cq.id();
        if (id >= byNode.length) {
            byNode = Arrays.copyOf(byNode, Math.max(id + 1, 2 * byNode.length));
        }
        QueueWorkloads q = byNode[id];
        if (q == null || q.node != cq) { // a node of another tree may have had the id
            q = queue(cq.name());
            q.node = cq;
            byNode[id] = q;
        }
        return q;
    }

    public void clear() {
        byClusterQueue.clear();
        Arrays.fill(byNode, null);
        evictedCount = 0;
    }

    /**
     * One queue's admitted workloads in {@link #CANDIDATE_ORDER}, with their least usage kept as
     * they come and go, and those of them chosen for eviction.
     */
    public final class QueueWorkloads {
        private final String clusterQueue;
        /** The quota tree node it was last found by, for {@link #queue(ClusterQueueNode)}. */
        private ClusterQueueNode node;
        private final SortedChunks<WorkloadInfo> all = new SortedChunks<>(CANDIDATE_ORDER);
        private final LeastUsage least = new LeastUsage();
        /** Those chosen for eviction that still hold quota; null until the first is. */
        private SortedChunks<WorkloadInfo> evicted;
        /** How many evicted holds, so that searches asking whether any is do not read it. */
        private int evictedHere;

        private QueueWorkloads(String clusterQueue) {
            this.clusterQueue = clusterQueue;
        }

        private void add(WorkloadInfo w) {
            if (all.add(w)) {
                least.added(w.admission().usage());
            }
        }

        private void remove(WorkloadInfo w) {
            if (all.remove(w)) {
                least.removed(w.admission().usage());
            }
            if (evicted != null && evicted.remove(w)) {
                evictedHere--;
                evictedCount--;
            }
        }

        private void markEvicted(WorkloadInfo w) {
            if (evicted == null) {
                evicted = new SortedChunks<>(CANDIDATE_ORDER);
            }
            if (evicted.add(w)) {
                evictedHere++;
                evictedCount++;
            }
        }

        /**
         * Whether the workloads come by LocalQueue usage first, so that their priorities do not
         * ascend: a reader may not stop at the first priority it excludes.
         */
        public boolean ranksByLocalQueue() {
            return rankedByLocalQueue != null && rankedByLocalQueue.test(clusterQueue);
        }

        /** The admitted workloads in {@link #CANDIDATE_ORDER}, after LocalQueue usage where the queue ranks by it. */
        public Collection<WorkloadInfo> inOrder() {
            return ranked(all);
        }

        /** The first admitted workload in {@link #CANDIDATE_ORDER}, or null. */
        public WorkloadInfo first() {
            return all.first();
        }

        /** Whether some are chosen for eviction and still hold quota. */
        public boolean hasEvicted() {
            return evictedHere > 0;
        }

        /** The first chosen for eviction (in {@link #CANDIDATE_ORDER}) that is not set aside, or null. */
        public WorkloadInfo firstEvicted() {
            if (evictedHere > 0) {
                for (WorkloadInfo w : evicted) {
                    if (!w.isSetAside()) {
                        return w;
                    }
                }
            }
            return null;
        }

        /** Those chosen for eviction that still hold quota, in {@link #CANDIDATE_ORDER} whatever the queue's ranking. */
        public Collection<WorkloadInfo> evictedInCandidateOrder() {
            return evictedHere == 0 ? List.of() : Collections.unmodifiableCollection(evicted);
        }

        /** Those chosen for eviction that still hold quota, in the order of {@link #inOrder}. */
        public Collection<WorkloadInfo> evicted() {
            return evictedHere == 0 ? List.of() : ranked(evicted);
        }

        /**
         * Whether every admitted workload uses at least the given usage in each of its
         * flavor-resources; false when there is none.
         */
        public boolean everyUses(Usage usage) {
            return least.everyUses(usage, all);
        }

        /**
         * What every admitted workload uses at least, in the flavor-resources all of them use;
         * null when there is none.
         */
        public Usage leastUsage() {
            return least.least(all);
        }

        private Collection<WorkloadInfo> ranked(Collection<WorkloadInfo> s) {
            if (!ranksByLocalQueue() || s.size() < 2) {
                return s;
            }
            List<WorkloadInfo> byUsage = new ArrayList<>(s); // a stable sort keeps candidate order within a usage
            Map<WorkloadInfo, Double> usage = new HashMap<>();
            byUsage.forEach(w -> usage.put(w, localQueueUsage.applyAsDouble(w)));
            byUsage.sort((a, b) -> Double.compare(usage.get(b), usage.get(a)));
            return byUsage;
        }
    }
}
