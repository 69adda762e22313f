package io.berth.core.cycle;

/**
 * Why a workload has no quota: Kueue's QuotaReserved=False reason (Pending, WaitingForQuota,
 * NoMatchingFlavor, ExceedsMaxQuota, Misconfigured, Suspended, WaitingForPreemptedWorkloads...)
 * and message.
 */
public record PendingStatus(String reason, String message) {
    public static final String PENDING = "Pending";
    public static final String WAITING_FOR_QUOTA = "WaitingForQuota";
    public static final String WAITING_FOR_PREEMPTED = "WaitingForPreemptedWorkloads";
    public static final String MISCONFIGURED = "Misconfigured";
    public static final String SUSPENDED = "Suspended";
}
