package io.berth.operator.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Equality of plain JSON-shaped values as they would be stored (5 and 5L are the same number on the wire). */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static boolean same(Object a, Object b) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsString(a)).equals(MAPPER.readTree(MAPPER.writeValueAsString(b)));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
