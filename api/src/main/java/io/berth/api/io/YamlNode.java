package io.berth.api.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.api.Quantity;
import io.berth.api.resource.Quantities;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A YAML value together with its field path ("spec.resourceGroups[0].flavors[1]") and the error
 * sink. Typed getters return null (or a default) for absent values and report wrong types as
 * errors naming the field, so mappers read like the Kubernetes schema and never throw.
 */
public final class YamlNode {
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    private final JsonNode node;
    private final String path;
    private final Problems problems;

    YamlNode(JsonNode node, String path, Problems problems) {
        this.node = node == null || node.isNull() || node.isMissingNode() ? null : node;
        this.path = path;
        this.problems = problems;
    }

    /** The document root (empty path) of a YAML document, reporting into problems. */
    public static YamlNode root(JsonNode node, Problems problems) {
        return new YamlNode(node, "", problems);
    }

    String path() {
        return path;
    }

    JsonNode raw() {
        return node;
    }

    public boolean present() {
        return node != null;
    }

    public boolean isMapping() {
        return node != null && node.isObject();
    }

    boolean has(String key) {
        return isMapping() && node.hasNonNull(key);
    }

    public void error(String message) {
        problems.add(path, message);
    }

    /** A child of a mapping. Reports once if this value is present but not a mapping. */
    public YamlNode get(String key) {
        JsonNode child = null;
        if (node != null) {
            if (node.isObject()) {
                child = node.get(key);
            } else {
                expected("a mapping");
            }
        }
        return new YamlNode(child, path.isEmpty() ? key : path + "." + key, problems);
    }

