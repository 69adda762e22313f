package io.berth.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.berth.operator.kube.KueueApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every YAML in deploy/ and the Helm chart (rendered with its values) parses and says what the operator needs. */
class DeployManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\.([A-Za-z.]+)\\s*}}");

    private static List<JsonNode> documents(String text, String where) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    assertThat(doc.path("apiVersion").asText()).as(where + " apiVersion").isNotEmpty();
                    assertThat(doc.path("kind").asText()).as(where + " kind").isNotEmpty();
                    assertThat(doc.path("metadata").path("name").asText()).as(where + " metadata.name").isNotEmpty();
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static List<JsonNode> yamlUnder(Path dir) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                docs.addAll(documents(Files.readString(f), f.toString()));
            }
        }
        return docs;
    }

    /** Helm's substitution for the plain placeholders the chart uses; anything else is left and fails the test. */
    private static String render(String template, JsonNode values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String path = m.group(1);
            String value = switch (path) {
                case "Release.Name" -> "berth";
                case "Release.Namespace" -> "berth-system";
                default -> {
                    JsonNode v = values;
                    for (String part : path.replaceFirst("^Values\\.", "").split("\\.")) {
                        v = v.path(part);
                    }
                    assertThat(path).as("placeholder").startsWith("Values.");
                    assertThat(v.isMissingNode()).as("value for " + path).isFalse();
                    yield v.asText();
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        assertThat(out.toString()).doesNotContain("{{");
        return out.toString();
    }

    private static JsonNode ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void crdsServeV1beta1AndStoreV1beta2ForEveryKueueKind() throws IOException {
        List<JsonNode> crds = yamlUnder(ROOT.resolve("deploy/crds"));
        assertThat(crds).extracting(d -> d.path("spec").path("names").path("kind").asText())
                .containsExactlyInAnyOrderElementsOf(KueueApi.ALL.stream().map(c -> c.getKind()).toList());
        for (JsonNode crd : crds) {
            JsonNode versions = crd.path("spec").path("versions");
            assertThat(versions).hasSize(2);
            assertThat(versions.get(0).path("name").asText()).isEqualTo("v1beta2");
            assertThat(versions.get(0).path("storage").asBoolean()).isTrue();
            assertThat(versions.get(1).path("name").asText()).isEqualTo("v1beta1");
            assertThat(versions.get(1).path("served").asBoolean()).isTrue();
            assertThat(versions.get(1).path("storage").asBoolean()).isFalse();
            JsonNode conversion = crd.path("spec").path("conversion");
            assertThat(conversion.path("strategy").asText()).isEqualTo("Webhook");
            assertThat(conversion.path("webhook").path("clientConfig").path("service").path("path").asText())
                    .isEqualTo("/convert");
        }
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/crds"))) {
            for (Path f : files.toList()) {
                assertThat(ROOT.resolve("charts/berth/crds").resolve(f.getFileName())).as("chart copy").hasSameTextualContentAs(f);
            }
        }
    }

    @Test
    void deployHasLeastPrivilegeRbacAndTwoLeaderElectedReplicas() throws IOException {
        List<JsonNode> docs = yamlUnder(ROOT.resolve("deploy"));
        assertThat(docs).extracting(d -> d.path("kind").asText()).contains("ServiceAccount", "ClusterRole",
                "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "Service", "MutatingWebhookConfiguration");
        assertThat(docs.toString()).doesNotContain("\"*\"");
        JsonNode clusterRole = ofKind(docs, "ClusterRole");
        for (JsonNode rule : clusterRole.path("rules")) {
            if (rule.path("resources").toString().contains("clusterqueues\"")) {
                assertThat(rule.path("verbs").toString()).doesNotContain("create", "delete", "update");
            }
        }
        assertThat(ofKind(docs, "Role").path("rules").toString()).contains("leases");
        JsonNode deployment = ofKind(docs, "Deployment");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(deployment.path("spec").path("template").path("spec").path("containers").get(0).path("args").toString())
                .contains("operator", "--leader-elect");
    }

    @Test
    void chartTemplatesRenderToTheSameObjects() throws IOException {
        Path chart = ROOT.resolve("charts/berth");
        JsonNode values = YAML.readTree(chart.resolve("values.yaml").toFile());
        assertThat(YAML.readTree(chart.resolve("Chart.yaml").toFile()).path("apiVersion").asText()).isEqualTo("v2");
        List<JsonNode> rendered = new ArrayList<>();
        try (Stream<Path> files = Files.list(chart.resolve("templates"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                rendered.addAll(documents(render(Files.readString(f), values), f.toString()));
            }
        }
        List<JsonNode> plain = yamlUnder(ROOT.resolve("deploy")).stream()
                .filter(d -> !d.path("kind").asText().equals("CustomResourceDefinition")
                        && !d.path("kind").asText().equals("Namespace")).toList();
        assertThat(rendered).extracting(d -> d.path("kind").asText() + "/" + d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrderElementsOf(plain.stream()
                        .map(d -> d.path("kind").asText() + "/" + d.path("metadata").path("name").asText()).toList());
        assertThat(ofKind(rendered, "Deployment").path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(ofKind(rendered, "ClusterRole").path("rules")).isEqualTo(ofKind(plain, "ClusterRole").path("rules"));
        assertThat(Map.of("image", ofKind(rendered, "Deployment").path("spec").path("template").path("spec")
                .path("containers").get(0).path("image").asText())).containsEntry("image", "berth:0.1.0-SNAPSHOT");
    }
}
