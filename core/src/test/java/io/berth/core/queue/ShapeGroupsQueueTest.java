package io.berth.core.queue;

import static io.berth.core.Kueue.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.kueue.QueueingStrategy;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The queue keeps same-shape workloads in groups and ranks only their fronts; seeded random
 * operation sequences must give exactly the heads, counts and listing of a plain queue that
 * ranks every workload and moves set-aside workloads one by one.
 */
class ShapeGroupsQueueTest {
    private static final RequeueReason[] REASONS = RequeueReason.values();

    @Test
    void groupedQueueBehavesLikeThePlainOneUnderRandomOperations() {
        for (long seed = 1; seed <= 300; seed++) {
            for (QueueingStrategy strategy : QueueingStrategy.values()) {
                run(seed, strategy, null);
                run(seed, strategy, lq -> Math.abs(lq.hashCode() % 3));
            }
        }
    }

    private static void run(long seed, QueueingStrategy strategy, ToDoubleFunction<String> usage) {
        Random rnd = new Random(seed);
        PendingQueue q = new PendingQueue(strategy, usage, () -> { });
        PlainQueue ref = new PlainQueue(strategy, usage);
        List<WorkloadInfo> out = new ArrayList<>();
        List<WorkloadInfo> queued = new ArrayList<>();
        String where = "seed " + seed + " " + strategy + (usage == null ? "" : " fair");
        for (int step = 0; step < 200; step++) {
            int op = rnd.nextInt(12);
            if (op < 3 || queued.isEmpty() && out.isEmpty()) {
                WorkloadInfo w = newWorkload(rnd, seed * 1000 + step);
                q.arrive(w);
                ref.arrive(w);
                queued.add(w);
            } else if (op < 6) {
                WorkloadInfo a = q.pop();
                WorkloadInfo b = ref.pop();
                assertThat(a).as(where + " step " + step + ": head").isSameAs(b);
                if (a != null) {
                    queued.remove(a);
                    out.add(a);
                }
            } else if (op < 8 && !out.isEmpty()) {
                WorkloadInfo w = out.remove(rnd.nextInt(out.size()));
                RequeueReason reason = REASONS[rnd.nextInt(REASONS.length)];
                q.requeue(w, reason);
                ref.requeue(w, reason);
                queued.add(w);
            } else if (op == 8) {
                q.flushInadmissible();
                ref.flushInadmissible();
            } else if (op >= 10) {
                // A cycle's head stays in place until requeued or admitted; the plain queue pops it.
                WorkloadInfo a = q.head();
                WorkloadInfo b = ref.pop();
                assertThat(a).as(where + " step " + step + ": cycle head").isSameAs(b);
                if (a != null && rnd.nextInt(4) == 0) {
                    q.flushInadmissible();
                    ref.flushInadmissible();
                }
                if (a != null && rnd.nextInt(5) == 0) {
                    q.admitted(a);
                    ref.admitted(a);
                    queued.remove(a);
                } else if (a != null) {
                    RequeueReason reason = REASONS[rnd.nextInt(REASONS.length)];
                    q.requeue(a, reason);
                    ref.requeue(a, reason);
                }
            } else if (!queued.isEmpty()) {
                WorkloadInfo w = queued.remove(rnd.nextInt(queued.size()));
                assertThat(q.remove(w)).as(where + " step " + step + ": remove").isEqualTo(ref.remove(w));
            }
            assertThat(q.activeCount()).as(where + " step " + step + ": active").isEqualTo(ref.active.size());
            assertThat(q.inadmissibleCount()).as(where + " step " + step + ": inadmissible")
                    .isEqualTo(ref.inadmissible.size());
        }
        assertThat(q.inOrder()).as(where + ": listing").containsExactlyElementsOf(ref.inOrder());
    }

    /** Few shapes, LocalQueues and priorities so groups are large and collide often. */
    private static WorkloadInfo newWorkload(Random rnd, long id) {
        int shape = rnd.nextInt(4); // 0 is the unknown shape: never grouped
        int priority = shape * 10;
        String lq = "lq-" + rnd.nextInt(3);
        var spec = workload("ns", "w" + id).queue(lq).priority(priority).created(rnd.nextInt(50)).build();
        return new WorkloadInfo(spec, priority, spec.metadata().creationTimestamp().toEpochMilli(), List.of(), shape);
    }

    /** The queue without groups: every workload ranked, a shape set aside one workload at a time. */
    private static final class PlainQueue {
        final QueueingStrategy strategy;
        final Comparator<WorkloadInfo> order;
        final TreeSet<WorkloadInfo> active;
        final Map<String, WorkloadInfo> inadmissible = new LinkedHashMap<>();
        final Set<Integer> setAside = new HashSet<>();
        WorkloadInfo sticky;
        long popCycle;
        long flushedAt = -1;

