package io.berth.core.quota;

import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.api.kueue.StopPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The forest of Cohorts and ClusterQueues with quotas and subtree quotas. Built from specs when
 * the configuration changes; usage is then kept up to date incrementally by the nodes.
 * A Cohort named by a ClusterQueue or another Cohort but not defined is created implicitly,
 * without quota, as Kueue does.
 */
public final class QuotaTree {
    private final FlavorResources frs;
    private final Map<String, ClusterQueueNode> clusterQueues = new TreeMap<>();
    private final Map<String, ClusterQueueNode> byName = new HashMap<>();
    private final Map<String, CohortNode> cohorts = new TreeMap<>();
    private final Map<QuotaNode, List<ClusterQueueNode>> queuesByRoot = new HashMap<>();

    public QuotaTree(FlavorResources frs, Collection<ClusterQueue> cqSpecs, Collection<Cohort> cohortSpecs,
                     Set<String> knownFlavors) {
        this.frs = frs;
        Map<String, Cohort> cohortByName = new LinkedHashMap<>();
        for (Cohort c : cohortSpecs) {
            cohortByName.put(c.metadata().name(), c);
        }
        // Intern every flavor-resource first so all arrays get their final size.
        for (ClusterQueue cq : cqSpecs) {
            internAll(cq.resourceGroups());
        }
        for (Cohort c : cohortSpecs) {
            internAll(c.resourceGroups());
        }
        int capacity = Math.max(frs.size(), 1);
        for (Cohort c : cohortSpecs) {
            CohortNode node = cohort(c.metadata().name(), capacity, cohortByName);
            setQuotas(node, c.resourceGroups());
        }
        Map<String, String> inCycle = cycles(cohortByName);
        for (Cohort c : cohortSpecs) {
            // A cohort on a parent cycle, or below one, is cut off from its parent: the cycle is no tree.
            if (c.parent() != null && !c.parent().isEmpty() && !inCycle.containsKey(c.metadata().name())) {
                cohort(c.parent(), capacity, cohortByName).addChild(cohorts.get(c.metadata().name()));
            }
        }
        for (ClusterQueue cq : cqSpecs) {
            List<ResourceGroupSpec> groups = compile(cq.resourceGroups());
            String cycle = cq.cohort() == null ? null : inCycle.get(cq.cohort());
            ClusterQueueNode node = new ClusterQueueNode(cq, capacity, groups, frs.resources().size(),
                    cycle != null ? Inactivity.cohortCycle(cycle) : inactivity(cq, knownFlavors));
            setQuotas(node, cq.resourceGroups());
            clusterQueues.put(cq.metadata().name(), node);
            if (cq.cohort() != null && !cq.cohort().isEmpty()) {
                cohort(cq.cohort(), capacity, cohortByName).addChild(node);
            }
        }
        for (CohortNode c : cohorts.values()) {
            if (c.parent == null) {
                computeSubtreeQuota(c, new HashSet<>());
            }
        }
        for (ClusterQueueNode cq : clusterQueues.values()) {
            if (cq.parent == null) {
                System.arraycopy(cq.nominal, 0, cq.subtreeQuota, 0, cq.nominal.length);
            }
            queuesByRoot.computeIfAbsent(cq.root(), r -> new ArrayList<>()).add(cq);
            byName.put(cq.name(), cq);
        }
        int id = 0;
        for (QuotaNode node : cohorts.values()) {
            node.id = id++;
        }
        for (QuotaNode node : clusterQueues.values()) {
            node.id = id++;
        }
    }

    /** How many nodes (ClusterQueues and Cohorts) the tree has: node ids run from 0 to this, exclusive. */
    public int nodeCount() {
        return cohorts.size() + clusterQueues.size();
    }

    /** The ClusterQueues in the same tree as cq (cq included), in name order: they share quota. */
    public List<ClusterQueueNode> clusterQueuesSharingQuotaWith(ClusterQueueNode cq) {
        return queuesByRoot.get(cq.root());
    }

    private CohortNode cohort(String name, int capacity, Map<String, Cohort> specs) {
        return cohorts.computeIfAbsent(name, n -> {
            Cohort spec = specs.get(n);
            return new CohortNode(n, capacity, spec == null ? 1000 : spec.fairSharingWeight());
        });
    }

    private void internAll(List<ResourceGroup> groups) {
        for (ResourceGroup g : groups) {
            for (FlavorQuotas f : g.flavors()) {
                for (ResourceQuota r : f.resources()) {
                    frs.id(f.name(), r.name());
                }
            }
        }
    }

