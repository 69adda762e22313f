package io.berth.operator.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JobWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JobWebhook webhook = new JobWebhook();

    private JsonNode review(String operation, String job) throws Exception {
        String body = """
                {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",
                 "request":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002","operation":"%s",
                  "kind":{"group":"batch","version":"v1","kind":"Job"},"object":%s}}
                """.formatted(operation, job);
        return JSON.readTree(webhook.handle(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String patch(JsonNode review) {
        return new String(Base64.getDecoder().decode(review.path("response").path("patch").asText()), StandardCharsets.UTF_8);
    }

    @Test
    void queuedJobIsCreatedSuspended() throws Exception {
        JsonNode out = review("CREATE", """
                {"kind":"Job","metadata":{"name":"pi","labels":{"kueue.x-k8s.io/queue-name":"lq"}},
                 "spec":{"parallelism":2}}""");
        assertThat(out.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(out.path("response").path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(out.path("response").path("allowed").asBoolean()).isTrue();
        assertThat(out.path("response").path("patchType").asText()).isEqualTo("JSONPatch");
        assertThat(patch(out)).isEqualTo("[{\"op\":\"add\",\"path\":\"/spec/suspend\",\"value\":true}]");
    }

    @Test
    void explicitSuspendFalseIsReplaced() throws Exception {
        JsonNode out = review("CREATE", """
                {"kind":"Job","metadata":{"name":"pi","labels":{"kueue.x-k8s.io/queue-name":"lq"}},
                 "spec":{"suspend":false}}""");
        assertThat(patch(out)).isEqualTo("[{\"op\":\"replace\",\"path\":\"/spec/suspend\",\"value\":true}]");
    }

    @Test
    void jobWithoutQueueAndUpdatesAreLeftAlone() throws Exception {
        JsonNode plain = review("CREATE", "{\"kind\":\"Job\",\"metadata\":{\"name\":\"pi\"},\"spec\":{}}");
        assertThat(plain.path("response").path("allowed").asBoolean()).isTrue();
        assertThat(plain.path("response").has("patch")).isFalse();
        JsonNode update = review("UPDATE", """
                {"kind":"Job","metadata":{"name":"pi","labels":{"kueue.x-k8s.io/queue-name":"lq"}},"spec":{"suspend":false}}""");
        assertThat(update.path("response").has("patch")).isFalse();
    }

    @Test
    void alreadySuspendedJobNeedsNoPatch() throws Exception {
        JsonNode out = review("CREATE", """
                {"kind":"Job","metadata":{"name":"pi","labels":{"kueue.x-k8s.io/queue-name":"lq"}},"spec":{"suspend":true}}""");
        assertThat(out.path("response").has("patch")).isFalse();
    }

    @Test
    void badMinParallelismIsRefusedNamingTheAnnotation() throws Exception {
        JsonNode out = review("CREATE", """
                {"kind":"Job","metadata":{"name":"pi","labels":{"kueue.x-k8s.io/queue-name":"lq"},
                 "annotations":{"kueue.x-k8s.io/job-min-parallelism":"many"}},"spec":{"parallelism":4}}""");
        assertThat(out.path("response").path("allowed").asBoolean()).isFalse();
        assertThat(out.path("response").path("status").path("code").asInt()).isEqualTo(422);
        assertThat(out.path("response").path("status").path("message").asText())
                .contains("kueue.x-k8s.io/job-min-parallelism").contains("\"many\"").contains("spec.parallelism (4)");
    }

    @Test
    void notAnAdmissionReviewIsAnError() {
        assertThatThrownBy(() -> webhook.handle("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AdmissionReview");
    }
}
