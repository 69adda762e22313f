package io.berth.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.core.ObjectMeta;
import io.berth.api.core.Toleration;
import io.berth.api.kueue.PodSetAssignment;
import io.berth.api.kueue.ResourceFlavor;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobStartStopTest {
    private final JobStartStop startStop = new JobStartStop(new KubernetesSerialization());
    private final Map<String, ResourceFlavor> flavors = Map.of("spot", new ResourceFlavor(ObjectMeta.named("spot"),
            Map.of("pool", "spot"), List.of(), List.of(new Toleration("spot", "Exists", null, "NoSchedule"))));
    private final JobStartStop.Original original = new JobStartStop.Original(Map.of("zone", "a"), List.of(), 4);

    private static Job suspended() {
        return new JobBuilder().withNewMetadata().withName("pi").endMetadata()
                .withNewSpec().withParallelism(4).withSuspend(true)
                .withNewTemplate().withNewSpec().withNodeSelector(Map.of("zone", "a")).endSpec().endTemplate()
                .endSpec().build();
    }

    @Test
    void startAddsFlavorLabelsTolerationsAndPartialCount() {
        Job started = startStop.start(suspended(),
                new PodSetAssignment("main", Map.of("cpu", "spot"), Map.of(), 3), flavors, original);
        assertThat(JobStartStop.running(started)).isTrue();
        assertThat(started.getSpec().getTemplate().getSpec().getNodeSelector()).containsEntry("zone", "a")
                .containsEntry("pool", "spot");
        assertThat(started.getSpec().getTemplate().getSpec().getTolerations()).singleElement()
                .satisfies(t -> assertThat(t.getKey()).isEqualTo("spot"));
        assertThat(started.getSpec().getParallelism()).isEqualTo(3);
        assertThat(startStop.start(started, new PodSetAssignment("main", Map.of("cpu", "spot"), Map.of(), 3), flavors,
                original)).as("already started").isNull();
    }

    @Test
    void stopRestoresTheTemplateAndParallelism() {
        Job started = startStop.start(suspended(),
                new PodSetAssignment("main", Map.of("cpu", "spot"), Map.of(), 3), flavors, original);
        Job stopped = startStop.stop(started, original);
        assertThat(JobStartStop.running(stopped)).isFalse();
        assertThat(stopped.getSpec().getTemplate().getSpec().getNodeSelector()).isEqualTo(Map.of("zone", "a"));
        assertThat(stopped.getSpec().getTemplate().getSpec().getTolerations()).isNullOrEmpty();
        assertThat(stopped.getSpec().getParallelism()).isEqualTo(4);
        assertThat(startStop.stop(stopped, original)).as("already stopped").isNull();
    }
}
