package io.berth.api.io;

import static io.berth.api.io.SchedulingReader.requiredText;

import io.berth.api.core.ObjectMeta;
import io.berth.api.kueue.AdmissionMode;
import io.berth.api.kueue.BorrowWithinCohort;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.ClusterQueuePreemption;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.FlavorFungibility;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.FungibilityPolicy;
import io.berth.api.kueue.FungibilityPreference;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.api.kueue.QueueingStrategy;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.api.kueue.StopPolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the quota kinds: ResourceFlavor, ClusterQueue, Cohort and LocalQueue (v1beta1 and v1beta2 spellings). */
final class QueueReader {
    private static final BigDecimal SMALLEST_WEIGHT = new BigDecimal("1E-9");
    /** Kueue's Unlimited: cpu from 2^63-1 milli-cpus rounded down to whole cpus, other resources from 2^63-1 units. */
    private static final long CPU_UNLIMITED_MILLIS = Long.MAX_VALUE / 1000 * 1000;
    private static final BigDecimal INT64_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final Map<String, QueueingStrategy> STRATEGIES = enumNames(QueueingStrategy.values());
    private static final Map<String, StopPolicy> STOP_POLICIES = enumNames(StopPolicy.values());
    private static final Map<String, AdmissionMode> ADMISSION_MODES = enumNames(AdmissionMode.values());
    private static final Map<String, FungibilityPreference> PREFERENCES = enumNames(FungibilityPreference.values());
    // v1beta1 spelled "stop here" as Borrow / Preempt; v1beta2 renamed both to MayStopSearch.
    private static final Map<String, FungibilityPolicy> WHEN_CAN_BORROW = fungibility("Borrow");
    private static final Map<String, FungibilityPolicy> WHEN_CAN_PREEMPT = fungibility("Preempt");
    private static final Map<String, PreemptionPolicy> RECLAIM = policies(
            PreemptionPolicy.Never, PreemptionPolicy.LowerPriority, PreemptionPolicy.Any);
    private static final Map<String, PreemptionPolicy> WITHIN_CQ = policies(
            PreemptionPolicy.Never, PreemptionPolicy.LowerPriority, PreemptionPolicy.LowerOrNewerEqualPriority);
    private static final Map<String, PreemptionPolicy> BORROW_POLICY = policies(
            PreemptionPolicy.Never, PreemptionPolicy.LowerPriority);
    static final long DEFAULT_WEIGHT = 1000;

    private QueueReader() {
    }

    static ResourceFlavor resourceFlavor(ObjectMeta meta, YamlNode spec) {
        return new ResourceFlavor(meta, spec.get("nodeLabels").stringMap(),
                SchedulingReader.taints(spec.get("nodeTaints")), SchedulingReader.tolerations(spec.get("tolerations"), true));
    }

    static ClusterQueue clusterQueue(ObjectMeta meta, YamlNode spec) {
        String cohort = either(spec, "cohort", "cohortName");
        return new ClusterQueue(meta, cohort, resourceGroups(spec.get("resourceGroups")),
                SchedulingReader.labelSelector(spec.get("namespaceSelector")),
                spec.get("queueingStrategy").oneOf(STRATEGIES, QueueingStrategy.BestEffortFIFO),
                flavorFungibility(spec.get("flavorFungibility")),
                preemption(spec.get("preemption")),
                spec.get("stopPolicy").oneOf(STOP_POLICIES, StopPolicy.None),
                weight(spec),
                admissionMode(spec.get("admissionScope")));
    }

    /** admissionScope.admissionMode, which the schema requires once admissionScope is given; null without one. */
    private static AdmissionMode admissionMode(YamlNode scope) {
        YamlNode mode = scope.get("admissionMode");
        if (scope.present() && !mode.present()) {
            mode.required("one of " + String.join(", ", ADMISSION_MODES.keySet()));
            return null;
        }
        return mode.oneOf(ADMISSION_MODES, null);
    }

    static Cohort cohort(ObjectMeta meta, YamlNode spec) {
        String parent = either(spec, "parent", "parentName");
        return new Cohort(meta, parent, resourceGroups(spec.get("resourceGroups")), weight(spec));
    }

    static LocalQueue localQueue(ObjectMeta meta, YamlNode spec, YamlNode status) {
        return new LocalQueue(meta, spec.get("clusterQueue").nameRef(),
                spec.get("stopPolicy").oneOf(STOP_POLICIES, StopPolicy.None), weight(spec),
                status.get("fairSharing").get("admissionFairSharingStatus").get("consumedResources").quantityMap());
    }

