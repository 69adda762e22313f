package io.berth.core;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.core.LimitRange;
import io.berth.api.core.Namespace;
import io.berth.api.core.RuntimeClass;
import io.berth.api.kueue.AdmissionMode;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.PriorityClass;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.StopPolicy;
import io.berth.api.kueue.Workload;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.ResourceClaim;
import io.berth.api.resource.ResourceClaimTemplate;
import io.berth.api.resource.ResourceSlice;
import io.berth.api.kueue.WorkloadPriorityClass;
import io.berth.core.assign.FlavorAssigner;
import io.berth.core.cycle.CycleResult;
import io.berth.core.cycle.PendingStatus;
import io.berth.core.cycle.Scheduler;
import io.berth.core.preempt.ClassicalPreemptor;
import io.berth.core.preempt.FairSharingPreemptor;
import io.berth.core.preempt.PreemptionExplainer;
import io.berth.core.preempt.PreemptionExplanation;
import io.berth.core.preempt.Preemptor;
import io.berth.core.queue.LocalQueueUsage;
import io.berth.core.queue.PendingQueue;
import io.berth.core.queue.QueueManager;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.FlavorResources;
import io.berth.core.quota.QuotaNode;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.ClaimingWorkloads;
import io.berth.core.workload.DeviceQuota;
import io.berth.core.workload.PodAdjustments;
import io.berth.core.workload.WorkloadCompiler;
import io.berth.core.workload.WorkloadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The admission engine: holds Kueue objects, keeps quota usage and queues up to date as they
 * change, and runs scheduling cycles. Pure: time is passed in, nothing is read or written
 * outside. Every run mode (what-if CLI, simulator, control plane, operator) drives this class.
 */
public final class Engine {
    private static final PendingStatus INACTIVE = new PendingStatus(PendingStatus.DEACTIVATED, "The workload is deactivated");
    /** Kueue's Evicted reason and message for a workload deactivated after backoffLimitCount requeues. */
    public static final String REQUEUING_LIMIT_EXCEEDED = "DeactivatedDueToRequeuingLimitExceeded";
    public static final String REQUEUING_LIMIT_EXCEEDED_MESSAGE =
            "The workload is deactivated due to exceeding the maximum number of re-queuing retries";
    /** The same for a workload deactivated after its maximumExecutionTimeSeconds. */
    public static final String MAXIMUM_EXECUTION_TIME_EXCEEDED = "DeactivatedDueToMaximumExecutionTimeExceeded";
    public static final String MAXIMUM_EXECUTION_TIME_EXCEEDED_MESSAGE =
            "The workload is deactivated due to exceeding the maximum execution time";
    private static final PendingStatus OUT_OF_TIME = new PendingStatus(PendingStatus.DEACTIVATED,
            MAXIMUM_EXECUTION_TIME_EXCEEDED_MESSAGE);
    private final Configuration config;
    private final FlavorResources frs;
    private final Map<String, ResourceFlavor> flavors = new TreeMap<>();
    private final Map<String, ClusterQueue> clusterQueues = new TreeMap<>();
    private final Map<String, Cohort> cohorts = new TreeMap<>();
    private final Map<String, LocalQueue> localQueues = new TreeMap<>();
    private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    private final PodAdjustments adjustments = new PodAdjustments();
    /** Workloads refused as misconfigured, as written: compiled again when an object that may mend them comes. */
    private final Map<String, Workload> misconfigured = new HashMap<>();
    private final Map<String, WorkloadPriorityClass> workloadPriorityClasses = new HashMap<>();
    private final Map<String, PriorityClass> priorityClasses = new HashMap<>();
    private final DeviceQuota devices;
    private final ClaimingWorkloads claimWorkloads = new ClaimingWorkloads();
    private final WorkloadCompiler compiler;
    private final Map<String, WorkloadInfo> workloads = new HashMap<>();
    private final Set<QuotaNode> releasedIn = new LinkedHashSet<>();
    /** Trees where a minimum runtime protected a candidate, and when the first protection ends. */
    private final Map<QuotaNode, Long> protectionEnds = new HashMap<>();
    private final Map<String, PendingStatus> pendingStatus = new HashMap<>();
    private final Map<String, PendingStatus> unqueueable = new LinkedHashMap<>();
    private final List<WorkloadInfo> evicting = new ArrayList<>();
    private final QueueManager queues = new QueueManager();
    private final AdmittedWorkloads admitted = new AdmittedWorkloads();
    private QuotaTree tree;
    private Scheduler scheduler;
    private boolean configChanged = true;
    private Map<String, String> evictedBetweenCycles = new LinkedHashMap<>();
    private long now;
    private long generation;
    private long cycleNumber;
    private final LocalQueueUsage fairUsage;
    private FlavorAssigner assigner;
    private PreemptionExplainer explainer;

