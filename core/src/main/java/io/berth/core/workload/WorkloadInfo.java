package io.berth.core.workload;

import io.berth.api.kueue.Workload;
import io.berth.core.assign.ScanProgress;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A workload compiled for the engine: resolved priority, queue timestamp (epoch ms), pod set
 * requests, the LocalQueue it was submitted to, and the quota it holds when admitted.
 */
public final class WorkloadInfo {
    /** Queue order: priority (high first), then queue timestamp (old first), then uid (else namespace/name). */
    public static final Comparator<WorkloadInfo> QUEUE_ORDER = (a, b) -> {
        if (a.priority != b.priority) {
            return Integer.compare(b.priority, a.priority);
        }
        if (a.queueTimestamp != b.queueTimestamp) {
            return Long.compare(a.queueTimestamp, b.queueTimestamp);
        }
        int byUid = a.uidOrKey.compareTo(b.uidOrKey); // Kueue's last tie-breaker
        return byUid != 0 ? byUid : a.key.compareTo(b.key);
    };

    private final Workload spec;
    private final String key;
    private final String uidOrKey;
    private final String localQueueKey;
    private final String namespace;
    private final int priority;
    private long queueTimestamp;
    private List<PodSetRequests> podSets;
    private List<List<PodSetRequests>> alternatives = List.of();
    private List<Map<String, Map<String, String>>> subrequests = List.of();
    private int alternative;
    private final int shape;
    private AdmissionRecord admission;
    /**
     * The flavor-resource ids the admission charges, as bits, when all are below 64 (else
     * {@link #MANY_FRS}): preemption asks every candidate, and this spares reading its usage.
     */
    private long chargedFrs;
    private static final long MANY_FRS = -1;
    private long admittedAt;
    private long podsReadySince;
    private boolean recovering;
    private boolean evicted;
    private boolean setAside;
    private boolean podsReady;
    private int requeueCount;
    private ScanProgress scanProgress;

    public WorkloadInfo(Workload spec, int priority, long queueTimestamp, List<PodSetRequests> podSets) {
        this(spec, priority, queueTimestamp, podSets, UNKNOWN_SHAPE);
    }

    /** A shape equal to no other: the workload is never set aside with others. */
    public static final int UNKNOWN_SHAPE = 0;

    /** shape: an id equal for workloads that schedule identically (see {@link WorkloadCompiler}). */
    public WorkloadInfo(Workload spec, int priority, long queueTimestamp, List<PodSetRequests> podSets, int shape) {
        this.spec = spec;
        this.key = spec.metadata().key();
        String uid = spec.metadata().uid();
        this.uidOrKey = uid == null || uid.isEmpty() ? key : uid;
        String q = spec.queueName();
        this.namespace = spec.metadata().namespace();
        // Interned: queues compare it for every workload they hold, mostly to a key of the same LocalQueue.
        this.localQueueKey = q == null || q.isEmpty() ? null : (spec.metadata().namespace() + "/" + q).intern();
        this.priority = priority;
        this.queueTimestamp = queueTimestamp;
        this.podSets = List.copyOf(podSets);
        this.shape = shape;
    }

    /** Scheduling equivalence class: same priority, pod sets, requests and scheduling constraints. */
    public int shape() {
        return shape;
    }

    public Workload spec() {
        return spec;
    }

    /** "namespace/name". */
    public String key() {
        return key;
    }

    /** The uid, or namespace/name when it has none: the last tie-break among preemption candidates. */
    public String uidOrKey() {
        return uidOrKey;
    }

    public String namespace() {
        return namespace;
    }

    /** "namespace/queueName" of the LocalQueue, or null when the workload names none. */
    public String localQueueKey() {
        return localQueueKey;
    }

    public int priority() {
        return priority;
    }

    public long queueTimestamp() {
        return queueTimestamp;
    }

    /** Moves the workload in queue order (e.g. to its eviction time); only while it is in no queue. */
    public void setQueueTimestamp(long queueTimestamp) {
        this.queueTimestamp = queueTimestamp;
    }

    /** Whether all pods of the admitted workload are ready (waitForPodsReady). */
    public boolean podsReady() {
        return podsReady;
    }

    public void setPodsReady(boolean podsReady) {
        this.podsReady = podsReady;
    }

    /** How many times waitForPodsReady requeued it. */
    public int requeueCount() {
        return requeueCount;
    }

    /** The requeue count its status recorded (status.requeueState.count). */
    public void setRequeueCount(int count) {
        this.requeueCount = count;
    }

