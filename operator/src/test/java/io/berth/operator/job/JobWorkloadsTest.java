package io.berth.operator.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobWorkloadsTest {
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    private static Job job(Integer parallelism, Integer completions, Map<String, String> annotations) {
        return new JobBuilder().withNewMetadata().withName("pi").withNamespace("team")
                .withUid("0d6f3a4e-1111-2222-3333-444455556666")
                .addToLabels("kueue.x-k8s.io/queue-name", "lq").addToLabels("kueue.x-k8s.io/priority-class", "high")
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().withParallelism(parallelism).withCompletions(completions)
                .withNewTemplate().withNewSpec().addNewContainer().withName("c")
                .withNewResources().addToRequests("cpu", new Quantity("500m")).endResources()
                .endContainer().endSpec().endTemplate().endSpec().build();
    }

    @Test
    void workloadNameIsKueuesJobPrefixAndShaOneHash() {
        // sha1("Job\nbatch\npi\n<uid>") starts with 6d695.
        assertThat(JobWorkloads.workloadName(job(1, null, Map.of()))).isEqualTo("job-pi-6d695");
    }

    @Test
    void podCountIsParallelismCappedByCompletions() {
        assertThat(JobWorkloads.podCount(job(null, null, Map.of()))).isEqualTo(1);
        assertThat(JobWorkloads.podCount(job(4, null, Map.of()))).isEqualTo(4);
        assertThat(JobWorkloads.podCount(job(4, 3, Map.of()))).isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void workloadHasOnePodSetFromTheTemplateAndIsOwnedByTheJob() {
        var wl = new JobWorkloads(serialization).workloadFor(job(4, null,
                Map.of("kueue.x-k8s.io/job-min-parallelism", "2")));
        assertThat(wl.getApiVersion()).isEqualTo("kueue.x-k8s.io/v1beta2");
        assertThat(wl.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("Job");
            assertThat(o.getController()).isTrue();
        });
        Map<String, Object> spec = (Map<String, Object>) wl.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("queueName", "lq");
        assertThat(spec.get("priorityClassRef")).isEqualTo(Map.of("group", "kueue.x-k8s.io",
                "kind", "WorkloadPriorityClass", "name", "high"));
        Map<String, Object> podSet = ((List<Map<String, Object>>) spec.get("podSets")).get(0);
        assertThat(podSet).containsEntry("name", "main").containsEntry("count", 4).containsEntry("minCount", 2);
        assertThat(podSet.get("template").toString()).contains("cpu=500m");
        assertThat(JobWorkloads.ownerJob(wl)).isEqualTo("pi");
        assertThat(wl.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void theWorkloadCarriesTheJobsAdmissionGates() {
        var wl = new JobWorkloads(serialization).workloadFor(job(1, null,
                Map.of("kueue.x-k8s.io/admission-gated-by", "example.com/a,example.com/b")));
        assertThat(wl.getMetadata().getAnnotations())
                .isEqualTo(Map.of("kueue.x-k8s.io/admission-gated-by", "example.com/a,example.com/b"));
        assertThat(JobWorkloads.admissionGates(job(1, null, Map.of("kueue.x-k8s.io/admission-gated-by", "")))).isNull();
    }

    @Test
    void badMinParallelismNamesTheAnnotation() {
        assertThatThrownBy(() -> JobWorkloads.minCount(job(4, null, Map.of("kueue.x-k8s.io/job-min-parallelism", "x"))))
                .hasMessageContaining("kueue.x-k8s.io/job-min-parallelism").hasMessageContaining("expected an integer");
    }
}
