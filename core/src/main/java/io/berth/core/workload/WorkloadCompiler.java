package io.berth.core.workload;

import io.berth.api.config.Configuration;
import io.berth.api.config.WaitForPodsReadyConfig;
import io.berth.api.core.PodTemplate;
import io.berth.api.kueue.Admission;
import io.berth.api.kueue.Condition;
import io.berth.api.kueue.PodSet;
import io.berth.api.kueue.PodSetAssignment;
import io.berth.api.kueue.PriorityClass;
import io.berth.api.kueue.PriorityClassRef;
import io.berth.api.kueue.Workload;
import io.berth.api.kueue.WorkloadPriorityClass;
import io.berth.core.quota.FlavorResources;
import io.berth.core.quota.QuotaNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns Workload manifests into {@link WorkloadInfo}: priority, interned requests, held quota. */
public final class WorkloadCompiler {
    private final boolean evictionTimestamp;
    private final FlavorResources frs;
    private final Map<String, WorkloadPriorityClass> workloadPriorityClasses;
    private final Map<String, PriorityClass> priorityClasses;
    private final Map<List<Object>, Integer> shapes = new java.util.HashMap<>();
    private final DeviceQuota devices;

    public WorkloadCompiler(FlavorResources frs, Map<String, WorkloadPriorityClass> workloadPriorityClasses,
                            Map<String, PriorityClass> priorityClasses, DeviceQuota devices) {
        this(frs, workloadPriorityClasses, priorityClasses, devices, Configuration.DEFAULT);
    }

    /**
     * config: whether an eviction for PodsReadyTimeout reorders the queue (requeuingStrategy.timestamp).
     * What a pod's requests count as (excluded resources, transformations) is the device quota's.
     */
    public WorkloadCompiler(FlavorResources frs, Map<String, WorkloadPriorityClass> workloadPriorityClasses,
                            Map<String, PriorityClass> priorityClasses, DeviceQuota devices, Configuration config) {
        this.evictionTimestamp = config.waitForPodsReady().requeuingTimestamp().equals(WaitForPodsReadyConfig.EVICTION);
        this.frs = frs;
        this.devices = devices;
        this.workloadPriorityClasses = workloadPriorityClasses;
        this.priorityClasses = priorityClasses;
    }

    /** Thrown when a workload cannot be queued as it is: a missing priority class, a bad device claim. */
    public static final class Misconfigured extends Exception {
        public Misconfigured(String message) {
            super(message, null, false, false);
        }
    }

    public WorkloadInfo compile(Workload w) throws Misconfigured {
        return compile(w, new PodAdjustments());
    }

    /**
     * Compiles w with its pod templates adjusted (RuntimeClass overhead, LimitRange defaults; the
     * info keeps w as written, so that it can be compiled again when those change). A workload not
     * yet holding quota is refused when its namespace's LimitRanges are not met.
     */
    public WorkloadInfo compile(Workload written, PodAdjustments adjustments) throws Misconfigured {
        Workload w = adjustments.adjust(written);
        if (!w.hasQuotaReservation()) {
            checkResources(w, adjustments.limitRanges(w.metadata().namespace()));
        }
        List<DeviceQuota.Alternative> alternatives = devices.alternatives(w);
        List<List<PodSetRequests>> charged = new ArrayList<>();
        for (DeviceQuota.Alternative a : alternatives) {
            charged.add(podSets(w, a));
        }
        List<PodSetRequests> podSets = charged.get(0);
        long created = w.metadata().creationTimestamp() == null ? 0 : w.metadata().creationTimestamp().toEpochMilli();
        int priority = priority(w);
        WorkloadInfo info = new WorkloadInfo(written, priority, queueTimestamp(w, created), podSets, shapeOf(priority, w));
        if (w.requeueState() != null) {
            info.setRequeueCount(w.requeueState().count());
        }
        if (charged.size() > 1 || !alternatives.get(0).subrequests().isEmpty()) {
            info.setAlternatives(charged, alternatives.stream().map(DeviceQuota.Alternative::subrequests).toList());
        }
        if (w.hasQuotaReservation()) {
            long at = w.condition(Workload.QUOTA_RESERVED).map(Condition::lastTransitionTime)
                    .map(t -> t.toEpochMilli()).orElse(created);
            info.admit(admission(w, podSets), at);
            info.setPodsReady(w.isTrue(Workload.PODS_READY));
            awaitPods(w, info);
            if (w.isTrue(Workload.EVICTED)) {
                info.markEvicted(); // being evicted: it keeps its quota until it is gone
            }
        }
        return info;
    }

