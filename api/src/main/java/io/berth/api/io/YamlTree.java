package io.berth.api.io;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One YAML document as a tree, with its anchors and aliases resolved (Jackson's tree reader keeps
 * an alias as the anchor's name) and merge keys ({@code <<: *base}) applied, as Kubernetes reads
 * them: a YAML writer emits an anchor for a mapping or list it meets twice. Anchors belong to
 * their document.
 */
final class YamlTree {
    private static final String MERGE = "<<";
    private final ObjectMapper mapper;
    private final YAMLParser parser;
    private final Map<String, JsonNode> anchored = new HashMap<>();

    private YamlTree(ObjectMapper mapper, YAMLParser parser) {
        this.mapper = mapper;
        this.parser = parser;
    }

    /** Reads the document whose first token the parser is on. */
    static JsonNode read(ObjectMapper mapper, YAMLParser parser) throws IOException {
        return new YamlTree(mapper, parser).value();
    }

    private JsonNode value() throws IOException {
        if (parser.isCurrentAlias()) {
            JsonNode target = anchored.get(parser.getText());
            if (target == null) {
                throw new Unreadable(parser, "unknown alias *" + parser.getText()
                        + " (aliases of single values are not supported, only of mappings and lists)");
            }
            return target.deepCopy();
        }
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return mapper.readTree(parser); // a scalar, typed as the mapper types it
        }
        Object anchor = parser.getObjectId();
        JsonNode node = token == JsonToken.START_OBJECT ? mapping() : sequence();
        if (anchor != null) {
            anchored.put(anchor.toString(), node);
        }
        return node;
    }

    private ObjectNode mapping() throws IOException {
        ObjectNode own = mapper.createObjectNode();
        ObjectNode merged = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            JsonNode v = value();
            if (MERGE.equals(key)) {
                merged = merged == null ? mapper.createObjectNode() : merged;
                merge(merged, v);
            } else {
                own.set(key, v);
            }
        }
        if (merged == null) {
            return own;
        }
        merged.setAll(own); // the mapping's own keys win over merged ones
        return merged;
    }

    /** A merge key's value: a mapping, or a list of them where the earlier ones win. */
    private void merge(ObjectNode into, JsonNode v) throws IOException {
        if (v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!into.has(e.getKey())) {
                    into.set(e.getKey(), e.getValue());
                }
            }
        } else if (v.isArray()) {
            for (JsonNode m : v) {
                merge(into, m);
            }
        } else {
            throw new Unreadable(parser, "expected a mapping or a list of mappings to merge (<<)");
        }
    }

    private ArrayNode sequence() throws IOException {
        ArrayNode list = mapper.createArrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(value());
        }
        return list;
    }

    /** An alias or merge key that cannot be resolved, reported as a syntax error with this message. */
    static final class Unreadable extends JsonParseException {
        Unreadable(YAMLParser parser, String message) {
            super(parser, message);
        }
    }
}
