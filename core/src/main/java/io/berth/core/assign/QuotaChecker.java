package io.berth.core.assign;

import io.berth.api.kueue.PreemptionPolicy;
import io.berth.core.preempt.PreemptionOracle;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.FlavorResources;
import io.berth.core.workload.WorkloadInfo;
import java.util.function.Supplier;

/** Decides whether an amount of one flavor-resource fits a ClusterQueue, by borrowing or by preemption. */
final class QuotaChecker {
    private final FlavorResources frs;
    private final PreemptionOracle oracle;
    private final boolean fairSharing;

    QuotaChecker(FlavorResources frs, PreemptionOracle oracle, boolean fairSharing) {
        this.frs = frs;
        this.oracle = oracle;
        this.fairSharing = fairSharing;
    }

    /** assumed: what earlier pod sets of the same workload already take of fr. */
    QuotaFit check(ClusterQueueNode cq, WorkloadInfo wl, int fr, long assumed, long request) {
        String resource = frs.resourceName(fr);
        String flavor = frs.flavorName(fr);
        long available = Math.max(0, cq.available(fr));
        long maxCapacity = cq.potentialAvailable(fr);
        long val = assumed + request;
        if (val > maxCapacity) {
            return new QuotaFit(GranularMode.Outcome.NO_FIT, 0,
                    () -> "insufficient quota for " + resource + " in flavor " + flavor
                            + ", previously considered podsets requests (" + frs.units().format(resource, assumed)
                            + ") + current podset request (" + frs.units().format(resource, request)
                            + ") > maximum capacity (" + frs.units().format(resource, maxCapacity) + ")",
                    QuotaFit.EXCEEDS_MAX_QUOTA);
        }
        ClusterQueueNode.BorrowHeight height = cq.heightOfLowestSubtreeThatFits(fr, val);
        if (val <= available) {
            return new QuotaFit(GranularMode.Outcome.FIT, height.height(), null, null);
        }
        Supplier<String> message = () -> "insufficient unused quota for " + resource + " in flavor " + flavor + ", "
                + frs.units().format(resource, val - available) + " more needed";
        if (cq.nominal(fr) >= val || height.mayReclaimInHierarchy() || canPreemptWhileBorrowing(cq)) {
            PreemptionOracle.Simulation sim = oracle.simulate(cq, wl, fr, val);
            GranularMode.Outcome outcome = switch (sim.possibility()) {
                case NO_CANDIDATES -> GranularMode.Outcome.NO_PREEMPTION_CANDIDATES;
                case PREEMPT -> GranularMode.Outcome.PREEMPT;
                case RECLAIM -> GranularMode.Outcome.RECLAIM;
            };
            return new QuotaFit(outcome, sim.borrowAfter(), message, null);
        }
        return new QuotaFit(GranularMode.Outcome.NO_FIT, height.height(), message, QuotaFit.WAITING_FOR_QUOTA);
    }

    private boolean canPreemptWhileBorrowing(ClusterQueueNode cq) {
        var preemption = cq.preemption();
        return preemption.borrowWithinCohort().policy() != PreemptionPolicy.Never
                || (fairSharing && preemption.reclaimWithinCohort() != PreemptionPolicy.Never);
    }
}