    /** The elements of a list, each with its [i] path; empty when absent or not a list. */
    public List<YamlNode> items() {
        List<YamlNode> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            expected("a list");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(new YamlNode(node.get(i), path + "[" + i + "]", problems));
        }
        return out;
    }

    /** The entries of a mapping, values with a [key] path like Kubernetes' field paths. */
    public Map<String, YamlNode> entries() {
        Map<String, YamlNode> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            expected("a mapping");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), new YamlNode(e.getValue(), path + "[" + e.getKey() + "]", problems));
        }
        return out;
    }

    public String text() {
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            String hint = node.isValueNode() ? "; put the value in quotes" : "";
            problems.add(path, "expected a string, found " + describe() + hint);
            return null;
        }
        return node.textValue();
    }

    String text(String orElse) {
        String s = text();
        return s == null ? orElse : s;
    }

    /** A reference to another object by name (a cohort, a flavor): must be a DNS-1123 subdomain. */
    String nameRef() {
        String s = text();
        if (s != null && !isDnsSubdomain(s)) {
            problems.add(path, "invalid name " + quote(s)
                    + ": expected a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most 253 characters)");
        }
        return s;
    }

    Integer integer() {
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            expected("an integer");
            return null;
        }
        return node.intValue();
    }

    int integer(int orElse) {
        Integer i = integer();
        return i == null ? orElse : i;
    }

    public Boolean bool() {
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            expected("true or false");
            return null;
        }
        return node.booleanValue();
    }

    boolean bool(boolean orElse) {
        Boolean b = bool();
        return b == null ? orElse : b;
    }

    /** A Kubernetes quantity as milli-units; YAML numbers are accepted as plain quantities. */
    public Long quantity() {
        if (node == null) {
            return null;
        }
        try {
            if (node.isNumber()) {
                return Quantity.toMillis(node.decimalValue());
            }
            if (node.isTextual()) {
                return Quantity.parseMillis(node.textValue());
            }
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return null;
        }
        expected("a quantity such as 500m, 2 or 1Gi");
        return null;
    }

    /** {@link #quantity()} in units, exactly and past the range of a long too; null where it is null. */
    BigDecimal quantityUnits() {
        if (node == null || !(node.isNumber() || node.isTextual())) {
            return null;
        }
        try {
            return node.isNumber() ? node.decimalValue() : Quantity.parseUnits(node.textValue());
        } catch (IllegalArgumentException e) {
            return null; // quantity() reports it
        }
    }

    /** An exact Kubernetes quantity (no milli-unit rounding or long range), as DRA capacities need. */
    BigDecimal exactQuantity() {
        if (node == null) {
            return null;
        }
        String text = node.isNumber() ? node.decimalValue().toPlainString() : node.isTextual() ? node.textValue() : null;
        if (text == null) {
            expected("a quantity such as 500m, 2 or 80Gi");
            return null;
        }
        try {
            return Quantities.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return null;
        }
    }

    Instant time() {
        String s = text();
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(path, "expected an RFC 3339 time such as 2026-01-01T00:00:00Z, found " + quote(s));
            return null;
        }
    }

    /** One of a fixed set of spellings; the keys' order is the order listed in the error. */
    <T> T oneOf(Map<String, T> allowed, T orElse) {
        String s = text();
        if (s == null) {
            return orElse;
        }
        T value = allowed.get(s);
        if (value == null) {
            problems.add(path, "unknown value " + quote(s) + "; expected one of " + String.join(", ", allowed.keySet()));
            return orElse;
        }
        return value;
    }

    public Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        entries().forEach((k, v) -> {
            String s = v.text();
            if (s != null) {
                out.put(k, s);
            }
        });
        return out;
    }

    Map<String, Long> quantityMap() {
        Map<String, Long> out = new LinkedHashMap<>();
        entries().forEach((k, v) -> {
            Long q = v.quantity();
            if (q != null) {
                out.put(k, q);
            }
        });
        return out;
    }

    List<String> stringList() {
        List<String> out = new ArrayList<>();
        for (YamlNode item : items()) {
            String s = item.text();
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** A string, or a number or boolean written without quotes, as text. */
    public String scalarText() {
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

    /** The string value; a missing field is reported as required (see {@link #required}). */
    public String requiredText(String what) {
        if (node == null) {
            required(what);
            return null;
        }
        return text();
    }

    /** A whole number of at least min (as a long). */
    public Long wholeNumber(long min) {
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            expected("a whole number");
            return null;
        }
        long v = node.longValue();
        if (v < min) {
            problems.add(path, "expected a whole number of at least " + min + ", found " + v);
            return null;
        }
        return v;
    }

    /** Any YAML number, as a double. */
    public Double number() {
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            expected("a number");
            return null;
        }
        return node.doubleValue();
    }

    /** Like {@link #quantity()}, but a negative quantity is reported and read as null. */
    public Long nonNegativeQuantity() {
        Long q = quantity();
        if (q != null && q < 0) {
            problems.add(path, "expected a quantity of at least 0, found " + describe());
            return null;
        }
        return q;
    }

    /** Reports keys of this mapping that are not in known (typos, unsupported features). */
    public void onlyKeys(Collection<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                problems.add(path.isEmpty() ? k : path + "." + k,
                        "unknown field " + quote(k) + "; expected one of " + String.join(", ", known));
            }
        });
    }

    /** Reports "expected X, found Y" for this field. */
    public void expected(String what) {
        problems.add(path, "expected " + what + ", found " + describe());
    }

    /** Reports a missing required field. */
    void required(String what) {
        problems.add(path, "required: expected " + what + ", found nothing");
    }

    public String describe() {
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
            String s = node.textValue();
            return "string " + quote(s.length() > 60 ? s.substring(0, 57) + "..." : s);
        }
        if (node.isNumber()) {
            return "number " + node.asText();
        }
        if (node.isBoolean()) {
            return "boolean " + node.asText();
        }
        return "a " + node.getNodeType().name().toLowerCase();
    }

    static boolean isDnsSubdomain(String s) {
        return s.length() <= 253 && DNS_SUBDOMAIN.matcher(s).matches();
    }

    /** A Kubernetes qualified name (a label key): an optional DNS subdomain and '/', then a name of at most 63 characters. */
    static boolean isQualifiedName(String s) {
        int slash = s.indexOf('/');
        String prefix = slash < 0 ? null : s.substring(0, slash);
        String name = slash < 0 ? s : s.substring(slash + 1);
        return name.length() <= 63 && NAME_PART.matcher(name).matches() && (prefix == null || isDnsSubdomain(prefix));
    }

    /** What {@link #isQualifiedName} expects, for error messages. */
    static final String QUALIFIED_NAME = "expected a qualified name (an optional DNS subdomain and '/', then at most "
            + "63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)";

    /** What {@link #isDnsLabel} expects, for error messages. */
    static final String DNS_LABEL_EXPECTED =
            "expected a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)";

    /** What {@link #isLabelValue} expects, for error messages. */
    static final String LABEL_VALUE = "expected at most 63 letters, digits, '-', '_' or '.', starting and ending with a "
            + "letter or digit";

    /** A Kubernetes label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric. */
    static boolean isLabelValue(String s) {
        return s.isEmpty() || (s.length() <= 63 && NAME_PART.matcher(s).matches());
    }

    static boolean isDnsLabel(String s) {
        return s.length() <= 63 && DNS_LABEL.matcher(s).matches();
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }
}
