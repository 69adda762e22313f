package io.berth.core.cycle;

import io.berth.api.core.LabelSelector;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.core.assign.Assignment;
import io.berth.core.assign.FlavorAssigner;
import io.berth.core.assign.Mode;
import io.berth.core.assign.PartialAdmission;
import io.berth.core.assign.ScanProgress;
import io.berth.core.preempt.Preemptor;
import io.berth.core.preempt.Target;
import io.berth.core.queue.QueueManager;
import io.berth.core.queue.RequeueReason;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.NodeSet;
import io.berth.core.quota.QuotaNode;
import io.berth.core.quota.QuotaTree;
import io.berth.core.quota.UsageOverlay;
import io.berth.core.workload.AdmittedWorkloads;
import io.berth.core.workload.Usage;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One admission cycle, as Kueue's scheduler: take the head of every active ClusterQueue,
 * assign flavors to all of them against the same starting state, then process them in order
 * (classical: not borrowing first, then priority, then age; or the fair-sharing tournament),
 * admitting those that still fit.
 */
public final class Scheduler {
    private static final String NO_LONGER_FITS = "Workload no longer fits after processing another workload";
    private static final String COULD_NOT_ADMIT = "Could not admit Workload and assign flavors in apiserver";
    private final QuotaTree tree;
    private final QueueManager queues;
    private final AdmittedWorkloads admittedWorkloads;
    private final FlavorAssigner assigner;
    private final Preemptor preemptor;
    private final Function<String, Map<String, String>> namespaceLabels;
    private final boolean fairSharing;
    private final boolean blockAdmission;
    private long cycleNumber;
    /** blockAdmission, and some admitted workload's pods were not ready when the cycle started. */
    private boolean blockedAtStart;

    /**
     * blockAdmission: waitForPodsReady.blockAdmission, under which a workload admitted in the cycle
     * blocks further admissions until its pods are ready.
     */
    public Scheduler(QuotaTree tree, QueueManager queues, AdmittedWorkloads admittedWorkloads, FlavorAssigner assigner,
                     Preemptor preemptor, Function<String, Map<String, String>> namespaceLabels,
                     boolean fairSharing, boolean blockAdmission) {
        this.fairSharing = fairSharing;
        this.blockAdmission = blockAdmission;
        this.tree = tree;
        this.queues = queues;
        this.admittedWorkloads = admittedWorkloads;
        this.assigner = assigner;
        this.preemptor = preemptor;
        this.namespaceLabels = namespaceLabels;
    }

    /**
     * Runs one cycle at virtual time now (epoch ms), admitting into the quota tree. cycleNumber
     * counts the engine's cycles (it outlives this scheduler, which is rebuilt with the quota tree).
     * podsNotReady: some admitted workload's pods are not all ready, which under blockAdmission
     * holds back every admission of the cycle, though not its preemptions (as Kueue's scheduler
     * issues preemptions and waits only before it admits).
     */
    public CycleResult run(long now, long cycleNumber, boolean podsNotReady) {
        this.cycleNumber = cycleNumber;
        this.blockedAtStart = blockAdmission && podsNotReady;
        List<Entry> entries = new ArrayList<>();
        List<Entry> inadmissible = new ArrayList<>();
        preemptor.beginCycle();
        for (ClusterQueueNode cq : queues.withActiveWorkloads()) {
            if (!cq.isActive()) {
                continue;
            }
            WorkloadInfo head = queues.queue(cq).head();
            if (head == null) {
                continue;
            }
            Entry e = new Entry(head, cq);
            (nominate(e) ? entries : inadmissible).add(e);
        }
        Cycle cycle = new Cycle();
        EntryOrder order = fairSharing ? new FairSharingOrder(entries, tree, cycle.withVictims)
                : new ClassicalOrder(entries);
        for (Entry e = order.next(); e != null; e = order.next()) {
            cycle.process(e, now);
            order.processed(e);
        }
        cycle.end();
        preemptor.endCycle();
        List<Map.Entry<String, PendingStatus>> pending = new ArrayList<>(entries.size() + inadmissible.size());
        for (Entry e : entries) {
            if (!e.admitted) {
                pending.add(requeue(e));
            }
        }
        for (Entry e : inadmissible) {
            pending.add(requeue(e));
        }
        // Built straight into an immutable map: the result would copy any other map.
        return new CycleResult(cycle.admitted, cycle.preempted, Map.of(),
                Map.ofEntries(pending.toArray(Map.Entry[]::new)), cycle.stats());
    }

