package io.berth.core.queue;

import static io.berth.core.Kueue.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.kueue.QueueingStrategy;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pending workloads of one ClusterQueue, as Kueue's queue.ClusterQueue
 * (pkg/cache/queue/cluster_queue.go): heap order, and where a head that was not admitted goes.
 */
class PendingQueueTest {

    /** A pending workload: priority, created this many seconds after T0. */
    static WorkloadInfo wl(String key, int priority, long created) {
        String[] nsName = key.split("/");
        var spec = workload(nsName[0], nsName[1]).priority(priority).created(created).build();
        return new WorkloadInfo(spec, priority, spec.metadata().creationTimestamp().toEpochMilli(), List.of());
    }

    private static List<String> keys(List<WorkloadInfo> ws) {
        return ws.stream().map(WorkloadInfo::key).toList();
    }

    /** A queue of ns/head (priority 1) and ns/next (priority 0). */
    private static PendingQueue headThenNext(QueueingStrategy strategy) {
        PendingQueue q = new PendingQueue(strategy);
        q.push(wl("ns/head", 1, 0));
        q.push(wl("ns/next", 0, 0));
        return q;
    }

    private static List<String> drain(PendingQueue q) {
        List<String> out = new ArrayList<>();
        for (WorkloadInfo w = q.pop(); w != null; w = q.pop()) {
            out.add(w.key());
        }
        return out;
    }

    // ------------------------------------------------------------------ order

