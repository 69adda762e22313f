package io.berth.operator.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * The CRD conversion webhook (apiextensions.k8s.io/v1 ConversionReview) between kueue.x-k8s.io
 * v1beta1 and v1beta2, with Kueue's field renames: ClusterQueue spec.cohort / spec.cohortName,
 * spec.admissionChecks / spec.admissionChecksStrategy, v1beta1's Borrow and Preempt fungibility
 * (MayStopSearch in v1beta2); LocalQueue status.flavorUsage / status.flavorsUsage; Workload
 * spec.priorityClassName + priorityClassSource / spec.priorityClassRef and the misspelt
 * status.accumulatedPastExexcutionTimeSeconds. Every other field is the same in both versions.
 */
public final class KueueConversion {
    public static final String PATH = "/convert";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1BETA1 = "kueue.x-k8s.io/v1beta1";
    private static final String V1BETA2 = "kueue.x-k8s.io/v1beta2";
    private static final Map<String, String[]> SOURCES = Map.of(
            "kueue.x-k8s.io/workloadpriorityclass", new String[] {"kueue.x-k8s.io", "WorkloadPriorityClass"},
            "scheduling.k8s.io/priorityclass", new String[] {"scheduling.k8s.io", "PriorityClass"});

    /** Handles one ConversionReview request body and returns the response body. */
    public byte[] handle(byte[] body) throws IOException {
        JsonNode review = JSON.readTree(body);
        JsonNode request = review == null ? null : review.get("request");
        if (request == null || !request.hasNonNull("uid") || !request.hasNonNull("desiredAPIVersion")) {
            throw new IllegalArgumentException("expected an apiextensions.k8s.io/v1 ConversionReview with request.uid "
                    + "and request.desiredAPIVersion");
        }
        String desired = request.get("desiredAPIVersion").asText();
        ObjectNode response = JSON.createObjectNode();
        response.put("uid", request.get("uid").asText());
        ArrayNode converted = response.putArray("convertedObjects");
        ObjectNode result = response.putObject("result");
        if (!desired.equals(V1BETA1) && !desired.equals(V1BETA2)) {
            result.put("status", "Failure");
            result.put("message", "desiredAPIVersion " + desired + ": expected " + V1BETA1 + " or " + V1BETA2);
        } else {
            for (JsonNode object : request.path("objects")) {
                converted.add(convert((ObjectNode) object.deepCopy(), desired));
            }
            result.put("status", "Success");
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("apiVersion", "apiextensions.k8s.io/v1");
        out.put("kind", "ConversionReview");
        out.set("response", response);
        return JSON.writeValueAsBytes(out);
    }

    /** One object to the desired version (no change when it is already there). */
    static ObjectNode convert(ObjectNode object, String desired) {
        String from = object.path("apiVersion").asText();
        if (from.equals(desired)) {
            return object;
        }
        String kind = object.path("kind").asText();
        boolean up = desired.equals(V1BETA2);
        ObjectNode spec = object.path("spec") instanceof ObjectNode s ? s : null;
        ObjectNode status = object.path("status") instanceof ObjectNode s ? s : null;
        switch (kind) {
            case "ClusterQueue" -> {
                if (spec != null) {
                    rename(spec, up ? "cohort" : "cohortName", up ? "cohortName" : "cohort");
                    if (up) {
                        clusterQueueUp(spec);
                    }
                }
            }
            case "LocalQueue" -> {
                if (status != null) {
                    rename(status, up ? "flavorUsage" : "flavorsUsage", up ? "flavorsUsage" : "flavorUsage");
                }
            }
            case "Workload" -> {
                if (spec != null) {
                    if (up) {
                        priorityUp(spec);
                    } else {
                        priorityDown(spec);
                    }
                }
                if (status != null) {
                    rename(status, up ? "accumulatedPastExexcutionTimeSeconds" : "accumulatedPastExecutionTimeSeconds",
                            up ? "accumulatedPastExecutionTimeSeconds" : "accumulatedPastExexcutionTimeSeconds");
                }
            }
            default -> {
                // ResourceFlavor, Cohort, WorkloadPriorityClass: same fields in both versions
            }
        }
        object.put("apiVersion", desired);
        return object;
    }

    private static void clusterQueueUp(ObjectNode spec) {
        JsonNode checks = spec.remove("admissionChecks");
        if (checks != null && checks.isArray() && !checks.isEmpty()) {
            ArrayNode rules = spec.putObject("admissionChecksStrategy").putArray("admissionChecks");
            checks.forEach(c -> rules.addObject().put("name", c.asText()));
        }
        if (spec.path("flavorFungibility") instanceof ObjectNode f) {
            if ("Preempt".equals(f.path("whenCanPreempt").asText())) {
                f.put("whenCanPreempt", "MayStopSearch");
            }
            if ("Borrow".equals(f.path("whenCanBorrow").asText())) {
                f.put("whenCanBorrow", "MayStopSearch");
            }
        }
    }

    private static void priorityUp(ObjectNode spec) {
        JsonNode name = spec.remove("priorityClassName");
        JsonNode source = spec.remove("priorityClassSource");
        String[] groupKind = SOURCES.get(source == null ? "" : source.asText());
        if (name != null && !name.asText().isEmpty() && groupKind != null) {
            ObjectNode ref = spec.putObject("priorityClassRef");
            ref.put("group", groupKind[0]);
            ref.put("kind", groupKind[1]);
            ref.put("name", name.asText());
        }
    }

    private static void priorityDown(ObjectNode spec) {
        JsonNode ref = spec.remove("priorityClassRef");
        if (ref == null) {
            return;
        }
        SOURCES.forEach((source, groupKind) -> {
            if (groupKind[0].equals(ref.path("group").asText()) && groupKind[1].equals(ref.path("kind").asText())) {
                spec.put("priorityClassSource", source);
                spec.put("priorityClassName", ref.path("name").asText());
            }
        });
    }

    private static void rename(ObjectNode node, String from, String to) {
        JsonNode value = node.remove(from);
        if (value != null) {
            node.set(to, value);
        }
    }
}