    public void countRequeue() {
        requeueCount++;
    }

    /** Where its last flavor search stopped, or null. */
    public ScanProgress scanProgress() {
        return scanProgress;
    }

    public void setScanProgress(ScanProgress scanProgress) {
        this.scanProgress = scanProgress;
    }

    public List<PodSetRequests> podSets() {
        return podSets;
    }

    /**
     * Charging alternatives (berth.deviceQuota.firstAvailable), in order of preference, each with the
     * firstAvailable subrequests it takes (per pod set, claim/request to subrequest).
     */
    void setAlternatives(List<List<PodSetRequests>> alternatives, List<Map<String, Map<String, String>>> subrequests) {
        this.alternatives = List.copyOf(alternatives);
        this.subrequests = List.copyOf(subrequests);
        this.podSets = this.alternatives.get(0);
        this.alternative = 0;
    }

    /** How many charging alternatives there are (at least 1). */
    public int alternativeCount() {
        return Math.max(1, alternatives.size());
    }

    /** Charges alternative i from now on: {@link #podSets} are its pod sets. */
    public void selectAlternative(int i) {
        if (!alternatives.isEmpty() && i != alternative) {
            alternative = i;
            podSets = alternatives.get(i);
            scanProgress = null;
        }
    }

    /** The firstAvailable subrequests the current alternative takes (per pod set, claim/request); empty without them. */
    public Map<String, Map<String, String>> subrequests() {
        return subrequests.isEmpty() ? Map.of() : subrequests.get(alternative);
    }

    public boolean canBePartiallyAdmitted() {
        for (PodSetRequests ps : podSets) {
            if (ps.canShrink()) {
                return true;
            }
        }
        return false;
    }

    public AdmissionRecord admission() {
        return admission;
    }

    public boolean isAdmitted() {
        return admission != null;
    }

    /** When the quota was reserved, epoch ms (preemption prefers the most recent). */
    public long admittedAt() {
        return admittedAt;
    }

    public void admit(AdmissionRecord record, long at) {
        this.admission = record;
        this.chargedFrs = bitsOf(record.usage());
        this.admittedAt = at;
        this.scanProgress = null;
        this.podsReadySince = at;
        this.recovering = false;
    }

    /**
     * Since when its pods are awaited (waitForPodsReady): admission, or the failure it is
     * recovering from; Long.MAX_VALUE while it is not admitted yet (quota reserved, checks pending).
     */
    public long podsReadySince() {
        return podsReadySince;
    }

    /** Whether its pods were ready and it waits for them to recover (Kueue's WaitForRecovery). */
    public boolean recovering() {
        return recovering;
    }

    /** As its status says: admitted (or its pods failed, recovering) at since, or not admitted yet. */
    void awaitPodsSince(long since, boolean recovering) {
        this.podsReadySince = since;
        this.recovering = recovering;
    }

    public void clearAdmission() {
        this.admission = null;
        this.evicted = false;
        this.podsReady = false;
    }

    /** Whether it was chosen for eviction and still holds its quota until it is gone. */
    public boolean isEvicted() {
        return evicted;
    }

    /**
     * Through {@link AdmittedWorkloads#markEvicted}, which also indexes it, or when compiled from a
     * Workload whose eviction is under way (indexed as it is added).
     */
    void markEvicted() {
        this.evicted = true;
    }

    /**
     * Whether it was set aside for the rest of a cycle as if gone (it is that cycle's victim):
     * preemption must not look at it again.
     */
    public boolean isSetAside() {
        return setAside;
    }

    /** Through {@link AdmittedWorkloads#setAside} and {@link AdmittedWorkloads#putBack}. */
    void setAside(boolean aside) {
        this.setAside = aside;
    }

    private static long bitsOf(Usage u) {
        long bits = 0;
        for (int i = 0; i < u.size(); i++) {
            if (u.fr(i) >= Long.SIZE) {
                return MANY_FRS;
            }
            bits |= 1L << u.fr(i);
        }
        return bits;
    }

    /** Whether the admission charges any of these flavor-resource ids. */
    public boolean usesAny(BitSet frs) {
        if (chargedFrs != MANY_FRS) {
            for (long bits = chargedFrs; bits != 0; bits &= bits - 1) {
                if (frs.get(Long.numberOfTrailingZeros(bits))) {
                    return true;
                }
            }
            return false;
        }
        Usage u = admission.usage();
        for (int i = 0; i < u.size(); i++) {
            if (frs.get(u.fr(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return key;
    }
}
