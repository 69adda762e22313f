package io.berth.api.io;

import io.berth.api.Quantity;
import io.berth.api.core.LabelSelector;
import io.berth.api.core.LabelSelectorRequirement;
import io.berth.api.kueue.BorrowWithinCohort;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.ClusterQueuePreemption;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.FlavorFungibility;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.FungibilityPolicy;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Kueue's ClusterQueue and Cohort validation: resource group shapes, quotas, fungibility, preemption. */
final class QuotaRules {
    static final int MAX_GROUPS = 16;
    static final int MAX_FLAVORS = 64;
    static final int MAX_RESOURCES = 64;
    /** Kueue's caps across all resource groups, and on one group's flavor-resource pairs. */
    static final int MAX_TOTAL_FLAVORS = 256;
    static final int MAX_TOTAL_RESOURCES = 256;
    static final int MAX_COMBINATIONS = 512;
    private static final String GROUPS = "spec.resourceGroups";

    private QuotaRules() {
    }

    /** Berth's ClusterQueue annotation for a minimum runtime before preemption (a duration). */
    static final String MIN_RUNTIME_ANNOTATION = "berth.io/preemption-min-runtime";

    static void clusterQueue(ClusterQueue cq, Problems p) {
        resourceGroups(cq.resourceGroups(), hasText(cq.cohort()), "ClusterQueue has no cohort", true, p);
        weight(cq.fairSharingWeight(), p);
        namespaceSelector(cq.namespaceSelector(), p);
        String minRuntime = cq.metadata().annotations().get(MIN_RUNTIME_ANNOTATION);
        if (minRuntime != null) {
            try {
                io.berth.api.Durations.parseMillis(minRuntime);
            } catch (IllegalArgumentException e) {
                p.add("metadata.annotations[" + MIN_RUNTIME_ANNOTATION + "]", e.getMessage());
            }
        }
        FlavorFungibility ff = cq.flavorFungibility();
        if (ff != null && ff.preference() != null
                && (ff.whenCanBorrow() != FungibilityPolicy.TryNextFlavor
                || ff.whenCanPreempt() != FungibilityPolicy.TryNextFlavor)) {
            p.add("spec.flavorFungibility.preference", "may only be set when whenCanBorrow and whenCanPreempt are both "
                    + "TryNextFlavor; found whenCanBorrow " + ff.whenCanBorrow() + ", whenCanPreempt " + ff.whenCanPreempt());
        }
        ClusterQueuePreemption preemption = cq.preemption();
        if (preemption != null && preemption.reclaimWithinCohort() == PreemptionPolicy.Never) {
            BorrowWithinCohort bwc = preemption.borrowWithinCohort();
            if (bwc != null && bwc.policy() != null && bwc.policy() != PreemptionPolicy.Never) {
                p.add("spec.preemption.borrowWithinCohort.policy", "must be Never when reclaimWithinCohort is Never; found "
                        + bwc.policy());
            }
        }
    }

    static void cohort(Cohort cohort, Problems p) {
        // Kueue does not compare lendingLimit with nominalQuota on Cohorts, only on ClusterQueues.
        resourceGroups(cohort.resourceGroups(), hasText(cohort.parent()), "Cohort has no parent", false, p);
        weight(cohort.fairSharingWeight(), p);
    }

