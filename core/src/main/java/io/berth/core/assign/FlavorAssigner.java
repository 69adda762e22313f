package io.berth.core.assign;

import io.berth.api.kueue.ResourceFlavor;
import io.berth.core.preempt.PreemptionOracle;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.FlavorResources;
import io.berth.core.workload.Usage;
import io.berth.core.workload.WorkloadInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Chooses a flavor for every requested resource of a workload in its ClusterQueue, pod set by
 * pod set. Reads the quota tree, never changes it.
 */
public final class FlavorAssigner {
    private final FlavorResources frs;
    private final Map<String, ResourceFlavor> flavors;
    private final QuotaChecker checker;
    private final boolean ignoreUndeclared;

    public FlavorAssigner(FlavorResources frs, Map<String, ResourceFlavor> flavors, PreemptionOracle oracle,
                          boolean fairSharing) {
        this(frs, flavors, oracle, fairSharing, false);
    }

    /** ignoreUndeclared: resources the ClusterQueue does not cover are left out (quotaCheckStrategy IgnoreUndeclared). */
    public FlavorAssigner(FlavorResources frs, Map<String, ResourceFlavor> flavors, PreemptionOracle oracle,
                          boolean fairSharing, boolean ignoreUndeclared) {
        this.frs = frs;
        this.flavors = flavors;
        this.checker = new QuotaChecker(frs, oracle, fairSharing);
        this.ignoreUndeclared = ignoreUndeclared;
    }

    /** Assigns flavors for the given pod counts per pod set (null: the full counts). */
    public Assignment assign(WorkloadInfo wl, ClusterQueueNode cq, int[] counts) {
        return assign(wl, cq, counts, null);
    }

    /**
     * Assigns flavors, considering for each pod set's resource only the flavor that pinned gave it
     * (Kueue's nomination mapping, when it recomputes an assignment); pinned null: every flavor.
     */
    public Assignment assign(WorkloadInfo wl, ClusterQueueNode cq, int[] counts, Assignment pinned) {
        Usage.Builder usage = new Usage.Builder();
        int n = wl.podSets().size();
        PodSetResult[] results = new PodSetResult[n];
        int borrowing = 0;
        for (int i = 0; i < n; i++) {
            int count = counts == null ? wl.podSets().get(i).count() : counts[i];
            PodSetSearch search = new PodSetSearch(frs, flavors, checker, cq, wl, i, count, usage, pinned,
                    ignoreUndeclared);
            results[i] = search.result();
            if (search.failed()) {
                return new Assignment(cq.name(), List.of(Arrays.copyOf(results, i + 1)), usage.build(), borrowing,
                        search.noFitReason());
            }
            search.addUsageTo(usage);
            borrowing = Math.max(borrowing, search.borrowing());
        }
        return new Assignment(cq.name(), List.of(results), usage.build(), borrowing, null);
    }
}
