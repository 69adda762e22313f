package io.berth.sim.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.api.Quantity;
import io.berth.api.io.InputError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML value with its field path ("pools[1].memory") and an error sink stamped with file,
 * document and object. Typed getters return null for absent or wrong values and record the
 * problem, so readers never throw half-way.
 */
final class YamlField {
    /** Collects errors for one file; object names the thing being read (e.g. "Node/gpu-1"). */
    static final class Sink {
        // A set: one problem seen by several lookups (e.g. a list where a mapping belongs) is reported once.
        private final Set<InputError> errors = new LinkedHashSet<>();
        private String file;
        private int document;
        private String object;

        void at(String file, int document, String object) {
            this.file = file;
            this.document = document;
            this.object = object;
        }

        void object(String object) {
            this.object = object;
        }

        void add(String field, String message) {
            errors.add(new InputError(file, document, object, field == null || field.isEmpty() ? null : field, message));
        }

        int size() {
            return errors.size();
        }

        List<InputError> errors() {
            return new ArrayList<>(errors);
        }
    }

    private final JsonNode node;
    private final String path;
    private final Sink sink;

    YamlField(JsonNode node, String path, Sink sink) {
        this.node = node == null || node.isNull() || node.isMissingNode() ? null : node;
        this.path = path;
        this.sink = sink;
    }

    String path() {
        return path;
    }

    JsonNode raw() {
        return node;
    }

    Boolean bool() {
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            expected("true or false");
            return null;
        }
        return node.booleanValue();
    }

    boolean present() {
        return node != null;
    }

    boolean isMapping() {
        return node != null && node.isObject();
    }

    void error(String message) {
        sink.add(path, message);
    }

    YamlField get(String key) {
        JsonNode child = null;
        if (node != null) {
            if (node.isObject()) {
                child = node.get(key);
            } else {
                expected("a mapping");
            }
        }
        return new YamlField(child, path.isEmpty() ? key : path + "." + key, sink);
    }

    List<YamlField> items() {
        List<YamlField> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            expected("a list");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(new YamlField(node.get(i), path + "[" + i + "]", sink));
        }
        return out;
    }

    Map<String, YamlField> entries() {
        Map<String, YamlField> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            expected("a mapping");
            return out;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.put(e.getKey(), new YamlField(e.getValue(), path + "[" + e.getKey() + "]", sink));
        }
        return out;
    }

    /** Reports keys of this mapping that are not in known (typos, unsupported features). */
    void onlyKeys(Collection<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                sink.add(path.isEmpty() ? k : path + "." + k,
                        "unknown field " + Values.quote(k) + "; expected one of " + String.join(", ", known));
            }
        });
    }

    String text() {
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            expected("a string" + (node.isValueNode() ? " (put the value in quotes)" : ""));
            return null;
        }
        return node.textValue();
    }

    /** A string, or a scalar number or boolean written without quotes, as text. */
    String scalarText() {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        expected("a string");
        return null;
    }

    String required(String what) {
        if (node == null) {
            sink.add(path, "required: expected " + what + ", found nothing");
            return null;
        }
        return text();
    }

    Long integer(long min) {
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            expected("a whole number");
            return null;
        }
        long v = node.longValue();
        if (v < min) {
            sink.add(path, "expected a whole number of at least " + min + ", found " + v);
            return null;
        }
        return v;
    }

    Double number() {
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            expected("a number");
            return null;
        }
        return node.doubleValue();
    }

    /** A Kubernetes quantity in milli-units, at least 0; YAML numbers are plain quantities. */
    Long quantity() {
        if (node == null) {
            return null;
        }
        try {
            Long q = null;
            if (node.isNumber()) {
                q = Quantity.toMillis(node.decimalValue());
            } else if (node.isTextual()) {
                q = Quantity.parseMillis(node.textValue());
            }
            if (q == null) {
                expected("a quantity such as 500m, 2 or 1Gi");
            } else if (q < 0) {
                sink.add(path, "expected a quantity of at least 0, found " + describe());
                return null;
            }
            return q;
        } catch (IllegalArgumentException e) {
            sink.add(path, e.getMessage());
            return null;
        }
    }

    Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        entries().forEach((k, v) -> {
            String s = v.text();
            if (s != null) {
                out.put(k, s);
            }
        });
        return out;
    }

    void expected(String what) {
        sink.add(path, "expected " + what + ", found " + describe());
    }

    String describe() {
        if (node == null) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "string " + Values.quote(node.textValue());
        }
        if (node.isNumber()) {
            return "number " + node.asText();
        }
        if (node.isBoolean()) {
            return "boolean " + node.asText();
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