    /** Puts the head back in its queue; returns its pending status. */
    private Map.Entry<String, PendingStatus> requeue(Entry e) {
        if (e.nominated && e.requeueReason == RequeueReason.GENERIC) {
            e.requeueReason = RequeueReason.FAILED_AFTER_NOMINATION;
        }
        queues.queue(e.cq).requeue(e.wl, e.requeueReason);
        return Map.entry(e.wl.key(), new PendingStatus(e.reason, e.message));
    }

    /** Computes the entry's assignment; false when it cannot be considered at all. */
    private boolean nominate(Entry e) {
        LabelSelector selector = e.cq.spec().namespaceSelector();
        if (selector == null || !selects(selector, e.wl.namespace())) {
            e.message = () -> "workload namespace doesn't match ClusterQueue selector";
            e.reason = PendingStatus.MISCONFIGURED;
            e.requeueReason = RequeueReason.NAMESPACE_MISMATCH;
            return false;
        }
        ScanProgress last = e.wl.scanProgress();
        if (last != null && cycleNumber - last.cycle() > 1 && last.generation() != e.cq.generation()) {
            e.wl.setScanProgress(null);
        }
        assign(e);
        e.wl.setScanProgress(new ScanProgress(cycleNumber, e.cq.generation(), e.assignment.podSets()));
        e.message = e.assignment::message;
        return true;
    }

    /** Whether the selector selects the namespace; most select every one, and then its labels are not looked up. */
    private boolean selects(LabelSelector selector, String namespace) {
        return selector.matchesEverything() || selector.matches(namespaceLabels.apply(namespace));
    }

    /**
     * With charging alternatives (berth.deviceQuota.firstAvailable): the first alternative that fits;
     * else the first that can preempt (targets found); else the first alternative, waiting with its reason.
     * The workload is left charging the chosen alternative.
     */
    private void assign(Entry e) {
        int n = e.wl.alternativeCount();
        if (n == 1) {
            assignCharged(e);
            return;
        }
        Entry preempting = null;
        int preemptingAt = 0;
        Entry first = null;
        for (int a = 0; a < n; a++) {
            e.wl.selectAlternative(a);
            Entry candidate = new Entry(e.wl, e.cq);
            assignCharged(candidate);
            if (candidate.assignment.mode() == Mode.FIT) {
                e.assignment = candidate.assignment;
                e.targets = candidate.targets;
                return;
            }
            if (preempting == null && !candidate.targets.isEmpty()) {
                preempting = candidate;
                preemptingAt = a;
            }
            first = first == null ? candidate : first;
        }
        Entry chosen = preempting != null ? preempting : first;
        e.wl.selectAlternative(preempting != null ? preemptingAt : 0);
        e.assignment = chosen.assignment;
        e.targets = chosen.targets;
    }

    private void assignCharged(Entry e) {
        assignCharged(e, null);
    }

    /**
     * Full assignment; else preemption targets for it; else the largest partial admission that works.
     * pinned, when not null, is the assignment whose flavors the search may use.
     */
    private void assignCharged(Entry e, Assignment pinned) {
        Assignment full = assigner.assign(e.wl, e.cq, null, pinned);
        e.assignment = full;
        if (full.mode() == Mode.FIT) {
            return;
        }
        if (full.mode() == Mode.PREEMPT) {
            List<Target> targets = preemptor.targets(e.wl, e.cq, full);
            if (!targets.isEmpty()) {
                e.targets = targets;
                return;
            }
        }
        if (!e.wl.canBePartiallyAdmitted()) {
            return;
        }
        Entry partial = PartialAdmission.search(e.wl.podSets(), counts -> {
            Assignment a = assigner.assign(e.wl, e.cq, counts, pinned);
            Entry candidate = new Entry(e.wl, e.cq);
            candidate.assignment = a;
            if (a.mode() == Mode.FIT) {
                return candidate;
            }
            if (a.mode() == Mode.PREEMPT) {
                candidate.targets = preemptor.targets(e.wl, e.cq, a);
                return candidate.targets.isEmpty() ? null : candidate;
            }
            return null;
        });
        if (partial != null) {
            e.assignment = partial.assignment;
            e.targets = partial.targets;
        }
    }

