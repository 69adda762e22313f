package io.berth.operator;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.io.InputException;
import io.berth.core.cycle.CycleResult;
import io.berth.core.cycle.PendingStatus;
import io.berth.operator.http.OperatorMetrics;
import io.berth.operator.job.JobWorkloads;
import io.berth.operator.kube.Change;
import io.berth.operator.kube.DraApi;
import io.berth.operator.kube.ClusterCache;
import io.berth.operator.kube.ClusterWriter;
import io.berth.operator.kube.EventRecorder;
import io.berth.operator.kube.KueueApi;
import io.berth.operator.kube.ObjectReader;
import io.berth.operator.status.QueueSnapshot;
import io.berth.operator.status.QueueStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.Consumer;

/**
 * The single thread that owns the engine. Informers only enqueue changes; this loop applies them,
 * runs scheduling cycles when something changed (or the engine asked to wake up), writes the
 * decisions back, and publishes an immutable {@link QueueSnapshot} for the HTTP endpoints. No
 * lock is needed because nothing else touches the engine. A bad object or a failed write is
 * logged and never stops the loop.
 */
final class ReconcileLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);
    /** Cycles in a row while each still admits or preempts: bounds one pass on a large backlog. */
    private static final int MAX_CYCLES_PER_PASS = 1000;
    private static final long IDLE_WAIT_MS = 1000;
    /** Every Job is brought in line this often, so a write that failed is retried even if nothing changes. */
    private static final long JOB_RESYNC_MS = 30_000;

    private final ClusterCache cache;
    private final EngineFeed feed;
    private final JobSync jobs;
    private final DecisionWriter decisions;
    private final ClusterWriter writer;
    private final ObjectReader reader;
    private final EventRecorder events;
    private final OperatorMetrics metrics;
    private final Clock clock;
    private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private volatile boolean ready;
    private volatile QueueSnapshot snapshot = QueueSnapshot.EMPTY;
    private boolean dirty = true;
    private long nextJobResync;
    private final Consumer<String> fatal;

    ReconcileLoop(KubernetesClient client, List<String> namespaces, Configuration config, OperatorMetrics metrics,
                  Clock clock, String identity, Consumer<String> fatal) {
        this.fatal = fatal;
        this.cache = new ClusterCache(client, namespaces, DraApi.needed(config));
        this.feed = new EngineFeed(config);
        this.writer = new ClusterWriter(client, cache);
        this.reader = new ObjectReader(client.getKubernetesSerialization());
        this.events = new EventRecorder(client, clock, "berth-operator", identity);
        this.jobs = new JobSync(cache, writer, feed, events, client.getKubernetesSerialization(), clock);
        this.decisions = new DecisionWriter(cache, writer, feed, jobs, events, metrics, clock);
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Whether the cache is rebuilt from the API server and the loop is admitting. */
    boolean ready() {
        return ready;
    }

    QueueSnapshot snapshot() {
        return snapshot;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            if (!startCache()) {
                return;
            }
            loadCache();
            ready = true;
            while (running) {
                Change first = changes.poll(waitMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    handle(first);
                    for (Change c; (c = changes.poll()) != null; ) {
                        handle(c);
                    }
                }
                if (running && (dirty || clock.millis() >= feed.engine().nextWakeUp())) {
                    pass();
                }
                if (running && clock.millis() >= nextJobResync) {
                    nextJobResync = clock.millis() + JOB_RESYNC_MS;
                    cache.jobs().forEach(j -> handle(new Change(j, false)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ready = false;
            cache.close();
        }
    }

    private boolean startCache() throws InterruptedException {
        var synced = cache.start(changes::add);
        while (running) {
            try {
                synced.get(IDLE_WAIT_MS, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                LOG.debug("waiting for the informers to list");
            } catch (ExecutionException e) {
                String cause = String.valueOf(e.getCause().getMessage());
                String why = "cannot watch the cluster: " + cause + (cause.contains("Not Found")
                        ? " (are Kueue's CRDs installed? kubectl apply -f deploy/crds/)" : "");
                LOG.error(why);
                fatal.accept(why);
                return false;
            }
        }
        return false;
    }

    /**
     * Everything the API server holds goes into the engine before the first cycle, so admitted
     * workloads hold their quota again and nothing is admitted past it.
     */
    private void loadCache() {
        List<ResourceDefinitionContext> kinds = new ArrayList<>(List.of(KueueApi.RESOURCE_FLAVOR, KueueApi.COHORT,
                KueueApi.CLUSTER_QUEUE, KueueApi.WORKLOAD_PRIORITY_CLASS, KueueApi.LOCAL_QUEUE));
        kinds.addAll(DraApi.ALL);
        for (ResourceDefinitionContext ctx : kinds) {
            cache.list(ctx).forEach(r -> handle(new Change(r, false)));
        }
        cache.namespaces().forEach(n -> handle(new Change(n, false)));
        cache.limitRanges().forEach(l -> handle(new Change(l, false)));
        cache.runtimeClasses().forEach(r -> handle(new Change(r, false)));
        cache.list(KueueApi.WORKLOAD).forEach(r -> handle(new Change(r, false)));
        cache.jobs().forEach(j -> handle(new Change(j, false)));
        dirty = true;
        nextJobResync = clock.millis() + JOB_RESYNC_MS;
    }

    private long waitMillis() {
        long untilWake = feed.engine().nextWakeUp() - clock.millis();
        return Math.max(1, Math.min(IDLE_WAIT_MS, untilWake));
    }

    private void handle(Change change) {
        HasMetadata obj = change.object();
        try {
            if (obj instanceof Job job) {
                dirty |= change.deleted() ? jobs.deleted(job) : jobs.reconcile(newest(job));
            } else if (obj instanceof Namespace) {
                if (!change.deleted()) {
                    dirty |= feed.upsert(reader.read(obj));
                }
            } else if (obj instanceof LimitRange || obj instanceof RuntimeClass) {
                // What adjusts workloads' requests; the engine is rebuilt without one that is gone.
                dirty |= change.deleted() ? feed.deleteQueueObject(obj.getKind(), keyOf(obj)) : feed.upsert(reader.read(obj));
            } else if (obj instanceof GenericKubernetesResource r) {
                handleKueue(r, change.deleted());
            }
        } catch (InputException e) {
            LOG.warn("ignoring {}: {}", describe(obj), e.getMessage());
            events.record(obj, EventRecorder.WARNING, "InvalidObject", e.getMessage());
        } catch (RuntimeException e) {
            if (!running) {
                return;
            }
            LOG.error("cannot reconcile {}: {}", describe(obj), e.toString());
            if (!(obj instanceof Job)) {
                // A Workload write may have failed half-way: start again from the cluster's state.
                feed.rebuild();
                dirty = true;
            }
            // A Job's state is derived from its Workload: the next resync tries again.
        }
    }

    /**
     * The cache's copy of a changed Job: a Workload's change handled in between may already have
     * reconciled a newer one, and going back to the event's copy would undo what that saw.
     */
    private Job newest(Job changed) {
        Job cached = cache.job(changed.getMetadata().getNamespace(), changed.getMetadata().getName());
        return cached != null ? cached : changed;
    }

    private void handleKueue(GenericKubernetesResource r, boolean deleted) {
        String kind = r.getKind();
        String key = keyOf(r);
        if (deleted) {
            if (kind.equals("Workload")) {
                feed.deleteWorkload(key);
                dirty = true;
                reconcileOwner(r);
            } else {
                dirty |= feed.deleteQueueObject(kind, key);
            }
            return;
        }
        KubeObject object = reader.read(r);
        dirty |= feed.upsert(object);
        if (kind.equals("Workload")) {
            reconcileOwner(r);
        }
    }

    /** A Workload changed or went away: its Job follows (started, stopped, or given a new Workload). */
    private void reconcileOwner(GenericKubernetesResource workload) {
        String owner = JobWorkloads.ownerJob(workload);
        Job job = owner == null ? null : cache.job(workload.getMetadata().getNamespace(), owner);
        if (job != null && job.getMetadata().getDeletionTimestamp() == null) {
            dirty |= jobs.reconcile(job);
        }
    }

    /** Cycles until nothing more is admitted or preempted, then statuses, snapshot and metrics. */
    private void pass() {
        dirty = false;
        try {
            for (int i = 0; i < MAX_CYCLES_PER_PASS && running; i++) {
                long start = System.nanoTime();
                CycleResult result = feed.engine().schedule(clock.millis());
                metrics.admissionAttempt(result.admittedAny(), Duration.ofNanos(System.nanoTime() - start));
                metrics.preemptionStats(result.preemptionStats());
                decisions.write(result);
                if (!result.admittedAny() && result.preempted().isEmpty()) {
                    break;
                }
            }
            Instant now = clock.instant();
            feed.engine().pendingStatuses().forEach((key, status) -> {
                if (!PendingStatus.PENDING.equals(status.reason())) {
                    decisions.pending(key, status, now);
                }
            });
            QueueSnapshot next = QueueSnapshot.build(feed.engine(), feed.localQueues().values());
            metrics.update(next); // before publishing: whoever sees the snapshot sees its metrics too
            snapshot = next;
            writeQueueStatus(next, now);
        } catch (RuntimeException e) {
            if (!running) {
                return; // shutting down: the next leader starts from the cluster's state anyway
            }
            // The engine may hold a decision the cluster does not: start again from the cluster's state.
            LOG.error("scheduling pass failed, rebuilding from the cache: {}", e.toString());
            feed.rebuild();
            dirty = true;
            nextJobResync = 0;
        }
    }

    private void writeQueueStatus(QueueSnapshot s, Instant now) {
        s.clusterQueues().values().forEach(cq -> writer.updateStatus(KueueApi.CLUSTER_QUEUE, null, cq.name(),
                status -> QueueStatus.clusterQueue(status, cq, now)));
        s.localQueues().values().forEach(lq -> writer.updateStatus(KueueApi.LOCAL_QUEUE, lq.namespace(), lq.name(),
                status -> QueueStatus.localQueue(status, lq, now)));
        // Cohorts only named by ClusterQueues have no object: the writer finds none and writes nothing.
        s.cohortShares().forEach((cohort, share) -> writer.updateStatus(KueueApi.COHORT, null, cohort,
                status -> QueueStatus.cohort(status, share)));
    }

    /** name, or namespace/name: how the engine keys an object. */
    private static String keyOf(HasMetadata obj) {
        return obj.getMetadata().getNamespace() == null ? obj.getMetadata().getName()
                : obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName();
    }

    private static String describe(HasMetadata obj) {
        return obj.getKind() + "/" + (obj.getMetadata().getNamespace() == null ? "" : obj.getMetadata().getNamespace() + "/")
                + obj.getMetadata().getName();
    }
}