    private static long weight(YamlNode spec) {
        YamlNode node = spec.get("fairSharing").get("weight");
        BigDecimal exact = node.present() ? node.exactQuantity() : null;
        if (exact != null && exact.signum() > 0 && exact.compareTo(SMALLEST_WEIGHT) <= 0) {
            // Kueue refuses it: a weight that small collapses the share it divides.
            node.error("when not 0, the weight must be more than 1n (10^-9); found " + node.scalarText());
        }
        Long w = node.quantity();
        return w == null ? DEFAULT_WEIGHT : w;
    }

    /** A field renamed between versions (cohort/cohortName, parent/parentName): either spelling is read. */
    private static String either(YamlNode spec, String older, String newer) {
        String a = spec.get(older).nameRef();
        String b = spec.get(newer).nameRef();
        if (a != null && b != null && !a.equals(b)) {
            spec.get(newer).error("conflicts with " + spec.get(older).path() + " (" + YamlNode.quote(a)
                    + "); set only one of " + older + " and " + newer);
        }
        return b != null ? b : a;
    }

    static List<ResourceGroup> resourceGroups(YamlNode list) {
        List<ResourceGroup> groups = new ArrayList<>();
        for (YamlNode g : list.items()) {
            List<String> covered = g.get("coveredResources").stringList();
            List<FlavorQuotas> flavors = new ArrayList<>();
            for (YamlNode f : g.get("flavors").items()) {
                YamlNode name = f.get("name");
                if (!name.present()) {
                    name.required("the name of a ResourceFlavor");
                }
                flavors.add(new FlavorQuotas(name.nameRef(), quotas(f.get("resources"))));
            }
            groups.add(new ResourceGroup(covered, flavors));
        }
        return groups;
    }

    private static List<ResourceQuota> quotas(YamlNode list) {
        List<ResourceQuota> out = new ArrayList<>();
        for (YamlNode r : list.items()) {
            String name = requiredText(r.get("name"), "a resource name");
            YamlNode nominal = r.get("nominalQuota");
            if (!nominal.present()) {
                nominal.required("a quantity");
            }
            Long nominalQuota = quota(nominal, name);
            out.add(new ResourceQuota(name, nominalQuota == null ? 0 : nominalQuota,
                    quota(r.get("borrowingLimit"), name), quota(r.get("lendingLimit"), name)));
        }
        return out;
    }

    /** A quota in milli-units, telling Kueue's Unlimited from amounts merely beyond a long of milli-units. */
    private static Long quota(YamlNode node, String resource) {
        Long millis = node.quantity();
        if (millis == null || millis < CPU_UNLIMITED_MILLIS) {
            return millis;
        }
        if ("cpu".equals(resource)) {
            return ResourceQuota.UNLIMITED;
        }
        if (millis < Long.MAX_VALUE) {
            return millis;
        }
        BigDecimal exact = node.quantityUnits();
        return exact != null && exact.compareTo(INT64_MAX) >= 0 ? ResourceQuota.UNLIMITED
                : ResourceQuota.BEYOND_MILLI_RANGE;
    }

    private static FlavorFungibility flavorFungibility(YamlNode node) {
        if (!node.present()) {
            return FlavorFungibility.DEFAULT;
        }
        return new FlavorFungibility(
                node.get("whenCanBorrow").oneOf(WHEN_CAN_BORROW, FungibilityPolicy.MayStopSearch),
                node.get("whenCanPreempt").oneOf(WHEN_CAN_PREEMPT, FungibilityPolicy.TryNextFlavor),
                node.get("preference").oneOf(PREFERENCES, null));
    }

    private static ClusterQueuePreemption preemption(YamlNode node) {
        if (!node.present()) {
            return ClusterQueuePreemption.DEFAULT;
        }
        YamlNode bwc = node.get("borrowWithinCohort");
        BorrowWithinCohort borrow = !bwc.present() ? BorrowWithinCohort.NEVER : new BorrowWithinCohort(
                bwc.get("policy").oneOf(BORROW_POLICY, PreemptionPolicy.Never),
                bwc.get("maxPriorityThreshold").integer());
        return new ClusterQueuePreemption(
                node.get("reclaimWithinCohort").oneOf(RECLAIM, PreemptionPolicy.Never),
                borrow,
                node.get("withinClusterQueue").oneOf(WITHIN_CQ, PreemptionPolicy.Never));
    }

    static <E extends Enum<E>> Map<String, E> enumNames(E[] values) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E e : values) {
            m.put(e.name(), e);
        }
        return m;
    }

    private static Map<String, PreemptionPolicy> policies(PreemptionPolicy... values) {
        return enumNames(values);
    }

    private static Map<String, FungibilityPolicy> fungibility(String olderStopSpelling) {
        Map<String, FungibilityPolicy> m = new LinkedHashMap<>();
        m.put(olderStopSpelling, FungibilityPolicy.MayStopSearch);
        m.put("MayStopSearch", FungibilityPolicy.MayStopSearch);
        m.put("TryNextFlavor", FungibilityPolicy.TryNextFlavor);
        return m;
    }
}