    /**
     * State of the processing phase of one cycle. The victims chosen are set aside as they are
     * chosen, their usage out of the tree and themselves out of preemption's sight, as if already
     * gone: that is how later heads are checked and recomputed. Everything else, like the
     * fair-sharing order, reads the usage with them through withVictims. They are put back when the
     * phase ends: they keep their quota until they are gone.
     */
    private final class Cycle {
        final List<WorkloadInfo> admitted = new ArrayList<>();
        /** The workloads this cycle evicts; victims also holds the chosen ones whose eviction was under way. */
        final List<Target> preempted = new ArrayList<>();
        final List<Target> victims = new ArrayList<>();
        final List<QuotaNode> reservedIn = new ArrayList<>();
        final List<Usage> reservations = new ArrayList<>();
        /** The tree's usage with this cycle's victims. */
        final UsageOverlay withVictims = new UsageOverlay(tree);
        /** The queues preemption was told have changed, while one entry sets its targets aside. */
        private final NodeSet told = new NodeSet(tree);
        private final Map<String, Integer> skips = new HashMap<>();
        private final List<PreemptionStats.Recomputation> recomputations = new ArrayList<>();

        PreemptionStats stats() {
            return skips.isEmpty() && recomputations.isEmpty() ? PreemptionStats.NONE
                    : new PreemptionStats(skips, recomputations);
        }

        void process(Entry e, long now) {
            if (e.assignment.mode() != Mode.PREEMPT || !overlapsVictims(e)) {
                decide(e, now, false);
                return;
            }
            boolean deferred = recompute(e);
            int victimsBefore = victims.size();
            decide(e, now, deferred);
            PreemptionStats.Outcome outcome = deferred ? PreemptionStats.Outcome.DEFERRED_FIT
                    : victims.size() > victimsBefore ? PreemptionStats.Outcome.NEW_TARGETS
                    : PreemptionStats.Outcome.SKIPPED;
            recomputations.add(new PreemptionStats.Recomputation(e.cq.name(), outcome));
        }

        /** What becomes of the entry; deferred: it fits once this cycle's victims are gone (after recomputing). */
        private void decide(Entry e, long now, boolean deferred) {
            Mode mode = e.assignment.mode();
            if (mode == Mode.NO_FIT) {
                e.requeueReason = RequeueReason.NO_FIT;
                e.reason = e.assignment.noFitReason();
                return;
            }
            if (mode == Mode.PREEMPT && e.targets.isEmpty()) {
                e.requeueReason = RequeueReason.PREEMPTION_NO_CANDIDATES;
                e.reason = PendingStatus.WAITING_FOR_QUOTA;
                // Keep the quota this queue could reclaim from borrowers for the rest of the cycle.
                if (e.cq.preemption().reclaimWithinCohort() != PreemptionPolicy.Any) {
                    reserve(e.cq, capacityToHold(e));
                }
                return;
            }
            e.nominated = true;
            if (deferred) {
                // It fits once this cycle's victims are gone: it waits for them, holding its quota meanwhile.
                e.reason = PendingStatus.WAITING_FOR_PREEMPTED;
                e.message = () -> "Workload has overlapping preemption targets with another workload, "
                        + "but will fit after these preemptions complete";
                e.requeueReason = RequeueReason.PENDING_PREEMPTION;
                e.wl.setScanProgress(null);
                reserve(e.cq, e.assignment.usage());
                return;
            }
            if (mode == Mode.PREEMPT) {
                setAsideTargets(e);
                return;
            }
            if (!e.assignment.usage().fitsIn(e.cq)) {
                e.skip(NO_LONGER_FITS);
                return;
            }
            if (e.assignment.clampedOffCount()) {
                // Kueue reserves the quota, then its webhook refuses the admission it writes.
                e.skip(COULD_NOT_ADMIT);
                return;
            }
            if (blockedAtStart || (blockAdmission && !admitted.isEmpty())) {
                e.skip("waiting for all admitted workloads to be in PodsReady condition");
                e.reason = PendingStatus.WAITING_FOR_PODS_READY;
                return;
            }
            addUsage(e.cq, e.assignment.usage());
            e.wl.admit(e.assignment.toAdmission(), now);
            admittedWorkloads.add(e.wl);
            preemptor.admitted(e.cq);
            queues.queue(e.cq).admitted(e.wl);
            e.admitted = true;
            admitted.add(e.wl);
        }

