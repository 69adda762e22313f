package io.berth.api.io;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import java.util.List;
import java.util.Map;

/**
 * Everything read from the input files, in file order; sources.get(i) is where objects.get(i)
 * came from. cycles and expect come from scenario
 * files (null / empty otherwise); expect is kept as plain YAML data.
 */
public record Manifests(List<KubeObject> objects, List<Source> sources, Configuration configuration,
                        Integer cycles, Map<String, Object> expect) {
    public Manifests {
        objects = List.copyOf(objects);
        sources = List.copyOf(sources);
        configuration = configuration == null ? Configuration.DEFAULT : configuration;
        expect = expect == null ? Map.of() : expect;
    }

    public <T extends KubeObject> List<T> ofType(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