    static Stream<Arguments> order() {
        return Stream.of(
                Arguments.of("higher priority first, whatever the age",
                        List.of(wl("ns/old-low", 0, 1), wl("ns/new-high", 10, 9)),
                        List.of("ns/new-high", "ns/old-low")),
                Arguments.of("same priority: older first",
                        List.of(wl("ns/b-new", 5, 9), wl("ns/a-old", 5, 1)),
                        List.of("ns/a-old", "ns/b-new")),
                Arguments.of("same priority and age: namespace/name",
                        List.of(wl("team-b/a", 0, 1), wl("team-a/z", 0, 1), wl("team-a/b", 0, 1)),
                        List.of("team-a/b", "team-a/z", "team-b/a")),
                Arguments.of("negative priorities sort below 0",
                        List.of(wl("ns/neg", -5, 0), wl("ns/zero", 0, 5)),
                        List.of("ns/zero", "ns/neg")),
                Arguments.of("all three keys at once",
                        List.of(wl("ns/p0-t1", 0, 1), wl("ns/p1-t2", 1, 2), wl("ns/p1-t1-b", 1, 1),
                                wl("ns/p1-t1-a", 1, 1)),
                        List.of("ns/p1-t1-a", "ns/p1-t1-b", "ns/p1-t2", "ns/p0-t1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void order(String description, List<WorkloadInfo> pushed, List<String> expected) {
        PendingQueue q = new PendingQueue(QueueingStrategy.BestEffortFIFO);
        pushed.forEach(q::push);
        assertThat(keys(q.inOrder())).as("inOrder").isEqualTo(expected);
        assertThat(drain(q)).as("pop order").isEqualTo(expected);
    }

    // ------------------------------------------------------------------ requeue

    /**
     * The head (priority 1) is popped and requeued for a reason; where does it go, and what is
     * the next head? Kueue: StrictFIFO requeues immediately except on namespace mismatch;
     * BestEffortFIFO only after nomination failures and pending preemptions.
     */
    static Stream<Arguments> requeue() {
        return Stream.of(
                Arguments.of(QueueingStrategy.StrictFIFO, RequeueReason.NO_FIT, true),
                Arguments.of(QueueingStrategy.StrictFIFO, RequeueReason.PREEMPTION_NO_CANDIDATES, true),
                Arguments.of(QueueingStrategy.StrictFIFO, RequeueReason.GENERIC, true),
                Arguments.of(QueueingStrategy.StrictFIFO, RequeueReason.FAILED_AFTER_NOMINATION, true),
                Arguments.of(QueueingStrategy.StrictFIFO, RequeueReason.NAMESPACE_MISMATCH, false),
                Arguments.of(QueueingStrategy.BestEffortFIFO, RequeueReason.NO_FIT, false),
                Arguments.of(QueueingStrategy.BestEffortFIFO, RequeueReason.PREEMPTION_NO_CANDIDATES, false),
                Arguments.of(QueueingStrategy.BestEffortFIFO, RequeueReason.GENERIC, false),
                Arguments.of(QueueingStrategy.BestEffortFIFO, RequeueReason.NAMESPACE_MISMATCH, false),
                Arguments.of(QueueingStrategy.BestEffortFIFO, RequeueReason.FAILED_AFTER_NOMINATION, true),
                Arguments.of(QueueingStrategy.BestEffortFIFO, RequeueReason.PENDING_PREEMPTION, true));
    }

    @Test
    void theListingMixesInadmissibleAndActiveWorkloadsInQueueOrder() {
        PendingQueue q = headThenNext(QueueingStrategy.BestEffortFIFO);
        q.requeue(q.pop(), RequeueReason.NO_FIT); // the head steps aside; next is the active one

        assertThat(keys(q.inOrder())).as("as Kueue's visibility API lists them").containsExactly("ns/head", "ns/next");
    }

    @ParameterizedTest(name = "{0}, {1}: back in the heap = {2}")
    @MethodSource
    void requeue(QueueingStrategy strategy, RequeueReason reason, boolean immediate) {
        PendingQueue q = headThenNext(strategy);
        WorkloadInfo head = q.pop();

        q.requeue(head, reason);

        if (immediate) {
            assertThat(q.pop().key()).as("the head blocks the queue").isEqualTo("ns/head");
            assertThat(q.inadmissibleCount()).isZero();
        } else {
            assertThat(q.pop().key()).as("the head stepped aside").isEqualTo("ns/next");
            assertThat(q.inadmissibleCount()).isEqualTo(1);
            assertThat(keys(q.inOrder())).as("the head is still listed").containsExactly("ns/head");
        }
    }

    @Test
    void strictFifoHeadKeepsBlockingCycleAfterCycle() {
        PendingQueue q = new PendingQueue(QueueingStrategy.StrictFIFO);
        q.push(wl("ns/big", 0, 0));
        q.push(wl("ns/small", 0, 1));
        for (int cycle = 0; cycle < 3; cycle++) {
            WorkloadInfo head = q.pop();
            assertThat(head.key()).as("cycle " + cycle).isEqualTo("ns/big");
            q.requeue(head, RequeueReason.NO_FIT);
        }
        assertThat(q.activeCount()).isEqualTo(2);
    }

    @Test
    void bestEffortFifoFlushBringsInadmissibleWorkloadsBackInOrder() {
        PendingQueue q = new PendingQueue(QueueingStrategy.BestEffortFIFO);
        q.push(wl("ns/a", 2, 0));
        q.push(wl("ns/b", 1, 0));
        q.push(wl("ns/c", 0, 0));
        q.requeue(q.pop(), RequeueReason.NO_FIT); // a steps aside
        q.requeue(q.pop(), RequeueReason.NO_FIT); // b steps aside
        assertThat(q.activeCount()).isEqualTo(1);
        assertThat(q.inadmissibleCount()).isEqualTo(2);

        q.flushInadmissible();

        assertThat(q.inadmissibleCount()).isZero();
        assertThat(drain(q)).containsExactly("ns/a", "ns/b", "ns/c");
    }

    /**
     * Kueue's queueInadmissibleCycle: quota changed while the head was out of the queue (flush
     * after its pop), so a NO_FIT requeue goes straight back to the heap.
     */
    @Test
    void flushWhileTheHeadIsOutMakesItsRequeueImmediate() {
        PendingQueue q = headThenNext(QueueingStrategy.BestEffortFIFO);
        WorkloadInfo head = q.pop();
        q.flushInadmissible();

        q.requeue(head, RequeueReason.NO_FIT);

        assertThat(q.inadmissibleCount()).isZero();
        assertThat(q.pop().key()).isEqualTo("ns/head");
    }

    @Test
    void aCycleHeadStaysInPlaceUntilTheCycleSaysWhatBecameOfIt() {
        PendingQueue q = headThenNext(QueueingStrategy.BestEffortFIFO);

        WorkloadInfo head = q.head();
        assertThat(q.activeCount()).as("handed out, not removed").isEqualTo(2);
        q.requeue(head, RequeueReason.PENDING_PREEMPTION);
        assertThat(q.activeCount()).isEqualTo(2);
        assertThat(q.head()).as("the sticky preemptor comes first").isSameAs(head);

        q.admitted(head);
        assertThat(q.activeCount()).isEqualTo(1);
        assertThat(keys(q.inOrder())).containsExactly("ns/next");

        WorkloadInfo next = q.head();
        q.requeue(next, RequeueReason.NO_FIT);
        assertThat(q.activeCount()).isZero();
        assertThat(q.inadmissibleCount()).isEqualTo(1);
        assertThat(q.head()).isNull();
    }

    @Test
    void aFlushBeforeThePopDoesNotCount() {
        PendingQueue q = new PendingQueue(QueueingStrategy.BestEffortFIFO);
        q.push(wl("ns/head", 1, 0));
        q.flushInadmissible();
        WorkloadInfo head = q.pop();

        q.requeue(head, RequeueReason.NO_FIT);

        assertThat(q.inadmissibleCount()).isEqualTo(1);
        assertThat(q.pop()).isNull();
    }

    @Test
    void removeForgetsActiveAndInadmissibleWorkloads() {
        PendingQueue q = new PendingQueue(QueueingStrategy.BestEffortFIFO);
        WorkloadInfo parked = wl("ns/parked", 1, 0);
        WorkloadInfo active = wl("ns/active", 0, 0);
        q.push(parked);
        q.push(active);
        q.requeue(q.pop(), RequeueReason.NO_FIT);

        assertThat(q.remove(parked)).isTrue();
        assertThat(q.remove(active)).isTrue();
        assertThat(q.remove(active)).isFalse();
        assertThat(q.inOrder()).isEmpty();
    }
}
