package io.berth.core.quota;

import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.ClusterQueuePreemption;
import io.berth.api.kueue.FlavorFungibility;
import io.berth.api.kueue.QueueingStrategy;
import java.util.List;

/** A ClusterQueue in the quota tree, with its spec compiled for the scheduler's hot path. */
public final class ClusterQueueNode extends QuotaNode {
    /** ClusterQueue annotation (a duration such as "10m") protecting fresh workloads from preemption. */
    public static final String MIN_RUNTIME_ANNOTATION = "berth.io/preemption-min-runtime";
    private final ClusterQueue spec;
    private final List<ResourceGroupSpec> resourceGroups;
    /** By resource id, the group covering it or null: one array read, as flavor assignment asks for every resource. */
    private final ResourceGroupSpec[] groupOfResource;
    private final Inactivity inactivity;
    private final long minRuntimeBeforePreemption;
    /** Kept here, next to the usage it weighs: shares are computed in hot loops. */
    private final double fairWeight;
    private long generation;

    ClusterQueueNode(ClusterQueue spec, int capacity, List<ResourceGroupSpec> resourceGroups, int resourceCount,
                     Inactivity inactivity) {
        super(spec.metadata().name(), capacity);
        this.spec = spec;
        this.resourceGroups = List.copyOf(resourceGroups);
        this.groupOfResource = new ResourceGroupSpec[resourceCount];
        for (ResourceGroupSpec group : resourceGroups) {
            for (int r : group.resources()) {
                groupOfResource[r] = group;
            }
        }
        this.inactivity = inactivity;
        this.fairWeight = spec.fairSharingWeight() / 1000.0;
        String minRuntime = spec.metadata().annotations().get(MIN_RUNTIME_ANNOTATION);
        this.minRuntimeBeforePreemption = minRuntime == null ? 0 : io.berth.api.Durations.parseMillis(minRuntime);
    }

    /**
     * Advances when quota is released in this queue or its configuration changes: a flavor
     * search that stopped part-way is only resumed while the generation is unchanged.
     */
    public long generation() {
        return generation;
    }

    public void setGeneration(long generation) {
        this.generation = generation;
    }

    /** Berth extension: workloads admitted here may not be preempted before running this long (ms). */
    public long minRuntimeBeforePreemption() {
        return minRuntimeBeforePreemption;
    }

    public ClusterQueue spec() {
        return spec;
    }

    public List<ResourceGroupSpec> resourceGroups() {
        return resourceGroups;
    }

    /** The resource group covering a resource, or null. */
    public ResourceGroupSpec groupOf(int resource) {
        return resource < groupOfResource.length ? groupOfResource[resource] : null;
    }

    /** Kueue's pending message for workloads of an inactive queue ("ClusterQueue x is inactive"), or null. */
    public String inactiveMessage() {
        return inactivity == null ? null : "ClusterQueue " + name() + " is inactive";
    }

    /** Why the queue is inactive (being deleted, stopped, missing flavors...), or null when active. */
    public Inactivity inactivity() {
        return inactivity;
    }

    public boolean isActive() {
        return inactivity == null;
    }

    public FlavorFungibility fungibility() {
        return spec.flavorFungibility();
    }

    public ClusterQueuePreemption preemption() {
        return spec.preemption();
    }

    public QueueingStrategy queueingStrategy() {
        return spec.queueingStrategy();
    }

    @Override
    public double fairWeight() {
        return fairWeight;
    }

    @Override
    public boolean borrowingWith(int fr, long val) {
        return nominal[fr] < usage[fr] + val;
    }

    /**
     * Height of the lowest subtree in which val more of fr fits (0: within this queue's nominal
     * quota), and whether quota could be reclaimed at that level (it is not the root).
     */
    public BorrowHeight heightOfLowestSubtreeThatFits(int fr, long val) {
        if (!borrowingWith(fr, val) || parent == null) {
            return new BorrowHeight(0, parent != null);
        }
        long remaining = val - localAvailable(fr);
        for (CohortNode node = parent; node != null; node = node.parent) {
            if (!node.borrowingWith(fr, remaining)) {
                return new BorrowHeight(node.height(), node.parent != null);
            }
            remaining -= node.localAvailable(fr);
        }
        return new BorrowHeight(((CohortNode) root()).height(), false);
    }

    /** Result of {@link #heightOfLowestSubtreeThatFits}. */
    public record BorrowHeight(int height, boolean mayReclaimInHierarchy) {
    }
}
