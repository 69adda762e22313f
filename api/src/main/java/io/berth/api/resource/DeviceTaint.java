package io.berth.api.resource;

import io.berth.api.core.Taint;

/** A taint on a device: effect NoSchedule, NoExecute or None. */
public record DeviceTaint(String key, String value, String effect) {
    public Taint asTaint() {
        return new Taint(key, value, effect);
    }
}
