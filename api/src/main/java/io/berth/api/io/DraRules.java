package io.berth.api.io;

import java.util.List;
import java.util.regex.Pattern;

/** Kubernetes' resource.k8s.io/v1 validation limits and name rules, checked while reading. */
final class DraRules {
    static final int MAX_DEVICES_PER_SLICE = 128;
    static final int MAX_DEVICES_PER_SLICE_WITH_TAINTS_OR_COUNTERS = 64;
    static final int MAX_ATTRIBUTES_AND_CAPACITIES = 32;
    static final int MAX_ATTRIBUTE_VALUE_LENGTH = 64;
    static final int MAX_TAINTS = 16;
    static final int MAX_SHARED_COUNTER_SETS = 8;
    static final int MAX_COUNTERS_PER_SET = 32;
    static final int MAX_REQUESTS = 32;
    static final int MAX_SUBREQUESTS = 8;
    static final int MAX_SELECTORS = 32;
    static final int MAX_CONSTRAINTS = 32;
    static final int MAX_CONFIGS = 32;
    static final int MAX_TOLERATIONS = 16;
    static final int MAX_RESULTS = 32;
    static final int MAX_VALID_VALUES = 10;
    static final int MAX_CEL_LENGTH = 10 * 1024;
    static final int MAX_DRIVER_LENGTH = 63;

    private static final Pattern C_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private DraRules() {
    }

    /** A list of at most max items; reports the excess on the list's field. */
    static List<YamlNode> atMost(YamlNode list, int max, String what) {
        List<YamlNode> items = list.items();
        if (items.size() > max) {
            list.error("too many " + what + ": " + items.size() + ", Kubernetes allows at most " + max);
        }
        return items;
    }

    /** A qualified attribute/capacity name: an optional DNS subdomain domain, '/', then a C identifier of at most 32 characters. */
    static void checkQualifiedName(YamlNode at, String name) {
        int slash = name.indexOf('/');
        String domain = slash < 0 ? null : name.substring(0, slash);
        String id = slash < 0 ? name : name.substring(slash + 1);
        if (domain != null && (domain.length() > 63 || !YamlNode.isDnsSubdomain(domain))) {
            at.error("invalid name " + YamlNode.quote(name) + ": the domain before '/' must be a DNS subdomain of at most 63 characters");
        } else if (id.length() > 32 || !C_IDENTIFIER.matcher(id).matches()) {
            at.error("invalid name " + YamlNode.quote(name)
                    + ": expected a C identifier (letters, digits, '_', not starting with a digit) of at most 32 characters, optionally prefixed by a DNS subdomain and '/'");
        }
    }

    /**
     * A capacity name: as an attribute name, but '-' is accepted in the id (Kubernetes' allocator tests
     * name capacities such as capacity-0).
     */
    static void checkCapacityName(YamlNode at, String name) {
        checkQualifiedName(at, name.replace('-', '_'));
    }

    /**
     * A request, subrequest, device or counter set name: a DNS label. Upper-case letters are accepted
     * (Kubernetes' own allocator tests use names such as subReq-0).
     */
    static String dnsLabel(YamlNode node, String what) {
        String s = SchedulingReader.requiredText(node, what);
        if (s != null && !YamlNode.isDnsLabel(s.toLowerCase(java.util.Locale.ROOT))) {
            node.error("invalid name " + YamlNode.quote(s)
                    + ": expected a DNS label (letters, digits and '-', at most 63 characters)");
        }
        return s;
    }

    /** A driver name: a DNS subdomain of at most 63 characters. */
    static String driver(YamlNode node) {
        String s = SchedulingReader.requiredText(node, "a driver name such as gpu.example.com");
        if (s != null && (s.length() > MAX_DRIVER_LENGTH || !YamlNode.isDnsSubdomain(s))) {
            node.error("invalid driver name " + YamlNode.quote(s)
                    + ": expected a DNS subdomain (lowercase letters, digits, '-' and '.') of at most 63 characters");
        }
        return s;
    }

    /** A pool name: one or more DNS subdomains separated by '/', at most 253 characters. */
    static String pool(YamlNode node) {
        String s = SchedulingReader.requiredText(node, "a pool name");
        if (s != null) {
            boolean ok = s.length() <= 253;
            for (String part : s.split("/", -1)) {
                ok &= YamlNode.isDnsSubdomain(part);
            }
            if (!ok) {
                node.error("invalid pool name " + YamlNode.quote(s)
                        + ": expected DNS subdomains separated by '/', at most 253 characters");
            }
        }
        return s;
    }

    /** A CEL expression: non-empty text of at most 10 KiB (compiled later, by the devices module). */
    static String cel(YamlNode selector) {
        YamlNode cel = selector.get("cel");
        if (!cel.present()) {
            cel.required("a CEL selector (cel: {expression: ...})");
            return null;
        }
        selector.onlyKeys(List.of("cel"));
        cel.onlyKeys(List.of("expression"));
        YamlNode expr = cel.get("expression");
        String s = SchedulingReader.requiredText(expr, "a CEL expression");
        if (s != null && s.isBlank()) {
            expr.error("expected a CEL expression, found an empty string");
        } else if (s != null && s.length() > MAX_CEL_LENGTH) {
            expr.error("CEL expression too long: " + s.length() + " characters, Kubernetes allows at most " + MAX_CEL_LENGTH);
        }
        return s;
    }
}