    /** Label keys are qualified names and values label values, as Kubernetes checks a LabelSelector. */
    private static void namespaceSelector(LabelSelector selector, Problems p) {
        if (selector == null) {
            return;
        }
        String at = "spec.namespaceSelector";
        new TreeMap<>(selector.matchLabels()).forEach((key, value) -> { // by key: the record keeps no order
            labelKey(at + ".matchLabels", key, p);
            labelValue(at + ".matchLabels[" + key + "]", value, p);
        });
        List<LabelSelectorRequirement> expressions = selector.matchExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            String ep = at + ".matchExpressions[" + i + "]";
            labelKey(ep + ".key", expressions.get(i).key(), p);
            for (String value : expressions.get(i).values()) {
                labelValue(ep + ".values", value, p);
            }
        }
    }

    private static void labelKey(String field, String key, Problems p) {
        if (!YamlNode.isQualifiedName(key)) {
            p.add(field, "invalid label key " + YamlNode.quote(key) + ": expected a qualified name such as "
                    + "kubernetes.io/metadata.name");
        }
    }

    private static void labelValue(String field, String value, Problems p) {
        if (!YamlNode.isLabelValue(value)) {
            p.add(field, "invalid label value " + YamlNode.quote(value) + ": " + YamlNode.LABEL_VALUE);
        }
    }

    private static void weight(long millis, Problems p) {
        if (millis < 0) {
            p.add("spec.fairSharing.weight", "must be greater than or equal to 0; found " + Quantity.format(millis, ""));
        }
    }

    private static void resourceGroups(List<ResourceGroup> groups, boolean hasParent, String noParent,
                                       boolean lendingWithinNominal, Problems p) {
        if (groups.size() > MAX_GROUPS) {
            p.add(GROUPS, "at most " + MAX_GROUPS + " resource groups are allowed; found " + groups.size());
        }
        Map<String, String> resourceSeenAt = new HashMap<>();
        Map<String, String> flavorSeenAt = new HashMap<>();
        int totalFlavors = 0;
        int totalResources = 0;
        for (int i = 0; i < groups.size(); i++) {
            ResourceGroup group = groups.get(i);
            String gp = GROUPS + "[" + i + "]";
            totalFlavors += group.flavors().size();
            totalResources += group.coveredResources().size();
            int combinations = group.flavors().stream().mapToInt(f -> f.resources().size()).sum();
            if (combinations > MAX_COMBINATIONS) {
                p.add(gp, "at most " + MAX_COMBINATIONS + " flavor-resource combinations are allowed in a resource "
                        + "group; found " + combinations);
            }
            List<String> covered = group.coveredResources();
            count(covered.size(), MAX_RESOURCES, "resource", gp + ".coveredResources", p);
            for (int j = 0; j < covered.size(); j++) {
                String previous = resourceSeenAt.putIfAbsent(covered.get(j), gp);
                if (!YamlNode.isQualifiedName(covered.get(j))) {
                    p.add(gp + ".coveredResources[" + j + "]", "invalid resource name " + YamlNode.quote(covered.get(j))
                            + ": expected a qualified name such as cpu or example.com/gpu");
                } else if (previous != null) {
                    p.add(gp + ".coveredResources[" + j + "]", "duplicate resource \"" + covered.get(j)
                            + "\": already covered by " + previous);
                }
            }
            count(group.flavors().size(), MAX_FLAVORS, "flavor", gp + ".flavors", p);
            for (int k = 0; k < group.flavors().size(); k++) {
                FlavorQuotas flavor = group.flavors().get(k);
                String fp = gp + ".flavors[" + k + "]";
                if (flavor.name() != null) {
                    String previous = flavorSeenAt.putIfAbsent(flavor.name(), fp);
                    if (previous != null) {
                        p.add(fp + ".name", "duplicate flavor \"" + flavor.name() + "\": already listed at " + previous);
                    }
                }
                quotas(flavor, covered, fp, hasParent, noParent, lendingWithinNominal, p);
            }
        }
        if (totalFlavors > MAX_TOTAL_FLAVORS) {
            p.add(GROUPS, "at most " + MAX_TOTAL_FLAVORS + " flavors are allowed across all resource groups; found "
                    + totalFlavors);
        }
        if (totalResources > MAX_TOTAL_RESOURCES) {
            p.add(GROUPS, "at most " + MAX_TOTAL_RESOURCES + " covered resources are allowed across all resource "
                    + "groups; found " + totalResources);
        }
    }

    private static void count(int n, int max, String what, String field, Problems p) {
        if (n == 0) {
            p.add(field, "at least one " + what + " is required");
        } else if (n > max) {
            p.add(field, "at most " + max + " " + what + "s are allowed; found " + n);
        }
    }

    private static void quotas(FlavorQuotas flavor, List<String> covered, String fp, boolean hasParent,
                               String noParent, boolean lendingWithinNominal, Problems p) {
        List<ResourceQuota> resources = flavor.resources();
        if (resources.size() != covered.size()) {
            p.add(fp + ".resources", "must have the same number of resources as the coveredResources: expected "
                    + covered.size() + " (" + String.join(", ", covered) + "), found " + resources.size());
        }
        for (int r = 0; r < resources.size(); r++) {
            ResourceQuota q = resources.get(r);
            String rp = fp + ".resources[" + r + "]";
            String name = q.name();
            if (name != null && !covered.contains(name)) {
                p.add(rp + ".name", "resource \"" + name + "\" is not covered: the group's coveredResources are "
                        + String.join(", ", covered));
            } else if (name != null && r < covered.size() && !name.equals(covered.get(r))) {
                p.add(rp + ".name", "must match the name in coveredResources, in the same order: expected \""
                        + covered.get(r) + "\", found \"" + name + "\"");
            }
            nonNegative(q.nominalQuota(), name, rp + ".nominalQuota", p);
            limit(q.borrowingLimit(), name, rp + ".borrowingLimit", hasParent, noParent, p);
            limit(q.lendingLimit(), name, rp + ".lendingLimit", hasParent, noParent, p);
            // Compared only when both are valid; a negative one is already reported.
            if (lendingWithinNominal && q.lendingLimit() != null && q.nominalQuota() >= 0 && q.lendingLimit() >= 0
                    && q.lendingLimit() > q.nominalQuota()) {
                p.add(rp + ".lendingLimit", "must be less than or equal to the nominalQuota ("
                        + Quantity.format(q.nominalQuota(), name) + "); found " + Quantity.format(q.lendingLimit(), name));
            }
        }
    }

    private static void limit(Long value, String resource, String field, boolean hasParent, String noParent, Problems p) {
        if (value == null) {
            return;
        }
        nonNegative(value, resource, field, p);
        if (!hasParent) {
            p.add(field, "must be empty when the " + noParent + "; found " + Quantity.format(value, resource));
        }
    }

    private static void nonNegative(long value, String resource, String field, Problems p) {
        if (value < 0) {
            p.add(field, "must be greater than or equal to 0; found " + Quantity.format(value, resource));
        }
    }

    private static boolean hasText(String s) {
        return s != null && !s.isEmpty();
    }
}
