package io.berth.api.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Interprets parsed YAML documents (a Kubernetes object, a v1 List, a Kueue Configuration or a
 * scenario with objects:) and accumulates everything into one {@link Manifests}.
 */
final class DocumentReader {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final Problems problems;
    private final List<KubeObject> objects = new ArrayList<>();
    private final List<Source> sources = new ArrayList<>();
    private Configuration configuration;
    private String configurationFrom;
    private Integer cycles;
    private String cyclesFrom;
    private Map<String, Object> expect;
    private String expectFrom;
    private final Map<String, Object> scenarioFields = new LinkedHashMap<>();
    private final Map<String, String> scenarioFrom = new LinkedHashMap<>();

    private final Function<String, String> selectorCheck;

    DocumentReader(Problems problems, Function<String, String> selectorCheck) {
        this.problems = problems;
        this.selectorCheck = selectorCheck;
    }

    void read(String file, int document, JsonNode root) {
        problems.at(file, document);
        YamlNode node = new YamlNode(root, "", problems);
        if (node.has("apiVersion") || node.has("kind")) {
            object(node);
        } else if (node.has("objects")) {
            scenario(node);
        } else {
            problems.object("document");
            String found = !node.isMapping() ? node.describe()
                    : root.isEmpty() ? "an empty mapping" : "a mapping with keys " + keys(root);
            problems.add(null, "expected a Kubernetes object (apiVersion and kind) or a scenario (objects:); found " + found);
        }
    }

    Manifests result() {
        problems.throwIfAny();
        return new Manifests(objects, sources, configuration, cycles, expect, scenarioFields);
    }

    private void object(YamlNode obj) {
        problems.object("document");
        if (!obj.isMapping()) {
            obj.expected("a Kubernetes object (a mapping with apiVersion and kind)");
            return;
        }
        String apiVersion = obj.get("apiVersion").text();
        String kind = obj.get("kind").text();
        problems.object(KindReader.ref(kind, obj));
        if (apiVersion == null || kind == null) {
            if (!obj.get("apiVersion").present()) {
                obj.get("apiVersion").required("an apiVersion such as kueue.x-k8s.io/v1beta1");
            }
            if (!obj.get("kind").present()) {
                obj.get("kind").required("a kind such as ClusterQueue");
            }
            return;
        }
        if (!KindReader.checkSupported(apiVersion, kind, obj)) {
            return;
        }
        switch (kind) {
            case KindReader.LIST -> obj.get("items").items().forEach(this::object);
            case KindReader.CONFIGURATION -> {
                problems.object(KindReader.CONFIGURATION);
                configuration(ConfigReader.read(obj, !apiVersion.endsWith("/v1beta1"), selectorCheck), obj);
            }
            default -> {
                objects.add(KindReader.read(kind, obj));
                sources.add(new Source(problems.file(), problems.document()));
            }
        }
    }

    private void scenario(YamlNode root) {
        problems.object("document");
        YamlNode config = root.get("config");
        if (config.present()) {
            if (config.isMapping()) {
                configuration(ConfigReader.read(config, true, selectorCheck), config);
            } else {
                config.expected("a mapping of Kueue Configuration fields");
            }
        }
        YamlNode cyclesNode = root.get("cycles");
        Integer n = cyclesNode.integer();
        if (n != null && n < 1) {
            cyclesNode.error("expected a positive integer, found " + n);
        } else if (n != null) {
            if (cycles != null && !cycles.equals(n)) {
                cyclesNode.error("conflicts with cycles: " + cycles + " in " + cyclesFrom + "; give cycles once");
            }
            cycles = n;
            cyclesFrom = here();
        }
        YamlNode list = root.get("objects");
        if (list.raw().isArray()) {
            list.items().forEach(this::object);
        } else {
            list.expected("a list of Kubernetes objects");
        }
        problems.object("document");
        expect(root.get("expect"));
        root.raw().fieldNames().forEachRemaining(key -> {
            if (!List.of("config", "cycles", "objects", "expect").contains(key)) {
                scenarioField(key, root.get(key));
            }
        });
    }

    private void scenarioField(String key, YamlNode node) {
        Object value = PLAIN.convertValue(node.raw(), Object.class);
        Object before = scenarioFields.putIfAbsent(key, value);
        if (before != null && !before.equals(value) && !List.of("description", "source").contains(key)) {
            node.error("differs from " + key + ": in " + scenarioFrom.get(key) + "; give it once");
        }
        scenarioFrom.putIfAbsent(key, here());
    }

    private void expect(YamlNode node) {
        if (!node.present()) {
            return;
        }
        if (!node.isMapping()) {
            node.expected("a mapping");
            return;
        }
        if (expect != null) {
            node.error("given again; the first expect: is in " + expectFrom + "; give one scenario with expect: per run");
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> value = PLAIN.convertValue(node.raw(), LinkedHashMap.class);
        expect = value;
        expectFrom = here();
    }

    private void configuration(Configuration c, YamlNode at) {
        if (configuration != null && !configuration.equals(c)) {
            at.error("differs from the configuration in " + configurationFrom + "; give the configuration once");
            return;
        }
        configuration = c;
        configurationFrom = here();
    }

    private String here() {
        return problems.file() + " document " + problems.document();
    }

    private static String keys(JsonNode root) {
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        return String.join(", ", keys);
    }
}
