package io.berth.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.kueue.Admission;
import io.berth.api.kueue.PodSetAssignment;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadStatusTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");
    private final Admission admission = new Admission("cq",
            List.of(new PodSetAssignment("main", Map.of("cpu", "default"), Map.of("cpu", 1500L, "memory", 1073741824000L), 3)));

    @Test
    void reserveWritesAdmissionAndKueuesConditions() {
        Map<String, Object> status = new LinkedHashMap<>();
        assertThat(WorkloadStatus.reserve(status, admission, T0)).isTrue();
        assertThat(status.get("admission").toString())
                .isEqualTo("{clusterQueue=cq, podSetAssignments=[{name=main, flavors={cpu=default}, "
                        + "resourceUsage={cpu=1500m, memory=1Gi}, count=3}]}");
        assertThat(Conditions.find(status, "QuotaReserved")).containsEntry("status", "True")
                .containsEntry("reason", "QuotaReserved").containsEntry("message", "Quota reserved in ClusterQueue cq");
        assertThat(Conditions.find(status, "Admitted")).containsEntry("reason", "Admitted")
                .containsEntry("message", "The workload is admitted");
        assertThat(WorkloadStatus.reserve(status, admission, T1)).as("nothing new").isFalse();
    }

    @Test
    void evictionReleasesTheAdmissionAndReadmissionResetsEvicted() {
        Map<String, Object> status = new LinkedHashMap<>();
        WorkloadStatus.reserve(status, admission, T0);
        assertThat(WorkloadStatus.evict(status, "Preempted", "because", "InClusterQueue", T1)).isTrue();
        assertThat(status).doesNotContainKey("admission");
        assertThat(Conditions.find(status, "Evicted")).containsEntry("status", "True").containsEntry("reason", "Preempted");
        assertThat(Conditions.find(status, "Preempted")).containsEntry("reason", "InClusterQueue");
        assertThat(Conditions.find(status, "QuotaReserved")).containsEntry("status", "False")
                .containsEntry("reason", "Pending").containsEntry("lastTransitionTime", T1.toString());
        assertThat(Conditions.find(status, "Admitted")).containsEntry("reason", "NoReservation");

        WorkloadStatus.reserve(status, admission, T1);
        assertThat(Conditions.find(status, "Evicted")).containsEntry("status", "False")
                .containsEntry("reason", "QuotaReserved").containsEntry("message", "Previously: because");
    }

    @Test
    void onlyAPreemptedWorkloadIsRequeuedAtOnce() {
        Map<String, Object> preempted = new LinkedHashMap<>();
        WorkloadStatus.reserve(preempted, admission, T0);
        WorkloadStatus.evict(preempted, "Preempted", "because", "InClusterQueue", T1);
        assertThat(Conditions.find(preempted, "Requeued")).containsEntry("status", "True")
                .containsEntry("reason", "Preempted");
        assertThat(WorkloadStatus.awaitsRequeue(preempted)).isFalse();

        Map<String, Object> timedOut = new LinkedHashMap<>();
        WorkloadStatus.reserve(timedOut, admission, T0);
        WorkloadStatus.evict(timedOut, "PodsReadyTimeout", "Exceeded the PodsReady timeout", null, T1);
        assertThat(Conditions.find(timedOut, "Requeued")).containsEntry("status", "False")
                .containsEntry("reason", "PodsReadyTimeout");
        assertThat(WorkloadStatus.awaitsRequeue(timedOut)).isTrue();
    }

    @Test
    void aBackoffIsWrittenAndEndsWhenTheWorkloadIsQueuedAgain() {
        Map<String, Object> status = new LinkedHashMap<>();
        WorkloadStatus.reserve(status, admission, T0);
        WorkloadStatus.evict(status, "PodsReadyTimeout", "Exceeded the PodsReady timeout", null, T0);
        assertThat(WorkloadStatus.requeueState(status, 2, T1)).isTrue();
        assertThat(status.get("requeueState")).isEqualTo(Map.of("count", 2, "requeueAt", T1.toString()));
        assertThat(WorkloadStatus.requeueState(status, 2, T1)).as("nothing new").isFalse();

        assertThat(WorkloadStatus.pending(status, "Pending", "Waiting in ClusterQueue cq", T1)).isTrue();
        assertThat(Conditions.find(status, "Requeued")).containsEntry("status", "True")
                .containsEntry("reason", "BackoffFinished")
                .containsEntry("message", "The workload backoff was finished");
        assertThat(status.get("requeueState")).as("the count stays").isEqualTo(Map.of("count", 2));
    }

    @Test
    void admissionRequeuesAWorkloadWhoseQueueWasRestarted() {
        Map<String, Object> status = new LinkedHashMap<>();
        WorkloadStatus.reserve(status, admission, T0);
        WorkloadStatus.evict(status, "ClusterQueueStopped", "The ClusterQueue is stopped", null, T0);

        WorkloadStatus.reserve(status, admission, T1);
        assertThat(Conditions.find(status, "Requeued")).containsEntry("status", "True")
                .containsEntry("reason", "ClusterQueueRestarted");
    }

    @Test
    void pendingKeepsTheTransitionTimeWhileTheStatusStaysFalse() {
        Map<String, Object> status = new LinkedHashMap<>();
        WorkloadStatus.pending(status, "Pending", "first", T0);
        assertThat(WorkloadStatus.pending(status, "WaitingForQuota", "second", T1)).isTrue();
        assertThat(Conditions.find(status, "QuotaReserved")).containsEntry("lastTransitionTime", T0.toString())
                .containsEntry("message", "second");
        assertThat(WorkloadStatus.pending(status, "WaitingForQuota", "second", T1)).isFalse();
    }

    @Test
    void aDeactivatedWorkloadStaysNotRequeuedWhileInactiveAndIsReactivatedOnceQueued() {
        Map<String, Object> status = new LinkedHashMap<>();
        WorkloadStatus.reserve(status, admission, T0);
        WorkloadStatus.requeueState(status, 1, T0);
        WorkloadStatus.evict(status, "DeactivatedDueToRequeuingLimitExceeded", "deactivated", null, T1);
        WorkloadStatus.dropRequeueState(status);
        assertThat(status).doesNotContainKey("requeueState");

        assertThat(WorkloadStatus.pending(status, "Deactivated", "The workload is deactivated", T1)).isTrue();
        assertThat(WorkloadStatus.queuedWhile("AdmissionGated")).as("a gated workload is in no queue either").isFalse();
        assertThat(Conditions.find(status, "Requeued")).as("an inactive workload is in no queue")
                .containsEntry("status", "False").containsEntry("reason", "DeactivatedDueToRequeuingLimitExceeded");

        WorkloadStatus.pending(status, "Pending", "waiting", T1);
        assertThat(Conditions.find(status, "Requeued")).containsEntry("status", "True")
                .containsEntry("reason", "Reactivated").containsEntry("message", "The workload was reactivated");
    }
}
