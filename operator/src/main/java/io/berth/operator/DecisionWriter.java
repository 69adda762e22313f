package io.berth.operator;

import io.berth.api.kueue.Admission;
import io.berth.api.kueue.Workload;
import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import io.berth.core.cycle.PendingStatus;
import io.berth.core.preempt.Target;
import io.berth.core.quota.QuotaNode;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.WorkloadInfo;
import io.berth.operator.http.OperatorMetrics;
import io.berth.operator.kube.ClusterCache;
import io.berth.operator.kube.ClusterWriter;
import io.berth.operator.kube.EventRecorder;
import io.berth.operator.kube.KueueApi;
import io.berth.operator.status.AdmissionRecords;
import io.berth.operator.status.Conditions;
import io.berth.operator.status.WorkloadStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the engine's decisions back as Kueue would: admissions (status.admission, QuotaReserved
 * and Admitted, the Job started), preemptions and evictions (Evicted, Preempted, quota released,
 * the Job stopped), pending reasons (QuotaReserved=False), with Events and metrics. The Workload
 * status is written before the Job is touched, so a restart in between finds the admission and
 * finishes the Job's part; nothing is admitted twice.
 */
final class DecisionWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionWriter.class);
    private static final Map<String, String> PREEMPTION_REASONS = Map.of(
            "InClusterQueue", "prioritization in the ClusterQueue",
            "InCohortReclamation", "reclamation within the cohort",
            "InCohortFairSharing", "Fair Sharing within the cohort",
            "InCohortReclaimWhileBorrowing", "reclamation within the cohort while borrowing");
    private static final Map<String, String> EVICTION_MESSAGES = Map.of(
            "PodsReadyTimeout", "Exceeded the PodsReady timeout",
            "Deactivated", "The workload is deactivated",
            Engine.REQUEUING_LIMIT_EXCEEDED, Engine.REQUEUING_LIMIT_EXCEEDED_MESSAGE,
            Engine.MAXIMUM_EXECUTION_TIME_EXCEEDED, Engine.MAXIMUM_EXECUTION_TIME_EXCEEDED_MESSAGE,
            "ClusterQueueStopped", "The ClusterQueue is stopped",
            "LocalQueueStopped", "The LocalQueue is stopped");
    /** Evictions that deactivate the workload (spec.active=false), with Kueue's underlying cause. */
    private static final Map<String, String> DEACTIVATIONS = Map.of(
            Engine.REQUEUING_LIMIT_EXCEEDED, "RequeuingLimitExceeded",
            Engine.MAXIMUM_EXECUTION_TIME_EXCEEDED, "MaximumExecutionTimeExceeded");

    private final ClusterCache cache;
    private final ClusterWriter writer;
    private final EngineFeed feed;
    private final JobSync jobs;
    private final EventRecorder events;
    private final OperatorMetrics metrics;
    private final Clock clock;

    DecisionWriter(ClusterCache cache, ClusterWriter writer, EngineFeed feed, JobSync jobs, EventRecorder events,
                   OperatorMetrics metrics, Clock clock) {
        this.cache = cache;
        this.writer = writer;
        this.feed = feed;
        this.jobs = jobs;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    void write(CycleResult result) {
        Instant now = clock.instant();
        for (WorkloadInfo w : result.admitted()) {
            admit(w, now);
        }
        String preemptor = preemptorOf(result);
        for (Target t : result.preempted()) {
            preempt(t, preemptor, now);
        }
        result.evicted().forEach((key, reason) -> evict(key, reason,
                EVICTION_MESSAGES.getOrDefault(reason, "Evicted: " + reason), null, now));
        result.pending().forEach((key, status) -> pending(key, status, now));
    }

    private void admit(WorkloadInfo w, Instant now) {
        Admission admission = AdmissionRecords.toApi(w, feed.engine().flavorResources());
        GenericKubernetesResource written = writer.updateStatus(KueueApi.WORKLOAD, w.namespace(), name(w.key()),
                status -> WorkloadStatus.reserve(status, admission, now));
        if (written == null) {
            return; // deleted meanwhile: its delete event releases the quota
        }
        feed.wrote(w.key(), admission, now);
        Instant created = w.spec().metadata().creationTimestamp();
        Duration waited = created == null ? Duration.ZERO : Duration.between(created, now).abs();
        events.record(written, EventRecorder.NORMAL, "QuotaReserved", "Quota reserved in ClusterQueue "
                + admission.clusterQueue() + ", wait time since queued was " + waited.toSeconds() + "s");
        events.record(written, EventRecorder.NORMAL, "Admitted", "Admitted by ClusterQueue "
                + admission.clusterQueue() + ", wait time since reservation was 0s");
        if (!w.subrequests().isEmpty()) {
            events.record(written, EventRecorder.NORMAL, "DeviceSubrequestsCharged", "Quota charged for the "
                    + "firstAvailable subrequests " + subrequests(w));
        }
        metrics.admitted(admission.clusterQueue(), priorityClass(w.spec()), waited);
        startOrStop(written, () -> jobs.startFor(written));
    }

    /** "pod set main: gpu/gpu=t4" per pod set, claim/request to the subrequest charged (berth.deviceQuota.firstAvailable). */
    private static String subrequests(WorkloadInfo w) {
        List<String> parts = new ArrayList<>();
        w.subrequests().forEach((podSet, chosen) -> parts.add("pod set " + podSet + ": " + String.join(", ",
                chosen.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())));
        return String.join("; ", parts);
    }

    private void preempt(Target t, String preemptor, Instant now) {
        WorkloadInfo victim = t.workload();
        String cq = victim.admission() == null ? feed.admissionOf(victim.key()) == null ? ""
                : feed.admissionOf(victim.key()).clusterQueue() : victim.admission().clusterQueue();
        String uid = "UNKNOWN";
        String jobUid = "UNKNOWN";
        String preemptorPath = "UNKNOWN";
        WorkloadInfo p = preemptor == null ? null : feed.engine().workload(preemptor);
        if (p != null) {
            uid = Objects.requireNonNullElse(p.spec().metadata().uid(), uid);
            jobUid = p.spec().metadata().labels().getOrDefault(KueueApi.JOB_UID_LABEL, jobUid);
            String pcq = clusterQueueOf(p);
            preemptorPath = pcq == null ? preemptorPath : path(pcq);
            if (pcq != null) {
                metrics.preempted(pcq, t.reason());
            }
        }
        String message = "Preempted to accommodate a workload (UID: " + uid + ", JobUID: " + jobUid + ") due to "
                + PREEMPTION_REASONS.getOrDefault(t.reason(), "UNKNOWN") + "; preemptor path: " + preemptorPath
                + "; preemptee path: " + (cq.isEmpty() ? "UNKNOWN" : path(cq));
        evict(victim.key(), "Preempted", message, t.reason(), now);
    }

    private void evict(String key, String reason, String message, String preemptionReason, Instant now) {
        String deactivatedFor = DEACTIVATIONS.get(reason);
        boolean deactivates = deactivatedFor != null;
        if (deactivates && !deactivate(key)) {
            return; // deleted meanwhile
        }
        // A timed-out workload's backoff, kept in its status as Kueue does; a deactivated one starts over.
        Workload.RequeueState requeue = "PodsReadyTimeout".equals(reason) ? feed.engine().requeueState(key) : null;
        GenericKubernetesResource written = writer.updateStatus(KueueApi.WORKLOAD, namespace(key), name(key),
                status -> WorkloadStatus.evict(status, reason, message, preemptionReason, now)
                        | (requeue != null && WorkloadStatus.requeueState(status, requeue.count(), requeue.requeueAt()))
                        | (deactivates && WorkloadStatus.dropRequeueState(status)));
        if (written == null) {
            return;
        }
        Admission before = feed.admissionOf(key);
        feed.wrote(key, null, now);
        Workload spec = feed.workload(key);
        metrics.evicted(before == null ? "" : before.clusterQueue(), deactivates ? "Deactivated" : reason,
                deactivates ? deactivatedFor : "", spec == null ? "" : priorityClass(spec));
        if (preemptionReason != null) {
            events.record(written, EventRecorder.NORMAL, "Preempted", message);
        }
        events.record(written, EventRecorder.NORMAL, "EvictedDueTo" + reason, message);
        startOrStop(written, () -> jobs.stopFor(written, message));
    }

    /**
     * Sets spec.active=false, as Kueue does for a workload past backoffLimitCount or its maximum
     * execution time, before its status says it is evicted: a restart in between reads an
     * admitted, inactive workload and evicts it again, and one after reads it inactive instead of
     * queueing it. False when it is gone.
     */
    private boolean deactivate(String key) {
        return writer.updateSpec(KueueApi.WORKLOAD, namespace(key), name(key),
                spec -> !Boolean.FALSE.equals(spec.put("active", false))) != null;
    }

    /**
     * The Job follows its Workload; a failure there is logged and retried by the loop's Job resync,
     * since the decision itself is already stored in the Workload.
     */
    private static void startOrStop(GenericKubernetesResource workload, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("Workload {}/{}: cannot update its Job yet: {}", workload.getMetadata().getNamespace(),
                    workload.getMetadata().getName(), e.toString());
        }
    }

    /** QuotaReserved=False with the engine's reason, written (with an Event) only when it changed. */
    void pending(String key, PendingStatus status, Instant now) {
        if (feed.admissionOf(key) != null || feed.isFinished(key)) {
            return;
        }
        GenericKubernetesResource current = cache.get(KueueApi.WORKLOAD, namespace(key), name(key));
        if (current == null) {
            return;
        }
        Map<String, Object> c = Conditions.find(ClusterWriter.statusOf(current), WorkloadStatus.QUOTA_RESERVED);
        if (c != null && "False".equals(c.get("status")) && status.reason().equals(c.get("reason"))
                && status.message().equals(c.get("message"))
                && !(WorkloadStatus.queuedWhile(status.reason())
                        && WorkloadStatus.awaitsRequeue(ClusterWriter.statusOf(current)))) {
            return;
        }
        GenericKubernetesResource written = writer.updateStatus(KueueApi.WORKLOAD, namespace(key), name(key),
                s -> WorkloadStatus.pending(s, status.reason(), status.message(), now));
        if (written != null) {
            events.record(written, EventRecorder.NORMAL, "Pending", status.message());
        }
    }

    /** The preemptor of this cycle's targets when one workload is waiting for preempted workloads. */
    private static String preemptorOf(CycleResult result) {
        List<String> waiting = result.pending().entrySet().stream()
                .filter(e -> PendingStatus.WAITING_FOR_PREEMPTED.equals(e.getValue().reason())).map(Map.Entry::getKey)
                .toList();
        return waiting.size() == 1 ? waiting.get(0) : null;
    }

    private String clusterQueueOf(WorkloadInfo w) {
        var lq = w.localQueueKey() == null ? null : feed.localQueues().get(w.localQueueKey());
        return lq == null ? null : lq.clusterQueue();
    }

    /** Kueue's queue path: "/cohort/.../clusterqueue". */
    private String path(String clusterQueue) {
        QuotaTree tree = feed.engine().quotaTree();
        QuotaNode node = tree.clusterQueue(clusterQueue);
        if (node == null) {
            return "/" + clusterQueue;
        }
        StringBuilder path = new StringBuilder();
        for (QuotaNode n = node; n != null; n = n.hasParent() ? n.parent() : null) {
            path.insert(0, "/" + n.name());
        }
        return path.toString();
    }

    private static String priorityClass(Workload w) {
        return w.priorityClass() == null ? "" : w.priorityClass().name();
    }

    private static String namespace(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    private static String name(String key) {
        return key.substring(key.indexOf('/') + 1);
    }
}
