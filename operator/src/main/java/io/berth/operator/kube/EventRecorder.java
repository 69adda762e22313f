package io.berth.operator.kube;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about objects (admission, pending reasons, preemption, eviction, bad
 * objects). Events are best effort: a failure is logged and never stops the loop.
 */
public final class EventRecorder {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final int MAX_MESSAGE = 1024;

    private final KubernetesClient client;
    private final Clock clock;
    private final String component;
    private final String instance;
    private final AtomicLong sequence = new AtomicLong();

    /** instance: this replica's identity, so that an Event says which replica acted. */
    public EventRecorder(KubernetesClient client, Clock clock, String component, String instance) {
        this.client = client;
        this.clock = clock;
        this.component = component;
        this.instance = instance;
    }

    public void record(HasMetadata about, String type, String reason, String message) {
        String namespace = about.getMetadata().getNamespace() == null ? "default" : about.getMetadata().getNamespace();
        String now = Instant.now(clock).toString();
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
        var event = new EventBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                // Unique per recorder; the object's name first so kubectl lists them together.
                .withName(about.getMetadata().getName() + "." + Long.toHexString(clock.millis())
                        + Long.toHexString(sequence.incrementAndGet()))
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(about.getApiVersion()).withKind(about.getKind())
                        .withNamespace(about.getMetadata().getNamespace()).withName(about.getMetadata().getName())
                        .withUid(about.getMetadata().getUid()).withResourceVersion(about.getMetadata().getResourceVersion())
                        .build())
                .withType(type).withReason(reason).withMessage(text)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent(component).withHost(instance).endSource()
                .withReportingComponent(component).withReportingInstance(instance)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("cannot record event {} on {}/{}: {}", reason, about.getKind(), about.getMetadata().getName(),
                    e.getMessage());
        }
    }
}
