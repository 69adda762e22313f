package io.berth.operator.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.operator.kube.KueueApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The mutating admission webhook for batch/v1 Jobs (admission.k8s.io/v1 AdmissionReview): a Job
 * created with the kueue.x-k8s.io/queue-name label is suspended (JSON patch spec.suspend: true)
 * so that no pod starts before Berth admits it. A bad kueue.x-k8s.io/job-min-parallelism is
 * refused with a message naming the annotation. Other requests are allowed unchanged.
 */
public final class JobWebhook {
    public static final String PATH = "/mutate-batch-v1-job";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Handles one AdmissionReview request body and returns the AdmissionReview response body. */
    public byte[] handle(byte[] requestBody) throws IOException {
        JsonNode review = JSON.readTree(requestBody);
        JsonNode request = review == null ? null : review.get("request");
        if (request == null || !request.hasNonNull("uid")) {
            throw new IllegalArgumentException("expected an admission.k8s.io/v1 AdmissionReview with request.uid");
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("uid", request.get("uid").asText());
        response.put("allowed", true);
        JsonNode job = request.path("object");
        boolean create = "CREATE".equals(request.path("operation").asText());
        boolean isJob = "Job".equals(request.path("kind").path("kind").asText()) || "Job".equals(job.path("kind").asText());
        String queue = job.path("metadata").path("labels").path(KueueApi.QUEUE_NAME_LABEL).asText("");
        if (isJob && !queue.isEmpty()) {
            String refusal = checkMinParallelism(job);
            if (refusal != null) {
                response.put("allowed", false);
                ObjectNode status = response.putObject("status");
                status.put("code", 422);
                status.put("reason", "Invalid");
                status.put("message", refusal);
            } else if (create && !job.path("spec").path("suspend").asBoolean(false)) {
                ArrayNode patch = JSON.createArrayNode();
                ObjectNode op = patch.addObject();
                op.put("op", job.path("spec").has("suspend") ? "replace" : "add");
                op.put("path", "/spec/suspend");
                op.put("value", true);
                response.put("patchType", "JSONPatch");
                response.put("patch", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(patch)));
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("apiVersion", "admission.k8s.io/v1");
        out.put("kind", "AdmissionReview");
        out.set("response", response);
        return JSON.writeValueAsString(out).getBytes(StandardCharsets.UTF_8);
    }

    private static String checkMinParallelism(JsonNode job) {
        JsonNode value = job.path("metadata").path("annotations").path(KueueApi.MIN_PARALLELISM_ANNOTATION);
        if (value.isMissingNode()) {
            return null;
        }
        int parallelism = job.path("spec").path("parallelism").asInt(1);
        try {
            int min = Integer.parseInt(value.asText().trim());
            if (min > 0 && min < parallelism) {
                return null;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return "metadata.annotations[" + KueueApi.MIN_PARALLELISM_ANNOTATION + "]: invalid value \"" + value.asText()
                + "\": expected an integer greater than 0 and less than spec.parallelism (" + parallelism + ")";
    }
}
