package io.berth.core.queue;

/** Why a head goes back to its queue; decides between the active heap and the inadmissible set. */
public enum RequeueReason {
    /** Could not be assigned flavors. */
    NO_FIT,
    /** Needs preemption but nothing may be preempted. */
    PREEMPTION_NO_CANDIDATES,
    /** Fitted when nominated but not after earlier admissions of the same cycle. */
    FAILED_AFTER_NOMINATION,
    /** Issued preemptions and waits for the victims to go. */
    PENDING_PREEMPTION,
    /** Its namespace does not match the ClusterQueue's namespaceSelector. */
    NAMESPACE_MISMATCH,
    /** Any other reason it could not be considered. */
    GENERIC;

    /** Whether a BestEffortFIFO queue retries it at once rather than waiting for quota to change. */
    boolean immediateForBestEffort() {
        return this == FAILED_AFTER_NOMINATION || this == PENDING_PREEMPTION;
    }
}
