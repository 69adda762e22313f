package io.berth.operator.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KueueConversionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KueueConversion conversion = new KueueConversion();

    private JsonNode review(String desired, String... objects) throws Exception {
        String body = """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview",
                 "request":{"uid":"c1","desiredAPIVersion":"%s","objects":[%s]}}""".formatted(desired, String.join(",", objects));
        return JSON.readTree(conversion.handle(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void clusterQueueUpRenamesCohortChecksAndFungibility() throws Exception {
        JsonNode out = review("kueue.x-k8s.io/v1beta2", """
                {"apiVersion":"kueue.x-k8s.io/v1beta1","kind":"ClusterQueue","metadata":{"name":"cq"},
                 "spec":{"cohort":"all","admissionChecks":["prov"],
                         "flavorFungibility":{"whenCanBorrow":"Borrow","whenCanPreempt":"Preempt"},
                         "resourceGroups":[]}}""");
        assertThat(out.path("kind").asText()).isEqualTo("ConversionReview");
        assertThat(out.path("response").path("uid").asText()).isEqualTo("c1");
        assertThat(out.path("response").path("result").path("status").asText()).isEqualTo("Success");
        JsonNode cq = out.path("response").path("convertedObjects").get(0);
        assertThat(cq.path("apiVersion").asText()).isEqualTo("kueue.x-k8s.io/v1beta2");
        assertThat(cq.path("spec").toString()).isEqualTo("{\"flavorFungibility\":{\"whenCanBorrow\":\"MayStopSearch\","
                + "\"whenCanPreempt\":\"MayStopSearch\"},\"resourceGroups\":[],\"cohortName\":\"all\","
                + "\"admissionChecksStrategy\":{\"admissionChecks\":[{\"name\":\"prov\"}]}}");
    }

    @Test
    void workloadPriorityAndStatusFieldsRoundTrip() throws Exception {
        String v1beta1 = """
                {"apiVersion":"kueue.x-k8s.io/v1beta1","kind":"Workload","metadata":{"name":"w","namespace":"a"},
                 "spec":{"queueName":"lq","priorityClassName":"high",
                         "priorityClassSource":"kueue.x-k8s.io/workloadpriorityclass","podSets":[]},
                 "status":{"accumulatedPastExexcutionTimeSeconds":30}}""";
        JsonNode up = review("kueue.x-k8s.io/v1beta2", v1beta1).path("response").path("convertedObjects").get(0);
        assertThat(up.path("spec").path("priorityClassRef").toString())
                .isEqualTo("{\"group\":\"kueue.x-k8s.io\",\"kind\":\"WorkloadPriorityClass\",\"name\":\"high\"}");
        assertThat(up.path("spec").has("priorityClassName")).isFalse();
        assertThat(up.path("status").path("accumulatedPastExecutionTimeSeconds").asInt()).isEqualTo(30);

        JsonNode down = review("kueue.x-k8s.io/v1beta1", up.toString()).path("response").path("convertedObjects").get(0);
        assertThat(down).isEqualTo(JSON.readTree(v1beta1).deepCopy());
    }

    @Test
    void localQueueStatusAndPodPriorityClassGoDown() throws Exception {
        JsonNode lq = review("kueue.x-k8s.io/v1beta1", """
                {"apiVersion":"kueue.x-k8s.io/v1beta2","kind":"LocalQueue","metadata":{"name":"lq","namespace":"a"},
                 "spec":{"clusterQueue":"cq"},"status":{"flavorsUsage":[{"name":"default","resources":[]}]}}""")
                .path("response").path("convertedObjects").get(0);
        assertThat(lq.path("status").has("flavorUsage")).isTrue();
        assertThat(lq.path("status").has("flavorsUsage")).isFalse();
        ObjectNode w = (ObjectNode) JSON.readTree("""
                {"apiVersion":"kueue.x-k8s.io/v1beta2","kind":"Workload","metadata":{"name":"w"},
                 "spec":{"priorityClassRef":{"group":"scheduling.k8s.io","kind":"PriorityClass","name":"p"}}}""");
        JsonNode down = KueueConversion.convert(w, "kueue.x-k8s.io/v1beta1");
        assertThat(down.path("spec").path("priorityClassSource").asText()).isEqualTo("scheduling.k8s.io/priorityclass");
        assertThat(down.path("spec").path("priorityClassName").asText()).isEqualTo("p");
    }

    @Test
    void unknownDesiredVersionFailsAndGarbageIsRefused() throws Exception {
        JsonNode out = review("kueue.x-k8s.io/v2", "{\"apiVersion\":\"kueue.x-k8s.io/v1beta1\",\"kind\":\"Cohort\"}");
        assertThat(out.path("response").path("result").path("status").asText()).isEqualTo("Failure");
        assertThat(out.path("response").path("result").path("message").asText()).contains("kueue.x-k8s.io/v2");
        assertThatThrownBy(() -> conversion.handle("{}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("ConversionReview");
    }
}
