package io.berth.api.io;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import java.util.List;
import java.util.Map;

/**
 * Everything read from the input files, in file order; sources.get(i) is where objects.get(i)
 * came from. cycles and expect come from scenario
 * files (null / empty otherwise); expect is kept as plain YAML data. scenario holds the other
 * top-level keys of scenario files (such as node: and claims: of device allocation scenarios), as plain
 * YAML data.
 */
public record Manifests(List<KubeObject> objects, List<Source> sources, Configuration configuration,
                        Integer cycles, Map<String, Object> expect, Map<String, Object> scenario) {
    public Manifests {
        objects = List.copyOf(objects);
        sources = List.copyOf(sources);
        configuration = configuration == null ? Configuration.DEFAULT : configuration;
        expect = expect == null ? Map.of() : expect;
        scenario = scenario == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scenario));
    }

    public Manifests(List<KubeObject> objects, List<Source> sources, Configuration configuration, Integer cycles,
                     Map<String, Object> expect) {
        this(objects, sources, configuration, cycles, expect, Map.of());
    }

    public <T extends KubeObject> List<T> ofType(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