        PlainQueue(QueueingStrategy strategy, ToDoubleFunction<String> usage) {
            this.strategy = strategy;
            this.order = usage == null ? WorkloadInfo.QUEUE_ORDER
                    : Comparator.<WorkloadInfo>comparingDouble(w -> usage.applyAsDouble(String.valueOf(w.localQueueKey())))
                            .thenComparing(WorkloadInfo.QUEUE_ORDER);
            this.active = new TreeSet<>(order);
        }

        void push(WorkloadInfo w) {
            inadmissible.remove(w.key());
            active.add(w);
        }

        /** A workload new to the queue: one of a shape set aside since the last flush waits with them. */
        void arrive(WorkloadInfo w) {
            if (w.shape() != WorkloadInfo.UNKNOWN_SHAPE && setAside.contains(w.shape())) {
                inadmissible.put(w.key(), w);
            } else {
                push(w);
            }
        }

        WorkloadInfo pop() {
            popCycle++;
            if (sticky != null && active.remove(sticky)) {
                return sticky;
            }
            return active.pollFirst();
        }

        void requeue(WorkloadInfo w, RequeueReason reason) {
            boolean immediate = strategy == QueueingStrategy.StrictFIFO
                    ? reason != RequeueReason.NAMESPACE_MISMATCH : reason.immediateForBestEffort();
            if (reason == RequeueReason.PENDING_PREEMPTION && strategy == QueueingStrategy.BestEffortFIFO) {
                sticky = w;
            }
            if (immediate || flushedAt >= popCycle) {
                push(w);
            } else if (!active.contains(w)) {
                inadmissible.put(w.key(), w);
                if ((reason == RequeueReason.NO_FIT || reason == RequeueReason.PREEMPTION_NO_CANDIDATES)
                        && w.shape() != WorkloadInfo.UNKNOWN_SHAPE) {
                    setAside.add(w.shape());
                    for (WorkloadInfo same : new ArrayList<>(active)) {
                        if (same.shape() == w.shape()) {
                            active.remove(same);
                            inadmissible.put(same.key(), same);
                        }
                    }
                }
            }
        }

        void admitted(WorkloadInfo w) {
            if (sticky == w) {
                sticky = null;
            }
        }

        boolean remove(WorkloadInfo w) {
            if (sticky == w) {
                sticky = null;
            }
            return active.remove(w) | inadmissible.remove(w.key()) != null;
        }

        void flushInadmissible() {
            setAside.clear();
            List<WorkloadInfo> waiting = new ArrayList<>(inadmissible.values());
            inadmissible.clear();
            active.addAll(waiting);
            flushedAt = popCycle;
        }

        /** Active and inadmissible together in the queue's order, the sticky preemptor first. */
        List<WorkloadInfo> inOrder() {
            List<WorkloadInfo> all = new ArrayList<>(active);
            all.addAll(inadmissible.values());
            all.sort(order);
            if (sticky != null && all.remove(sticky)) {
                all.add(0, sticky);
            }
            return all;
        }
    }

    @Test
    void aNewcomerOfAParkedShapeWaitsWithItAndAllComeBackInOrder() {
        PendingQueue q = new PendingQueue(QueueingStrategy.BestEffortFIFO);
        List<WorkloadInfo> ws = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var spec = workload("ns", "w" + i).queue("lq").priority(0).created(i).build();
            ws.add(new WorkloadInfo(spec, 0, spec.metadata().creationTimestamp().toEpochMilli(), List.of(), 7));
            q.push(ws.get(i));
        }
        WorkloadInfo head = q.pop();
        q.requeue(head, RequeueReason.NO_FIT);
        assertThat(q.activeCount()).as("the whole shape is set aside").isZero();
        assertThat(q.inadmissibleCount()).isEqualTo(5);
        var late = workload("ns", "late").queue("lq").priority(0).created(9).build();
        WorkloadInfo newcomer = new WorkloadInfo(late, 0, late.metadata().creationTimestamp().toEpochMilli(), List.of(), 7);
        q.arrive(newcomer);
        assertThat(q.activeCount()).as("Kueue's bulk-moved equivalence class: it waits until the flush").isZero();
        assertThat(q.inadmissibleCount()).isEqualTo(6);
        q.flushInadmissible();
        Set<String> seen = new HashSet<>();
        List<String> popped = new ArrayList<>();
        for (WorkloadInfo w = q.pop(); w != null; w = q.pop()) {
            assertThat(seen.add(w.key())).isTrue();
            popped.add(w.key());
        }
        assertThat(popped).containsExactly("ns/w0", "ns/w1", "ns/w2", "ns/w3", "ns/w4", "ns/late");
    }
}
