package io.berth.api.core;

/** A node taint; effect is NoSchedule, PreferNoSchedule or NoExecute. */
public record Taint(String key, String value, String effect) {
    @Override
    public String toString() {
        return key + (value == null || value.isEmpty() ? "" : "=" + value) + ":" + effect;
    }
}
