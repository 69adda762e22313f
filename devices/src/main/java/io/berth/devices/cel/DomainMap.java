package io.berth.devices.cel;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code device.attributes} and {@code device.capacity}: a map from domain to (id to value). Bare names
 * fall under the driver's domain. Looking up a domain the device does not use gives an empty map, as in
 * Kubernetes, so {@code "model" in device.attributes["other.example.com"]} is simply false.
 */
final class DomainMap extends AbstractMap<String, Map<String, Object>> {
    private final Map<String, Map<String, Object>> domains;

    private DomainMap(Map<String, Map<String, Object>> domains) {
        this.domains = domains;
    }

    static DomainMap of(String driver, Map<String, ?> byQualifiedName) {
        Map<String, Map<String, Object>> domains = new HashMap<>();
        byQualifiedName.forEach((name, value) -> {
            int slash = name.indexOf('/');
            String domain = slash < 0 ? driver : name.substring(0, slash);
            String id = slash < 0 ? name : name.substring(slash + 1);
            Map<String, Object> ids = domains.computeIfAbsent(domain, d -> new LinkedHashMap<>());
            // A name qualified with the driver's own domain wins over the same bare name.
            if (slash >= 0 || !ids.containsKey(id)) {
                ids.put(id, value);
            }
        });
        return new DomainMap(domains);
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String;
    }

    @Override
    public Map<String, Object> get(Object key) {
        Map<String, Object> ids = domains.get(key);
        return ids != null ? ids : key instanceof String ? Map.of() : null;
    }

    @Override
    public Set<Entry<String, Map<String, Object>>> entrySet() {
        return domains.entrySet();
    }
}