    private List<ResourceGroupSpec> compile(List<ResourceGroup> groups) {
        List<ResourceGroupSpec> result = new ArrayList<>();
        for (ResourceGroup g : groups) {
            int[] resources = g.coveredResources().stream().mapToInt(frs.resources()::id).toArray();
            int[] flavors = new int[g.flavors().size()];
            String[] names = new String[flavors.length];
            int[][] ids = new int[flavors.length][resources.length];
            for (int f = 0; f < flavors.length; f++) {
                names[f] = g.flavors().get(f).name();
                flavors[f] = frs.flavors().id(names[f]);
                for (int r = 0; r < resources.length; r++) {
                    ids[f][r] = frs.id(flavors[f], resources[r]);
                }
            }
            result.add(new ResourceGroupSpec(resources, flavors, names, ids));
        }
        return result;
    }

    private void setQuotas(QuotaNode node, List<ResourceGroup> groups) {
        for (ResourceGroup g : groups) {
            for (FlavorQuotas f : g.flavors()) {
                for (ResourceQuota q : f.resources()) {
                    String resource = q.name();
                    node.setQuota(frs.id(f.name(), resource), amount(resource, q.nominalQuota()),
                            limit(resource, q.borrowingLimit()), limit(resource, q.lendingLimit()));
                }
            }
        }
    }

    private long amount(String resource, long millis) {
        return millis == ResourceQuota.UNLIMITED ? QuotaNode.UNLIMITED
                : Math.min(QuotaNode.UNLIMITED - 1, frs.units().fromMillis(resource, millis));
    }

    private long limit(String resource, Long millis) {
        return millis == null ? QuotaNode.NO_LIMIT : amount(resource, millis);
    }

    /**
     * The cohorts whose parent chain runs into a cycle (Kueue's HasCycle), each to a cohort of
     * that cycle; Kueue leaves their ClusterQueues out of scheduling.
     */
    private static Map<String, String> cycles(Map<String, Cohort> specs) {
        Map<String, String> result = new HashMap<>();
        for (String start : specs.keySet()) {
            Set<String> seen = new HashSet<>();
            for (String c = start; c != null && specs.containsKey(c); c = specs.get(c).parent()) {
                if (!seen.add(c)) {
                    result.put(start, c);
                    break;
                }
            }
        }
        return result;
    }

    private static Inactivity inactivity(ClusterQueue cq, Set<String> knownFlavors) {
        if (cq.metadata().deletionTimestamp() != null) {
            return Inactivity.terminating();
        }
        List<String> missing = new ArrayList<>();
        for (ResourceGroup g : cq.resourceGroups()) {
            for (FlavorQuotas f : g.flavors()) {
                if (!knownFlavors.contains(f.name()) && !missing.contains(f.name())) {
                    missing.add(f.name());
                }
            }
        }
        return Inactivity.of(cq.stopPolicy() != null && cq.stopPolicy() != StopPolicy.None, missing);
    }

    /** Subtree quota: own nominal plus what each child does not keep for itself (Kueue's accumulation). */
    private void computeSubtreeQuota(CohortNode node, Set<String> visiting) {
        if (!visiting.add(node.name())) {
            throw new IllegalStateException("Cohort cycle through " + node.name());
        }
        System.arraycopy(node.nominal, 0, node.subtreeQuota, 0, node.nominal.length);
        for (CohortNode child : node.childCohorts()) {
            computeSubtreeQuota(child, visiting);
            accumulate(node, child);
        }
        for (ClusterQueueNode child : node.childQueues()) {
            System.arraycopy(child.nominal, 0, child.subtreeQuota, 0, child.nominal.length);
            accumulate(node, child);
        }
    }

    private static void accumulate(CohortNode parent, QuotaNode child) {
        for (int fr = 0; fr < parent.subtreeQuota.length; fr++) {
            // Capped, so huge quotas never add up past a long; as in Kueue, a sum that reaches the
            // cap is unlimited.
            long lent = child.subtreeQuota[fr] - child.guaranteedQuota(fr);
            parent.subtreeQuota[fr] = Math.min(QuotaNode.UNLIMITED, parent.subtreeQuota[fr] + lent);
        }
    }

    /** Grows every node's arrays when new flavor-resources were interned (e.g. by admitted workloads). */
    public void ensureCapacity() {
        int n = frs.size();
        clusterQueues.values().forEach(q -> q.grow(n));
        cohorts.values().forEach(c -> c.grow(n));
    }

    public ClusterQueueNode clusterQueue(String name) {
        return byName.get(name);
    }

    public CohortNode cohort(String name) {
        return cohorts.get(name);
    }

    /** ClusterQueues by name, in name order. */
    public Collection<ClusterQueueNode> clusterQueues() {
        return clusterQueues.values();
    }

    public Collection<CohortNode> cohorts() {
        return cohorts.values();
    }

    public FlavorResources flavorResources() {
        return frs;
    }
}