    /**
     * When the pods of an admitted workload are awaited from, as Kueue times them: from a PodsReady
     * failure it recovers from (reason WaitForRecovery), else from the Admitted condition (not at
     * all while it is not True yet), else from the quota reservation.
     */
    private static void awaitPods(Workload w, WorkloadInfo info) {
        Condition ready = w.condition(Workload.PODS_READY).orElse(null);
        Condition admitted = w.condition(Workload.ADMITTED).orElse(null);
        if (ready != null && !ready.isTrue() && "WaitForRecovery".equals(ready.reason()) && ready.lastTransitionTime() != null) {
            info.awaitPodsSince(ready.lastTransitionTime().toEpochMilli(), true);
        } else if (admitted != null && !admitted.isTrue()) {
            info.awaitPodsSince(Long.MAX_VALUE, false);
        } else if (admitted != null && admitted.lastTransitionTime() != null) {
            info.awaitPodsSince(admitted.lastTransitionTime().toEpochMilli(), false);
        }
    }

    /**
     * Kueue's queue order timestamp: the eviction's time when the workload was evicted for a
     * PodsReady timeout (with requeuingStrategy.timestamp Eviction, the default) or by an admission
     * check; else its creation.
     */
    private long queueTimestamp(Workload w, long created) {
        return w.condition(Workload.EVICTED)
                .filter(c -> c.isTrue() && c.lastTransitionTime() != null)
                .filter(c -> "AdmissionCheck".equals(c.reason()) || evictionTimestamp && "PodsReadyTimeout".equals(c.reason()))
                .map(c -> c.lastTransitionTime().toEpochMilli()).orElse(created);
    }

    /**
     * Kueue's resource checks of an adjusted workload, which it never admits while they fail:
     * requests within their limits everywhere in its pod templates, then its namespace's LimitRanges.
     */
    public static void checkResources(Workload adjusted, LimitRangeSummary limitRanges) throws Misconfigured {
        checkRequestsWithinLimits(adjusted);
        List<String> outOfBounds = limitRanges.violations(adjusted);
        if (!outOfBounds.isEmpty()) {
            throw new Misconfigured("resources didn't satisfy LimitRange constraints: " + aggregate(outOfBounds));
        }
    }

    private static void checkRequestsWithinLimits(Workload w) throws Misconfigured {
        List<String> errors = new ArrayList<>();
        for (int p = 0; p < w.podSets().size(); p++) {
            for (PodTemplate.RequestsAboveLimits a : w.podSets().get(p).template().requestsAboveLimits()) {
                errors.add(invalid("spec.podSets[" + p + "].template.spec." + a.path(), a.resources(),
                        "requests must not exceed its limits"));
            }
        }
        if (!errors.isEmpty()) {
            throw new Misconfigured("resources validation failed: " + aggregate(errors));
        }
    }

    /** A Kubernetes field error on resources: "path: Invalid value: [\"cpu\"]: message". */
    static String invalid(String path, List<String> resources, String message) {
        return path + ": Invalid value: " + resources.stream().map(r -> "\"" + r + "\"")
                .collect(Collectors.joining(",", "[", "]")) + ": " + message;
    }

    /** Errors joined as Kubernetes aggregates them: one alone, several in brackets. */
    private static String aggregate(List<String> errors) {
        return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
    }

