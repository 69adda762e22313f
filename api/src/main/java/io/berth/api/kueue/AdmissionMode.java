package io.berth.api.kueue;

/** admissionScope.admissionMode of a ClusterQueue. */
public enum AdmissionMode {
    UsageBasedAdmissionFairSharing, NoAdmissionFairSharing
}
