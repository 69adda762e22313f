package io.berth.core.cycle;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Why a workload has no quota: Kueue's QuotaReserved=False reason (Pending, WaitingForQuota,
 * NoMatchingFlavor, ExceedsMaxQuota, Misconfigured, Suspended, WaitingForPreemptedWorkloads...)
 * and message. A cycle gives every head it could not admit a status, and most are replaced
 * before anyone reads them, so the message can be given as a recipe and is built when first read.
 */
public final class PendingStatus {
    public static final String PENDING = "Pending";
    public static final String WAITING_FOR_QUOTA = "WaitingForQuota";
    public static final String WAITING_FOR_PREEMPTED = "WaitingForPreemptedWorkloads";
    /** waitForPodsReady.blockAdmission: it would fit, but an admitted workload's pods are not all ready. */
    public static final String WAITING_FOR_PODS_READY = "WaitingForPodsReady";
    public static final String MISCONFIGURED = "Misconfigured";
    public static final String SUSPENDED = "Suspended";
    /** Kept out of every queue until the controllers named in its admission-gated-by annotation clear it. */
    public static final String ADMISSION_GATED = "AdmissionGated";
    /**
     * Deactivated (spec.active false, or by Berth after backoffLimitCount requeues or the maximum
     * execution time): not waiting for quota. Kueue's QuotaReserved reason for it.
     */
    public static final String DEACTIVATED = "Deactivated";

    private final String reason;
    private final Supplier<String> recipe;
    private volatile String message;

    public PendingStatus(String reason, String message) {
        this.reason = reason;
        this.message = message;
        this.recipe = null;
    }

    /** The message is recipe's result, built once when first read. */
    public PendingStatus(String reason, Supplier<String> recipe) {
        this.reason = reason;
        this.recipe = recipe;
    }

    public String reason() {
        return reason;
    }

    public String message() {
        String m = message;
        if (m == null && recipe != null) {
            m = recipe.get();
            message = m;
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PendingStatus other && reason.equals(other.reason)
                && Objects.equals(message(), other.message());
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, message());
    }

    @Override
    public String toString() {
        return "PendingStatus[reason=" + reason + ", message=" + message() + "]";
    }
}
