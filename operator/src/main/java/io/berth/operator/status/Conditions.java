package io.berth.operator.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * metav1.Condition lists kept as plain maps (the shape stored in a GenericKubernetesResource), set
 * with Kubernetes' rule: lastTransitionTime changes only when status changes.
 */
public final class Conditions {
    private static final int MAX_MESSAGE = 32768;

    private Conditions() {
    }

    /** The condition list of a status map, created when absent. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> of(Map<String, Object> status) {
        Object list = status.get("conditions");
        if (!(list instanceof List<?>)) {
            List<Map<String, Object>> created = new ArrayList<>();
            status.put("conditions", created);
            return created;
        }
        List<Map<String, Object>> mutable = new ArrayList<>();
        for (Object o : (List<Object>) list) {
            mutable.add(new LinkedHashMap<>((Map<String, Object>) o));
        }
        status.put("conditions", mutable);
        return mutable;
    }

    public static Map<String, Object> find(Map<String, Object> status, String type) {
        Object list = status.get("conditions");
        if (list instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && type.equals(m.get("type"))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> c = (Map<String, Object>) m;
                    return c;
                }
            }
        }
        return null;
    }

    public static boolean isTrue(Map<String, Object> status, String type) {
        Map<String, Object> c = find(status, type);
        return c != null && "True".equals(c.get("status"));
    }

    /** Sets a condition; returns whether anything changed. */
    public static boolean set(Map<String, Object> status, String type, boolean value, String reason, String message,
                              Instant now) {
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
        String s = value ? "True" : "False";
        List<Map<String, Object>> list = of(status);
        for (Map<String, Object> c : list) {
            if (type.equals(c.get("type"))) {
                boolean changed = false;
                if (!s.equals(c.get("status"))) {
                    c.put("status", s);
                    c.put("lastTransitionTime", now.toString());
                    changed = true;
                }
                if (!Objects.equals(reason, c.get("reason")) || !Objects.equals(text, c.get("message"))) {
                    c.put("reason", reason);
                    c.put("message", text);
                    changed = true;
                }
                return changed;
            }
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("status", s);
        c.put("lastTransitionTime", now.toString());
        c.put("reason", reason);
        c.put("message", text);
        list.add(c);
        return true;
    }

    /** A True condition becomes False with "Previously: ..." (Kueue's reset on readmission). */
    public static boolean reset(Map<String, Object> status, String type, String reason, Instant now) {
        Map<String, Object> c = find(status, type);
        if (c == null || !"True".equals(c.get("status"))) {
            return false;
        }
        return set(status, type, false, reason, "Previously: " + c.get("message"), now);
    }
}