    private final PodsReadyTracker podsReady;
    private final ExecutionDeadlines deadlines = new ExecutionDeadlines();
    private final AwaitingRequeue awaitingRequeue = new AwaitingRequeue();

    public Engine(Configuration config) {
        this.config = config;
        this.frs = new FlavorResources(config.countingUnits());
        this.devices = new DeviceQuota(config.deviceClassMappings(), config.berth().deviceQuota(), flavors::get,
                config.resources());
        this.compiler = new WorkloadCompiler(frs, workloadPriorityClasses, priorityClasses, devices, config);
        this.podsReady = new PodsReadyTracker(config.waitForPodsReady());
        this.fairUsage = config.admissionFairSharing() == null ? null : new LocalQueueUsage(config.admissionFairSharing(),
                frs, lq -> localQueues.containsKey(lq) ? localQueues.get(lq).fairSharingWeight() / 1000.0 : 1.0);
        if (fairUsage != null) {
            admitted.rankByLocalQueue(name -> clusterQueues.containsKey(name)
                    && clusterQueues.get(name).admissionMode() == AdmissionMode.UsageBasedAdmissionFairSharing,
                    w -> fairUsage.usage(w.localQueueKey()));
        }
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
            if (fairUsage != null) {
                fairUsage.seed(lq.metadata().key(), lq.consumedResources());
            }
        } else if (object instanceof Namespace ns) {
            namespaceLabels.put(ns.metadata().name(), ns.metadata().labels());
        } else if (adjustments.apply(object)) {
            compileWaitingAgain(object);
        } else if (object instanceof WorkloadPriorityClass p) {
            workloadPriorityClasses.put(p.metadata().name(), p);
            compileMisconfiguredAgain(w -> names(w, true, p.metadata().name()));
        } else if (object instanceof PriorityClass p) {
            priorityClasses.put(p.metadata().name(), p);
            compileMisconfiguredAgain(w -> names(w, false, p.metadata().name()));
        } else if (deviceObject(object)) {
            if (devices.apply(object)) {
                claimWorkloads.devicesChanged();
            }
        } else if (!(object instanceof ResourceClaim)) { // claims decide where devices go, not quota
            throw new IllegalArgumentException("unsupported kind " + object.kind());
        }
    }

    private static boolean deviceObject(KubeObject o) {
        return o instanceof ResourceClaimTemplate || o instanceof DeviceClass || o instanceof ResourceSlice
                || o instanceof io.berth.api.resource.Node;
    }

    /**
     * Forgets a ResourceClaimTemplate (key namespace/name), DeviceClass, ResourceSlice or Node (key: name);
     * pending workloads that claim devices are charged again at the next cycle. Returns whether the
     * kind is one of these.
     */
    public boolean deleteDeviceObject(String kind, String key) {
        if (!devices.delete(kind, key)) {
            return false;
        }
        claimWorkloads.devicesChanged();
        return true;
    }

    public void applyAll(Collection<? extends KubeObject> objects) {
        objects.stream().filter(Engine::neededByWorkloads).forEach(this::apply);
        objects.stream().filter(o -> !neededByWorkloads(o)).forEach(this::apply);
    }

    /** Priority classes, RuntimeClasses, LimitRanges and device objects go first: workloads resolve them when applied. */
    private static boolean neededByWorkloads(KubeObject o) {
        return o instanceof WorkloadPriorityClass || o instanceof PriorityClass || o instanceof RuntimeClass
                || o instanceof LimitRange || deviceObject(o);
    }

    /**
     * After a RuntimeClass or LimitRange changed: the waiting workloads it may adjust (queued, or
     * refused as misconfigured) are compiled again, as Kueue requeues them; admitted ones keep the
     * quota they hold.
     */
    private void compileWaitingAgain(KubeObject changed) {
        List<Workload> waiting = new ArrayList<>();
        for (WorkloadInfo w : workloads.values()) {
            if (!w.isAdmitted() && PodAdjustments.affects(changed, w.spec())) {
                waiting.add(w.spec());
            }
        }
        waiting.forEach(this::applyWorkload);
        compileMisconfiguredAgain(w -> PodAdjustments.affects(changed, w));
    }

    /** Whether w names this WorkloadPriorityClass (workloadClass) or PriorityClass. */
    private static boolean names(Workload w, boolean workloadClass, String className) {
        return w.priorityClass() != null && w.priorityClass().isWorkloadPriorityClass() == workloadClass
                && w.priorityClass().name().equals(className);
    }

    /** Compiles again the workloads refused as misconfigured that an object just applied may mend. */
    private void compileMisconfiguredAgain(Predicate<Workload> mendedBy) {
        if (!misconfigured.isEmpty()) {
            misconfigured.values().stream().filter(mendedBy).toList().forEach(this::applyWorkload);
        }
    }

    private <T> void configure(Map<String, T> map, String key, T value) {
        map.put(key, value);
        configChanged = true;
    }

    private void applyWorkload(Workload w) {
        if (w.isTrue(Workload.FINISHED)) {
            remove(w.metadata().key()); // a finished workload holds no quota and is never queued again
            return;
        }
        claimWorkloads.track(w, devices.readsClaims(w));
        unqueueable.remove(w.metadata().key());
        misconfigured.remove(w.metadata().key());
        awaitingRequeue.forget(w.metadata().key());
        if (!w.active()) {
            podsReady.forget(w.metadata().key());
        }
        WorkloadInfo previous = workloads.remove(w.metadata().key());
        if (previous != null) {
            if (previous.isAdmitted() && !w.active()) {
                evictedBetweenCycles.put(previous.key(), "Deactivated");
            }
            forget(previous);
        }
        WorkloadInfo info;
        try {
            info = compiler.compile(w, adjustments);
        } catch (WorkloadCompiler.Misconfigured e) {
            unqueueable.put(w.metadata().key(), new PendingStatus(PendingStatus.MISCONFIGURED, e.getMessage()));
            misconfigured.put(w.metadata().key(), w);
            return;
        }
        workloads.put(info.key(), info);
        if (!w.active()) {
            // Read with quota (at a start or rebuild) but inactive: evicted, as Kueue's workload
            // controller does. One the engine already held was reported above.
            if (previous == null && info.isAdmitted() && !info.isEvicted()) {
                evictedBetweenCycles.put(info.key(), "Deactivated");
            }
            info.clearAdmission();
        }
        if (info.isAdmitted()) {
            if (tree != null && !configChanged) {
                tree.ensureCapacity();
                holdQuota(info);
            }
            return;
        }
        Instant requeueAt = w.requeueState() == null ? null : w.requeueState().requeueAt();
        if (!w.active()) {
            unqueueable.put(info.key(), INACTIVE);
        } else if (w.isAdmissionGated()) {
            unqueueable.put(info.key(), new PendingStatus(PendingStatus.ADMISSION_GATED,
                    "Admission is gated by: " + w.admissionGatedBy()));
        } else if (w.isFalse(Workload.REQUEUED)) {
            awaitingRequeue.hold(info.key(), requeueAt == null ? Long.MIN_VALUE : requeueAt.toEpochMilli());
        } else if (requeueAt != null && requeueAt.toEpochMilli() > now) {
            podsReady.holdUntil(info.key(), requeueAt.toEpochMilli()); // waiting out its backoff
        } else if (!configChanged && !podsReady.inBackoff(info.key())) {
            if (previous == null) {
                queues.arrive(info);
            } else {
                queues.add(info); // changed, or charged again: tried again
            }
        }
    }

    /** The workload finished or was deleted: its quota is released and waiting workloads retried. */
    public void remove(String workloadKey) {
        claimWorkloads.forget(workloadKey);
        unqueueable.remove(workloadKey);
        misconfigured.remove(workloadKey);
        awaitingRequeue.forget(workloadKey);
        podsReady.forget(workloadKey);
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

    /**
     * Runs one scheduling cycle at virtual time now (epoch ms): first completes the evictions
     * decided earlier and the waitForPodsReady timeouts and backoffs that are due, then admits.
     */
    public CycleResult schedule(long now) {
        this.now = now;
        for (Workload w : claimWorkloads.toRecharge(key -> workloads.containsKey(key) && workloads.get(key).isAdmitted())) {
            applyWorkload(w);
        }
        prepare();
        CycleResult result = cycle(now, evictedBetweenCycles);
        evictedBetweenCycles = new LinkedHashMap<>();
        for (int i = 1; i < config.berth().admissionsPerClusterQueue(); i++) {
            result = result.then(cycle(now, new LinkedHashMap<>()));
        }
        return result;
    }

    /** One cycle; evicted: the evictions to report with it, which it adds its own to. */
    private CycleResult cycle(long now, Map<String, String> evicted) {
        for (String key : awaitingRequeue.takeRequeued()) {
            queueIfWaiting(workloads.get(key));
        }
        CycleResult result = admit(now, evicted);
        awaitingRequeue.afterCycle(now);
        return result;
    }

    /** Queues w (when known) if it belongs in a queue now: {@link #waitsInAQueue}. */
    private void queueIfWaiting(WorkloadInfo w) {
        if (w != null && waitsInAQueue(w)) {
            queues.add(w);
        }
    }

    /** Whether w belongs in its queue: not admitted, queueable, and held neither by a backoff nor for Requeued. */
    private boolean waitsInAQueue(WorkloadInfo w) {
        return !w.isAdmitted() && !unqueueable.containsKey(w.key()) && !podsReady.inBackoff(w.key())
                && !awaitingRequeue.holds(w.key());
    }

    /** The cycle proper: evictions and backoffs that are due, then the scheduler's admissions. */
    private CycleResult admit(long now, Map<String, String> evicted) {
        completeEvictions();
        for (String key : podsReady.expiredBackoffs(now)) {
            queueIfWaiting(workloads.get(key)); // one given with Requeued=False meanwhile waits for that too
        }
        if (podsReady.enabled()) {
            evictNotReady(now, evicted);
        }
        deactivateOutOfTime(now, evicted);
        if (fairUsage != null) {
            fairUsage.sampleIfDue(now);
        }
        protectionEnds.entrySet().removeIf(e -> {
            if (e.getValue() > now) {
                return false;
            }
            releasedIn.add(e.getKey());
            return true;
        });
        flushReleased();
        CycleResult result = scheduler.run(now, ++cycleNumber, podsReady.blocksAdmission());
        for (WorkloadInfo w : result.admitted()) {
            pendingStatus.remove(w.key());
            podsReady.admitted(w);
            deadlines.admitted(w);
            if (fairUsage != null && w.localQueueKey() != null) {
                fairUsage.admitted(w.localQueueKey(), w.admission().usage());
                fairUsage.penalize(w.localQueueKey(), w.admission().usage(), now);
            }
        }
        pendingStatus.putAll(result.pending());
        result.preempted().forEach(t -> evicting.add(t.workload()));
        return result.withEvicted(evicted);
    }

    /**
     * Admitted workloads past their maximumExecutionTimeSeconds are deactivated: evicted, their
     * quota released, out of the queues, as Kueue's workload controller does.
     */
    private void deactivateOutOfTime(long now, Map<String, String> evicted) {
        for (String key : deadlines.due(now)) {
            WorkloadInfo w = workloads.get(key);
            if (w != null && w.isAdmitted()) {
                releaseQuota(w);
                w.clearAdmission();
                podsReady.forget(key);
                evicted.put(key, MAXIMUM_EXECUTION_TIME_EXCEEDED);
                unqueueable.put(key, OUT_OF_TIME);
            }
        }
    }

    /** Admitted workloads whose pods were not all ready within the timeout are evicted and requeued after a backoff. */
    private void evictNotReady(long now, Map<String, String> evicted) {
        for (WorkloadInfo w : podsReady.timedOut(now)) {
            releaseQuota(w);
            w.clearAdmission();
            PendingStatus status = podsReady.requeue(w, now);
            boolean deactivated = status == PodsReadyTracker.DEACTIVATED;
            evicted.put(w.key(), deactivated ? REQUEUING_LIMIT_EXCEEDED : "PodsReadyTimeout");
            (deactivated ? unqueueable : pendingStatus).put(w.key(), status);
        }
    }

    private static List<WorkloadInfo> sorted(Collection<WorkloadInfo> ws) {
        List<WorkloadInfo> list = new ArrayList<>(ws);
        list.sort(Comparator.comparing(WorkloadInfo::key));
        return list;
    }

    /**
     * Evicts an admitted workload for a reason outside the engine (a node failed, the job was
     * suspended): its quota is released and it goes back to its queue. Reported with the
     * reason in the next cycle's result.
     */
    public void evict(String workloadKey, String reason) {
        WorkloadInfo w = workloads.get(workloadKey);
        if (w == null || !w.isAdmitted()) {
            return;
        }
        if (tree != null && !configChanged) {
            releaseQuota(w);
        }
        w.clearAdmission();
        evictedBetweenCycles.put(workloadKey, reason);
        if (!configChanged) {
            queues.add(w);
        }
    }

    /**
     * When the engine next has something to do on its own even if nothing else happens (a
     * waitForPodsReady timeout or backoff expiring, a minimum runtime or a maximum execution time
     * ending), or Long.MAX_VALUE. Event-driven callers (the simulator, the operator) schedule a cycle then.
     */
    public long nextWakeUp() {
        long next = Math.min(podsReady.nextDeadline(), awaitingRequeue.nextWakeUp(now));
        next = Math.min(next, deadlines.nextDeadline());
        for (long until : protectionEnds.values()) {
            next = Math.min(next, until);
        }
        return next;
    }

    /**
     * status.requeueState as Kueue keeps it after PodsReady timeouts: how many times the workload
     * was requeued and, while its backoff runs, when it ends; null when it was never requeued.
     */
    public Workload.RequeueState requeueState(String workloadKey) {
        WorkloadInfo w = workloads.get(workloadKey);
        if (w == null || w.requeueCount() == 0) {
            return null;
        }
        Long until = podsReady.backoffUntil(workloadKey);
        return new Workload.RequeueState(w.requeueCount(), until == null ? null : Instant.ofEpochMilli(until));
    }

    /** The workload finished: its quota is released and waiting workloads are retried. */
    public void finish(String workloadKey) {
        remove(workloadKey);
    }

    /**
     * Reports whether all pods of an admitted workload are ready (waitForPodsReady): the
     * simulator and the operator call this as pods start or fail.
     */
    public void setPodsReady(String workloadKey, boolean ready) {
        WorkloadInfo w = workloads.get(workloadKey);
        if (w != null && w.isAdmitted()) {
            podsReady.setReady(w, ready);
        }
    }

    /** Victims chosen in the previous cycle are gone now: release their quota and queue them again. */
    private void completeEvictions() {
        for (WorkloadInfo victim : evicting) {
            if (victim.isAdmitted() && workloads.get(victim.key()) == victim) {
                releaseQuota(victim);
                victim.clearAdmission();
                queues.add(victim);
            }
        }
        evicting.clear();
    }

    /**
     * A minimum runtime kept a workload of cq from being preempted until the given time: the
     * tree's waiting workloads are retried then, as when quota is released.
     */
    private void protectedUntil(ClusterQueueNode cq, long until) {
        protectionEnds.merge(cq.root(), until, Math::min);
    }

    /** Rebuilds the quota tree and queues after configuration changes; cheap when nothing changed. */
    private void prepare() {
        if (!configChanged) {
            return;
        }
        tree = new QuotaTree(frs, clusterQueues.values(), cohorts.values(), flavors.keySet());
        tree.ensureCapacity();
        admitted.clear();
        if (fairUsage != null) {
            fairUsage.clearAdmitted();
        }
        podsReady.clearAwaiting();
        deadlines.clear();
        protectionEnds.clear();
        releasedIn.clear();
        for (WorkloadInfo w : workloads.values()) {
            if (w.isAdmitted()) {
                holdQuota(w);
            }
        }
        tree.clusterQueues().forEach(admitted::queue); // found by node from now on, not by name in some cycle
        Preemptor preemptor = config.fairSharing().enable()
                ? new FairSharingPreemptor(tree, admitted, () -> now, this::protectedUntil,
                        config.fairSharing().preemptionStrategies())
                : new ClassicalPreemptor(tree, admitted, () -> now, this::protectedUntil);
        assigner = new FlavorAssigner(frs, flavors, preemptor, config.fairSharing().enable(),
                config.resources().ignoreUndeclared());
        explainer = new PreemptionExplainer(tree, admitted, preemptor, () -> now);
        scheduler = new Scheduler(tree, queues, admitted, assigner, preemptor,
                ns -> namespaceLabels.getOrDefault(ns, Map.of()), config.fairSharing().enable(),
                config.waitForPodsReady().enable() && config.waitForPodsReady().blockAdmission());
        long built = ++generation;
        tree.clusterQueues().forEach(cq -> cq.setGeneration(built));
        List<WorkloadInfo> pending = workloads.values().stream()
                .filter(this::waitsInAQueue)
                .toList();
        queues.reset(tree.clusterQueues(), localQueues.values(), fairUsage);
        pending.forEach(queues::add);
        configChanged = false;
        drainStoppedQueues();
    }

    /** stopPolicy HoldAndDrain: workloads admitted through a stopped ClusterQueue or LocalQueue are evicted. */
    private void drainStoppedQueues() {
        List<WorkloadInfo> toDrain = new ArrayList<>();
        for (WorkloadInfo w : sorted(workloads.values())) {
            if (!w.isAdmitted()) {
                continue;
            }
            ClusterQueue cq = clusterQueues.get(w.admission().clusterQueue());
            LocalQueue lq = w.localQueueKey() == null ? null : localQueues.get(w.localQueueKey());
            if (cq != null && cq.stopPolicy() == StopPolicy.HoldAndDrain) {
                evictedBetweenCycles.put(w.key(), "ClusterQueueStopped");
                toDrain.add(w);
            } else if (lq != null && lq.stopPolicy() == StopPolicy.HoldAndDrain) {
                evictedBetweenCycles.put(w.key(), "LocalQueueStopped");
                toDrain.add(w);
            }
        }
        for (WorkloadInfo w : toDrain) {
            releaseQuota(w);
            w.clearAdmission();
            queues.add(w);
        }
    }

    private void holdQuota(WorkloadInfo w) {
        ClusterQueueNode cq = tree.clusterQueue(w.admission().clusterQueue());
        if (cq != null) {
            w.admission().usage().addTo(cq);
            admitted.add(w);
            if (fairUsage != null && w.localQueueKey() != null) {
                fairUsage.admitted(w.localQueueKey(), w.admission().usage());
            }
            if (w.isEvicted()) {
                admitted.markEvicted(w);
            }
            podsReady.admitted(w);
            deadlines.admitted(w);
        }
    }

    private void releaseQuota(WorkloadInfo w) {
        ClusterQueueNode cq = tree.clusterQueue(w.admission().clusterQueue());
        if (cq == null) {
            return;
        }
        w.admission().usage().removeFrom(cq);
        cq.setGeneration(++generation);
        admitted.remove(w);
        if (fairUsage != null && w.localQueueKey() != null) {
            fairUsage.released(w.localQueueKey(), w.admission().usage());
        }
        podsReady.released(w.key());
        deadlines.released(w.key());
        releasedIn.add(cq.root());
    }

    /**
     * Whether another cycle at the same instant could admit anything: some ClusterQueue has active
     * workloads, or released quota will bring inadmissible ones back.
     */
    public boolean hasActiveWorkloads() {
        return !releasedIn.isEmpty() || queues.hasActiveWorkloads();
    }

    /**
     * Quota was released in these trees since the last cycle: their inadmissible workloads are
     * retried. Done once per tree before the next cycle rather than at every release, with the
     * same outcome since no cycle runs in between.
     */
    private void flushReleased() {
        if (!releasedIn.isEmpty()) {
            queues.flushInadmissible(cq -> releasedIn.contains(tree.clusterQueue(cq).root()));
            releasedIn.clear();
        }
    }

    public Configuration configuration() {
        return config;
    }

    /** Every known workload, by namespace/name (sorted on each call: not for hot paths). */
    public List<WorkloadInfo> workloads() {
        return sorted(workloads.values());
    }

    public WorkloadInfo workload(String key) {
        return workloads.get(key);
    }

    /** Why each workload without quota waits (deactivated ones excluded), by namespace/name. */
    public Map<String, PendingStatus> pendingStatuses() {
        prepare();
        flushReleased();
        Map<String, PendingStatus> result = new TreeMap<>();
        unqueueable.forEach((key, status) -> {
            WorkloadInfo w = workloads.get(key);
            if (w == null || w.spec().active()) {
                result.put(key, status);
            }
        });
        for (String key : podsReady.inBackoff()) {
            result.put(key, pendingStatus.getOrDefault(key, new PendingStatus(PendingStatus.PENDING,
                    "Requeued after PodsReadyTimeout; waiting for the backoff to expire")));
        }
        for (String key : awaitingRequeue.keys()) {
            result.put(key, new PendingStatus(PendingStatus.PENDING, "Requeued=False: waiting to be requeued"));
        }
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

    /**
     * Why a workload is in no ClusterQueue's queue (its admission is gated, its LocalQueue or
     * ClusterQueue is missing, or its LocalQueue is stopped), as Kueue's queue manager refuses it;
     * null when it is queued or admitted.
     */
    public String notQueuedReason(String key) {
        prepare();
        PendingStatus held = unqueueable.get(key);
        if (held != null && held.reason().equals(PendingStatus.ADMISSION_GATED)) {
            return held.message();
        }
        return queues.parkedReason(key);
    }

    /** Per ClusterQueue, the workloads waiting in it in Kueue's visibility order ({@link PendingQueue#inOrder}). */
    public Map<String, List<WorkloadInfo>> pendingInQueueOrder() {
        prepare();
        Map<String, List<WorkloadInfo>> result = new TreeMap<>();
        queues.queues().forEach((cq, q) -> result.put(cq, q.inOrder()));
        return result;
    }

    /** Why one workload waits; null when it holds quota. Computes all statuses: not for hot paths. */
    public PendingStatus pendingStatus(String key) {
        return pendingStatuses().get(key);
    }

    /**
     * Beyond Kueue: for a pending workload, which workloads it would preempt now and why, or what
     * blocks preemption; NOT_NEEDED when it fits, cannot fit at all, or is not queued.
     */
    public PreemptionExplanation explainPreemption(String key) {
        prepare();
        WorkloadInfo w = workloads.get(key);
        String cqName = w == null || w.isAdmitted() ? null : queues.clusterQueueOf(w);
        ClusterQueueNode cq = cqName == null ? null : tree.clusterQueue(cqName);
        if (cq == null) {
            return PreemptionExplanation.NOT_NEEDED;
        }
        return explainer.explain(w, cq, assigner.assign(w, cq, null));
    }

    /** status.fairSharing.weightedShare of every ClusterQueue and Cohort, by name. */
    public Map<String, Long> weightedShares() {
        prepare();
        Map<String, Long> shares = new TreeMap<>();
        tree.cohorts().forEach(c -> shares.put(c.name(), c.dominantResourceShare(frs).weightedShare()));
        tree.clusterQueues().forEach(c -> shares.put(c.name(), c.dominantResourceShare(frs).weightedShare()));
        return shares;
    }

    public QuotaTree quotaTree() {
        prepare();
        return tree;
    }

    public FlavorResources flavorResources() {
        return frs;
    }
}