    /** The pod sets with these per-pod requests (resources in name order: flavor assignment visits them so). */
    private List<PodSetRequests> podSets(Workload w, DeviceQuota.Alternative charge) {
        List<Map<String, Long>> perPodSet = charge.requests();
        List<PodSetRequests> podSets = new ArrayList<>();
        for (int p = 0; p < w.podSets().size(); p++) {
            PodSet ps = w.podSets().get(p);
            int count = w.countAfterReclaim(ps);
            Map<String, Long> requests = perPodSet.get(p);
            int[] resources = new int[requests.size()];
            long[] perPod = new long[requests.size()];
            int i = 0;
            for (var e : requests.entrySet()) {
                String resource = e.getKey();
                resources[i] = frs.resources().id(resource);
                perPod[i++] = Math.min(QuotaNode.UNLIMITED, frs.units().fromMillis(resource, e.getValue()));
            }
            int min = ps.minCount() == null ? count : Math.min(ps.minCount(), count);
            podSets.add(new PodSetRequests(ps.name(), count, min, resources, perPod, ps.template(),
                    devices.flavorDependent(charge.allRequests().get(p), frs)));
        }
        return podSets;
    }

    /** Interns what makes two workloads schedule the same way (Kueue's scheduling hash). */
    private int shapeOf(int priority, Workload w) {
        List<Object> key = List.of(priority, w.podSets().stream()
                .map(ps -> List.of(ps.name(), ps.count(), String.valueOf(ps.minCount()), ps.template())).toList());
        return shapes.computeIfAbsent(key, k -> shapes.size() + 1);
    }

    private int priority(Workload w) throws Misconfigured {
        if (w.priority() != null) {
            return w.priority();
        }
        PriorityClassRef ref = w.priorityClass();
        if (ref == null) {
            return priorityClasses.values().stream().filter(PriorityClass::globalDefault)
                    .mapToInt(PriorityClass::value).findFirst().orElse(0);
        }
        if (ref.isWorkloadPriorityClass()) {
            WorkloadPriorityClass c = workloadPriorityClasses.get(ref.name());
            if (c == null) {
                throw new Misconfigured("WorkloadPriorityClass " + ref.name() + " doesn't exist");
            }
            return c.value();
        }
        PriorityClass c = priorityClasses.get(ref.name());
        if (c == null) {
            throw new Misconfigured("PriorityClass " + ref.name() + " doesn't exist");
        }
        return c.value();
    }

    /**
     * The quota held according to status.admission; usage from resourceUsage, else requests x count.
     * Pods reclaimable since admission give their share back, as Kueue scales the usage down.
     */
    private AdmissionRecord admission(Workload w, List<PodSetRequests> podSets) {
        Admission a = w.admission();
        Usage.Builder usage = new Usage.Builder();
        List<PodSetAdmission> admissions = new ArrayList<>();
        for (PodSetAssignment psa : a.podSetAssignments()) {
            PodSetRequests ps = podSets.stream().filter(p -> p.name().equals(psa.name())).findFirst().orElse(null);
            PodSet spec = w.podSets().stream().filter(p -> p.name().equals(psa.name())).findFirst().orElse(null);
            int admitted = psa.count() != null ? psa.count() : spec == null ? 0 : spec.count();
            int count = spec == null ? admitted : Math.min(admitted, w.countAfterReclaim(spec));
            int[] resources = psa.flavors().keySet().stream().sorted().mapToInt(frs.resources()::id).toArray();
            String[] flavors = new String[resources.length];
            for (int i = 0; i < resources.length; i++) {
                String resource = frs.resources().name(resources[i]);
                flavors[i] = psa.flavors().get(resource);
                Long millis = psa.resourceUsage().get(resource);
                long amount;
                if (millis == null) {
                    amount = PodSetRequests.total(resource.equals("pods") ? frs.units().ofUnits(resource, 1)
                            : perPod(ps, resources[i]), count);
                } else {
                    long total = Math.min(QuotaNode.UNLIMITED, frs.units().fromMillis(resource, millis));
                    amount = count < admitted ? total / admitted * count : total;
                }
                usage.add(frs.id(frs.flavors().id(flavors[i]), resources[i]), amount);
            }
            admissions.add(new PodSetAdmission(psa.name(), resources, flavors, count));
        }
        return new AdmissionRecord(a.clusterQueue(), admissions, usage.build());
    }

    private static long perPod(PodSetRequests ps, int resource) {
        if (ps == null) {
            return 0;
        }
        for (int i = 0; i < ps.resources().length; i++) {
            if (ps.resources()[i] == resource) {
                return ps.perPod()[i];
            }
        }
        return 0;
    }
}
