package io.berth.api.io;

import io.berth.api.config.DeviceClassMapping;
import io.berth.api.config.DeviceClassSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads Kueue's Configuration {@code resources.deviceClassMappings} with Kueue's validation: at most
 * 16 mappings of distinct qualified resource names, 1 to 8 DeviceClasses each; a DeviceClass in one
 * mapping only, unless every mapping of it has a counter source with a counter of its own; sources
 * with exactly one of {@code counter} or {@code capacity}, never both kinds in one mapping.
 */
final class DeviceClassMappingReader {
    static final int MAX_MAPPINGS = 16;
    static final int MAX_CLASSES = 8;

    private final Map<String, String> resourceOfClass = new HashMap<>();
    private final Map<String, Set<String>> countersOfClass = new HashMap<>();

    private final Function<String, String> selectorCheck;

    private DeviceClassMappingReader(Function<String, String> selectorCheck) {
        this.selectorCheck = selectorCheck;
    }

    /** selectorCheck: the compile error of a source's CEL deviceSelector, or null when it compiles. */
    static List<DeviceClassMapping> read(YamlNode list, Function<String, String> selectorCheck) {
        return new DeviceClassMappingReader(selectorCheck).mappings(list);
    }

    private List<DeviceClassMapping> mappings(YamlNode list) {
        List<YamlNode> items = list.items();
        if (items.size() > MAX_MAPPINGS) {
            list.error("too many device class mappings: " + items.size() + ", Kueue allows at most " + MAX_MAPPINGS);
        }
        List<DeviceClassMapping> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode m : items) {
            m.onlyKeys(List.of("name", "deviceClassNames", "sources"));
            String name = m.get("name").requiredText("the quota resource the devices count as, such as example.com/gpu");
            if (name != null && qualifiedName(m.get("name"), name) && !names.add(name)) {
                m.get("name").error("duplicate resource name " + YamlNode.quote(name) + "; expected each mapping once");
            }
            List<DeviceClassSource> sources = sources(m.get("sources"));
            DeviceClassMapping mapping = new DeviceClassMapping(name, List.of(), sources);
            List<String> classes = classes(m.get("deviceClassNames"), name, mapping.firstCounter());
            out.add(new DeviceClassMapping(name, classes, sources));
        }
        return out;
    }

    private List<String> classes(YamlNode list, String resource, String counter) {
        List<YamlNode> items = list.items();
        if (items.isEmpty()) {
            list.required("at least one DeviceClass name");
        } else if (items.size() > MAX_CLASSES) {
            list.error("too many DeviceClasses: " + items.size() + ", Kueue allows at most " + MAX_CLASSES);
        }
        List<String> classes = new ArrayList<>();
        for (YamlNode c : items) {
            String cls = c.text();
            if (cls == null || !qualifiedName(c, cls)) {
                continue;
            }
            if (classes.contains(cls)) {
                c.error("duplicate DeviceClass " + YamlNode.quote(cls) + " in this mapping");
                continue;
            }
            classes.add(cls);
            checkMappedOnce(c, cls, resource, counter);
        }
        return classes;
    }

    /** Kueue lets two mappings share a DeviceClass only when both track different counters of it. */
    private void checkMappedOnce(YamlNode at, String cls, String resource, String counter) {
        String earlier = resourceOfClass.putIfAbsent(cls, resource);
        Set<String> counters = countersOfClass.computeIfAbsent(cls, k -> new HashSet<>());
        if (earlier == null) {
            if (counter != null) {
                counters.add(counter);
            }
        } else if (!earlier.equals(resource)) {
            if (counter == null || counters.isEmpty()) {
                at.error("DeviceClass " + cls + " is already mapped to " + earlier + "; expected each DeviceClass "
                        + "once, unless every mapping of it has a counter source with a different counter");
            } else if (!counters.add(counter)) {
                at.error("DeviceClass " + cls + " already has a counter source for counter " + YamlNode.quote(counter));
            }
        }
    }

    private List<DeviceClassSource> sources(YamlNode list) {
        List<DeviceClassSource> out = new ArrayList<>();
        for (YamlNode s : list.items()) {
            s.onlyKeys(List.of("counter", "capacity"));
            boolean counter = s.get("counter").present();
            boolean capacity = s.get("capacity").present();
            if (counter == capacity) {
                s.error("expected exactly one of counter or capacity, found " + (counter ? "both" : "neither"));
                continue;
            }
            DeviceClassSource source = counter ? source(s.get("counter"), DeviceClassSource.Kind.COUNTER)
                    : source(s.get("capacity"), DeviceClassSource.Kind.CAPACITY);
            if (source != null) {
                out.add(source);
            }
        }
        if (out.stream().map(DeviceClassSource::kind).distinct().count() > 1) {
            list.error("cannot mix counter and capacity sources in the same mapping");
        }
        return out;
    }

    private DeviceClassSource source(YamlNode s, DeviceClassSource.Kind kind) {
        s.onlyKeys(List.of("name", "driver", "deviceSelector"));
        YamlNode nameNode = s.get("name");
        String name;
        if (kind == DeviceClassSource.Kind.COUNTER) {
            name = SchedulingReader.requiredText(nameNode, "the name of a counter the devices consume, such as memory");
            if (name != null && !YamlNode.isDnsLabel(name)) {
                nameNode.error("invalid counter name " + YamlNode.quote(name)
                        + ": expected a DNS label (lowercase letters, digits and '-', at most 63 characters)");
            }
        } else {
            name = SchedulingReader.requiredText(nameNode, "a capacity name such as gpu.example.com/memory");
            if (name != null) {
                DraRules.checkQualifiedName(nameNode, name);
            }
        }
        String driver = DraRules.driver(s.get("driver"));
        YamlNode selector = s.get("deviceSelector");
        String expression = null;
        if (!selector.present()) {
            selector.required("a device selector (deviceSelector: {cel: {expression: ...}})");
        } else {
            expression = DraRules.cel(selector);
            String error = expression == null ? null : selectorCheck.apply(expression);
            if (error != null) {
                selector.get("cel").get("expression").error("CEL compilation failed: " + error);
            }
        }
        return new DeviceClassSource(kind, name, driver, expression);
    }

    /** A Kubernetes qualified name (label key), else an error at the node. */
    private static boolean qualifiedName(YamlNode at, String s) {
        boolean ok = YamlNode.isQualifiedName(s);
        if (!ok) {
            at.error("invalid name " + YamlNode.quote(s) + ": expected a qualified name: an optional DNS subdomain and "
                    + "'/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
        }
        return ok;
    }
}
