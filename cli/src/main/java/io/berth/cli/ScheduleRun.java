package io.berth.cli;

import io.berth.api.KubeObject;
import io.berth.api.Quantity;
import io.berth.api.io.Manifests;
import io.berth.api.kueue.Condition;
import io.berth.api.kueue.Workload;
import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import io.berth.core.cycle.PendingStatus;
import io.berth.core.preempt.PreemptionExplanation;
import io.berth.core.preempt.Target;
import io.berth.core.quota.FlavorResources;
import io.berth.core.workload.PodSetAdmission;
import io.berth.core.workload.WorkloadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs scheduling cycles over a set of manifests in virtual time and reports what happened. */
final class ScheduleRun {
    private ScheduleRun() {
    }

    static ScheduleReport run(Manifests manifests, int cycles) {
        return run(manifests, cycles, false);
    }

    /** explain: also work out, per pending workload, what preemption would do (costs an assignment each). */
    static ScheduleReport run(Manifests manifests, int cycles, boolean explain) {
        Engine engine = new Engine(manifests.configuration());
        engine.applyAll(manifests.objects());
        long now = startTime(manifests.objects());
        Map<String, ScheduleReport.AdmittedWorkload> admitted = new LinkedHashMap<>();
        List<String> preempted = new ArrayList<>();
        FlavorResources frs = engine.flavorResources();
        for (int c = 0; c < cycles; c++) {
            now += 1000;
            CycleResult result = engine.schedule(now);
            result.evicted().keySet().forEach(admitted::remove); // e.g. its pods were not ready in time
            for (WorkloadInfo w : result.admitted()) {
                admitted.put(w.key(), describe(w, frs, explain));
            }
            for (Target t : result.preempted()) {
                preempted.add(t.workload().key());
                admitted.remove(t.workload().key());
            }
        }
        Map<String, PendingStatus> statuses = engine.pendingStatuses();
        Map<String, ScheduleReport.Explanation> why = new LinkedHashMap<>();
        statuses.forEach((key, status) -> why.put(key, new ScheduleReport.Explanation(status,
                explain ? engine.explainPreemption(key) : PreemptionExplanation.NOT_NEEDED)));
        Map<String, Long> shares = explain && manifests.configuration().fairSharing().enable()
                ? engine.weightedShares() : Map.of();
        List<String> pending = new ArrayList<>();
        List<String> notQueued = new ArrayList<>();
        statuses.forEach((key, status) -> {
            if (!status.reason().equals(PendingStatus.DEACTIVATED)) { // deactivated: no longer waiting, as in Kueue
                (engine.notQueuedReason(key) == null ? pending : notQueued).add(key);
            }
        });
        return new ScheduleReport(admitted, preempted, pending, notQueued, why, shares);
    }

    private static ScheduleReport.AdmittedWorkload describe(WorkloadInfo w, FlavorResources frs, boolean explain) {
        Map<String, Map<String, String>> podSets = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Map<String, String>> usage = new LinkedHashMap<>();
        for (PodSetAdmission ps : w.admission().podSets()) {
            if (explain) {
                usage.put(ps.name(), resourceUsage(w, ps, frs));
            }
            Map<String, String> flavors = new TreeMap<>();
            for (int i = 0; i < ps.resources().length; i++) {
                if (ps.flavors()[i] != null) {
                    flavors.put(frs.resources().name(ps.resources()[i]), ps.flavors()[i]);
                }
            }
            podSets.put(ps.name(), flavors);
            int full = w.podSets().stream().filter(p -> p.name().equals(ps.name())).findFirst()
                    .map(p -> p.count()).orElse(ps.count());
            if (ps.count() != full) {
                counts.put(ps.name(), ps.count());
            }
        }
        return new ScheduleReport.AdmittedWorkload(w.admission().clusterQueue(), podSets, counts, w.subrequests(),
                usage);
    }

    /** The quota a pod set's admission charges, per resource (Kueue's podSetAssignments[].resourceUsage). */
    private static Map<String, String> resourceUsage(WorkloadInfo w, PodSetAdmission ps, FlavorResources frs) {
        Map<String, String> usage = new TreeMap<>();
        w.podSets().stream().filter(p -> p.name().equals(ps.name())).findFirst().ifPresent(p -> {
            for (int i = 0; i < p.resources().length; i++) {
                String resource = frs.resources().name(p.resources()[i]);
                long charged = ps.amountOf(p.resources()[i]);
                usage.put(resource, frs.units().format(resource, charged >= 0 ? charged : p.total(i, ps.count())));
            }
        });
        return usage;
    }

    /** Virtual time starts after the newest timestamp in the input, so admissions come after everything given. */
    static long startTime(List<KubeObject> objects) {
        long latest = 0;
        for (KubeObject o : objects) {
            Instant created = o.metadata().creationTimestamp();
            if (created != null) {
                latest = Math.max(latest, created.toEpochMilli());
            }
            if (o instanceof Workload w) {
                for (Condition c : w.conditions()) {
                    if (c.lastTransitionTime() != null) {
                        latest = Math.max(latest, c.lastTransitionTime().toEpochMilli());
                    }
                }
            }
        }
        return latest;
    }
}
