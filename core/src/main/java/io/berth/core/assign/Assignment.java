package io.berth.core.assign;

import io.berth.core.workload.AdmissionRecord;
import io.berth.core.workload.PodSetAdmission;
import io.berth.core.workload.Usage;
import java.util.List;

/**
 * The flavors chosen for a workload in one ClusterQueue, what that costs (usage), how high in
 * the cohort tree it borrows, and whether it fits, needs preemption or cannot fit.
 * noFitReason is Kueue's QuotaReserved reason for a NO_FIT (NoMatchingFlavor, ExceedsMaxQuota,
 * WaitingForQuota).
 */
public record Assignment(String clusterQueue, List<PodSetResult> podSets, Usage usage, int borrowing,
                         String noFitReason) {
    public Assignment {
        podSets = List.copyOf(podSets);
    }

    public Mode mode() {
        if (podSets.isEmpty()) {
            return Mode.NO_FIT;
        }
        Mode worst = Mode.FIT;
        for (PodSetResult ps : podSets) {
            Mode m = ps.mode();
            if (m.compareTo(worst) < 0) {
                worst = m;
            }
        }
        return worst;
    }

    /** The result of the pod set with this name, or null. */
    public PodSetResult podSet(String name) {
        for (PodSetResult ps : podSets) {
            if (ps.name().equals(name)) {
                return ps;
            }
        }
        return null;
    }

    /** Whether some pod set's usage is clamped off its count ({@link PodSetResult#clampedOffCount()}). */
    public boolean clampedOffCount() {
        for (PodSetResult ps : podSets) {
            if (ps.clampedOffCount()) {
                return true;
            }
        }
        return false;
    }

    public boolean borrows() {
        return borrowing > 0;
    }

    /** Kueue's message for a workload that does not fit as is; empty when it fits. */
    public String message() {
        StringBuilder sb = new StringBuilder();
        for (PodSetResult ps : podSets) {
            if (ps.reasons().isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(ps.message());
        }
        return sb.toString();
    }

    public AdmissionRecord toAdmission() {
        List<PodSetAdmission> admissions = podSets.stream().map(PodSetResult::toAdmission).toList();
        return new AdmissionRecord(clusterQueue, admissions, usage);
    }
}
