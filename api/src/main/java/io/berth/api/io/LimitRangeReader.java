package io.berth.api.io;

import io.berth.api.core.LimitRange;
import io.berth.api.core.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads v1 LimitRanges: spec.limits[] with type, max, min, default and defaultRequest. */
final class LimitRangeReader {
    private static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        for (String t : List.of(LimitRange.CONTAINER, LimitRange.POD, LimitRange.PERSISTENT_VOLUME_CLAIM)) {
            TYPES.put(t, t);
        }
    }

    private LimitRangeReader() {
    }

    static LimitRange limitRange(ObjectMeta meta, YamlNode spec) {
        List<LimitRange.Item> items = new ArrayList<>();
        YamlNode limits = spec.get("limits");
        if (!limits.present()) {
            limits.required("a list of limits");
        }
        for (YamlNode item : limits.items()) {
            YamlNode type = item.get("type");
            if (!type.present()) {
                type.required("one of " + String.join(", ", TYPES.keySet()));
            }
            items.add(new LimitRange.Item(type.oneOf(TYPES, null), item.get("max").quantityMap(),
                    item.get("min").quantityMap(), item.get("default").quantityMap(),
                    item.get("defaultRequest").quantityMap()));
        }
        return new LimitRange(meta, items);
    }
}
