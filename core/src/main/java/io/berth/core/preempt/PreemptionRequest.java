package io.berth.core.preempt;

import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.workload.Usage;
import io.berth.core.workload.WorkloadInfo;
import java.util.BitSet;

/**
 * A workload that needs room: its ClusterQueue, the flavor-resources that need preemption and
 * the total usage it would add.
 */
record PreemptionRequest(WorkloadInfo preemptor, ClusterQueueNode cq, BitSet frsNeedingPreemption, Usage usage) {

    /** Whether the preemptor fits in what its queue can use now (without borrowing if not allowed). */
    boolean fits(boolean allowBorrowing) {
        for (int i = 0; i < usage.size(); i++) {
            int fr = usage.fr(i);
            long v = usage.amount(i);
            if (!allowBorrowing && cq.borrowingWith(fr, v)) {
                return false;
            }
            if (v > Math.max(0, cq.available(fr))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #fits} as it would be with the request's own usage taken out of its queue, which holds
     * it during a search (for the shares compared), worked out without taking it out.
     */
    boolean fitsWhileHeld(boolean allowBorrowing) {
        for (int i = 0; i < usage.size(); i++) {
            int fr = usage.fr(i);
            long v = usage.amount(i);
            if (!allowBorrowing && cq.borrowingWith(fr, 0)) { // borrowing with v once v is taken out
                return false;
            }
            if (v > Math.max(0, cq.availableWithout(fr, v))) {
                return false;
            }
        }
        return true;
    }

    /** Whether other asks exactly the same of the same queue. */
    boolean sameAs(PreemptionRequest other) {
        if (other == null || other.preemptor != preemptor || other.cq != cq
                || !other.frsNeedingPreemption.equals(frsNeedingPreemption) || other.usage.size() != usage.size()) {
            return false;
        }
        for (int i = 0; i < usage.size(); i++) {
            if (other.usage.fr(i) != usage.fr(i) || other.usage.amount(i) != usage.amount(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the queue uses less than its nominal quota in every flavor-resource that needs preemption. */
    boolean queueUnderNominal() {
        for (int fr = frsNeedingPreemption.nextSetBit(0); fr >= 0; fr = frsNeedingPreemption.nextSetBit(fr + 1)) {
            if (cq.nominal(fr) <= cq.usage(fr)) {
                return false;
            }
        }
        return true;
    }
}
