package io.berth.api.core;

/** A pod toleration; operator Equal (default) or Exists, empty effect tolerates every effect. */
public record Toleration(String key, String operator, String value, String effect) {

    /** Whether this toleration tolerates the taint, with Kubernetes' rules. */
    public boolean tolerates(Taint taint) {
        if (effect != null && !effect.isEmpty() && !effect.equals(taint.effect())) {
            return false;
        }
        if (key == null || key.isEmpty()) {
            return "Exists".equals(operator);
        }
        if (!key.equals(taint.key())) {
            return false;
        }
        if ("Exists".equals(operator)) {
            return true;
        }
        String mine = value == null ? "" : value;
        String theirs = taint.value() == null ? "" : taint.value();
        return mine.equals(theirs);
    }
}