        private boolean overlapsVictims(Entry e) {
            for (int i = 0; i < e.targets.size(); i++) {
                if (e.targets.get(i).workload().isSetAside()) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Kueue's recomputation upon overlapping targets: assigns the entry again with the flavors
         * it was nominated with, its flavor scan from the start, with this cycle's victims already
         * set aside (their quota released, no longer candidates, so the new targets never overlap
         * theirs). Returns whether it then fits without preempting anything more.
         */
        private boolean recompute(Entry e) {
            Assignment nominated = e.assignment;
            e.targets = List.of();
            e.wl.setScanProgress(null);
            assignCharged(e, nominated);
            e.wl.setScanProgress(new ScanProgress(cycleNumber, e.cq.generation(), e.assignment.podSets()));
            e.message = e.assignment::message;
            return e.assignment.mode() == Mode.FIT;
        }

        /**
         * Sets the entry's targets aside, as this cycle's victims, when it fits once they are gone
         * (with the cycle's earlier victims already gone); else it is skipped, nothing changed.
         */
        private void setAsideTargets(Entry e) {
            for (Target t : e.targets) {
                withVictims.keep(t.queue()); // before the tree moves under it
                usageOf(t).removeFrom(t.queue());
            }
            if (!e.assignment.usage().fitsIn(e.cq)) {
                e.targets.forEach(t -> usageOf(t).addTo(t.queue()));
                e.skip(NO_LONGER_FITS);
                skipped(e);
                return;
            }
            hold(e.cq, e.assignment.usage());
            for (Target t : e.targets) {
                victims.add(t);
                if (!t.workload().isEvicted()) {
                    preempted.add(t);
                }
                admittedWorkloads.setAside(t.workload());
            }
            // Told once per queue changed, with all of its victims set aside.
            preemptor.usageChanged(e.cq);
            told.add(e.cq);
            for (Target t : e.targets) {
                if (told.add(t.queue())) {
                    preemptor.usageChanged(t.queue());
                }
            }
            told.clear();
            e.reason = PendingStatus.WAITING_FOR_PREEMPTED;
            Supplier<String> waiting = e.message;
            int victimCount = e.targets.size();
            e.message = () -> waiting.get() + ". Pending the preemption of " + victimCount + " workload(s)";
            e.requeueReason = RequeueReason.PENDING_PREEMPTION;
            e.wl.setScanProgress(null);
        }

        /** A head with preemption targets skipped for what another head of the cycle took. */
        private void skipped(Entry e) {
            skips.merge(e.cq.name(), 1, Integer::sum);
        }

        private static Usage usageOf(Target t) {
            return t.workload().admission().usage();
        }

        /** Kueue's cap on what a head that cannot preempt holds: up to nominal (+ borrowingLimit when borrowing). */
        private Usage capacityToHold(Entry e) {
            Usage want = e.assignment.usage();
            Usage.Builder hold = new Usage.Builder();
            ClusterQueueNode cq = e.cq;
            for (int i = 0; i < want.size(); i++) {
                int fr = want.fr(i);
                long amount = want.amount(i);
                long used = withVictims.usage(cq, fr);
                if (e.assignment.borrows()) {
                    long limit = cq.borrowingLimit(fr);
                    hold.add(fr, limit == QuotaNode.NO_LIMIT ? amount
                            : Math.max(0, Math.min(amount, cq.nominal(fr) + limit - used)));
                } else {
                    hold.add(fr, Math.max(0, Math.min(amount, cq.nominal(fr) - used)));
                }
            }
            return hold.build();
        }

        private void reserve(ClusterQueueNode cq, Usage usage) {
            hold(cq, usage);
            preemptor.usageChanged(cq);
        }

        /** Holds usage in cq for the rest of the cycle, without telling preemption. */
        private void hold(ClusterQueueNode cq, Usage usage) {
            addUsage(cq, usage);
            reservedIn.add(cq);
            reservations.add(usage);
        }

        /** Adds to the tree and, unless the overlay still reads through everywhere, to the overlay first. */
        private void addUsage(ClusterQueueNode cq, Usage usage) {
            if (!withVictims.readsThrough()) {
                usage.addTo(withVictims, cq);
            }
            usage.addTo(cq);
        }

        /** Releases what was held for the cycle and puts the victims back, marked evicted. */
        void end() {
            withVictims.writeBack(); // the victims' usage back, all at once
            for (int i = 0; i < reservations.size(); i++) {
                reservations.get(i).removeFrom(reservedIn.get(i));
            }
            for (Target t : victims) {
                admittedWorkloads.putBack(t.workload());
                admittedWorkloads.markEvicted(t.workload(), t.queue());
            }
        }
    }
}
