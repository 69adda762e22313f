package io.berth.api.io;

import io.berth.api.core.NodeSelectorRequirement;
import io.berth.api.core.ObjectMeta;
import io.berth.api.resource.CapacityRequestPolicy;
import io.berth.api.resource.CounterConsumption;
import io.berth.api.resource.CounterSet;
import io.berth.api.resource.Device;
import io.berth.api.resource.DeviceAttribute;
import io.berth.api.resource.DeviceCapacity;
import io.berth.api.resource.DeviceTaint;
import io.berth.api.resource.NodeSelectorSpec;
import io.berth.api.resource.ResourceSlice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads resource.k8s.io/v1 ResourceSlices (both the 1.34 and the 1.35+ shapes of shared counters). */
final class SliceReader {
    private static final Map<String, String> DEVICE_TAINT_EFFECTS = SchedulingReader.names("NoSchedule", "NoExecute", "None");
    private static final Map<String, String> NODE_OPERATORS =
            SchedulingReader.names("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt");

    private SliceReader() {
    }

    static ResourceSlice slice(ObjectMeta meta, YamlNode spec) {
        if (!spec.present()) {
            spec.required("a spec with driver, pool and devices");
        }
        String driver = DraRules.driver(spec.get("driver"));
        YamlNode pool = spec.get("pool");
        if (!pool.present()) {
            pool.required("a pool with name, generation and resourceSliceCount");
        }
        String poolName = DraRules.pool(pool.get("name"));
        Long generation = pool.get("generation").wholeNumber(0);
        Long count = pool.get("resourceSliceCount").wholeNumber(1);
        if (pool.present() && !pool.get("resourceSliceCount").present()) {
            pool.get("resourceSliceCount").required("the number of slices in the pool (at least 1)");
        }
        String nodeName = spec.get("nodeName").text();
        NodeSelectorSpec nodeSelector = nodeSelector(spec.get("nodeSelector"));
        boolean allNodes = spec.get("allNodes").bool(false);
        boolean perDevice = spec.get("perDeviceNodeSelection").bool(false);
        List<CounterSet> counters = counterSets(spec.get("sharedCounters"));
        int set = (nodeName != null ? 1 : 0) + (nodeSelector != null ? 1 : 0) + (allNodes ? 1 : 0) + (perDevice ? 1 : 0);
        if (set > 1) {
            spec.error("expected exactly one of nodeName, nodeSelector, allNodes, perDeviceNodeSelection; found " + set);
        } else if (set == 0 && counters.isEmpty()) {
            spec.error("expected one of nodeName, nodeSelector, allNodes, perDeviceNodeSelection (or a slice of sharedCounters only)");
        }
        List<Device> devices = new ArrayList<>();
        Set<String> names = new HashSet<>();
        YamlNode devicesNode = spec.get("devices");
        List<YamlNode> items = devicesNode.items();
        for (YamlNode d : items) {
            Device device = device(d, perDevice);
            if (device.name() != null && !names.add(device.name())) {
                d.get("name").error("duplicate device name " + YamlNode.quote(device.name()) + " in this slice");
            }
            devices.add(device);
        }
        boolean tainted = devices.stream().anyMatch(d -> !d.taints().isEmpty() || !d.consumesCounters().isEmpty());
        int max = tainted ? DraRules.MAX_DEVICES_PER_SLICE_WITH_TAINTS_OR_COUNTERS : DraRules.MAX_DEVICES_PER_SLICE;
        if (items.size() > max) {
            devicesNode.error("too many devices: " + items.size() + ", Kubernetes allows at most " + max
                    + (tainted ? " when devices have taints or consume counters" : ""));
        }
        return new ResourceSlice(meta, driver, poolName, generation == null ? 0 : generation, count == null ? 1 : count,
                nodeName, nodeSelector, allNodes, perDevice, devices, counters);
    }

    private static Device device(YamlNode d, boolean perDevice) {
        String name = DraRules.dnsLabel(d.get("name"), "a device name");
        Map<String, DeviceAttribute> attributes = new LinkedHashMap<>();
        d.get("attributes").entries().forEach((k, v) -> {
            DraRules.checkQualifiedName(v, k);
            attributes.put(k, attribute(v));
        });
        Map<String, DeviceCapacity> capacity = new LinkedHashMap<>();
        d.get("capacity").entries().forEach((k, v) -> {
            DraRules.checkCapacityName(v, k);
            BigDecimal value = v.get("value").exactQuantity();
            if (value == null && !v.get("value").present()) {
                v.get("value").required("a quantity");
            }
            capacity.put(k, new DeviceCapacity(value == null ? BigDecimal.ZERO : value, policy(v.get("requestPolicy"))));
        });
        if (attributes.size() + capacity.size() > DraRules.MAX_ATTRIBUTES_AND_CAPACITIES) {
            d.error("too many attributes and capacities: " + (attributes.size() + capacity.size())
                    + ", Kubernetes allows at most " + DraRules.MAX_ATTRIBUTES_AND_CAPACITIES + " together");
        }
        List<CounterConsumption> consumes = new ArrayList<>();
        for (YamlNode c : d.get("consumesCounters").items()) {
            String set = SchedulingReader.requiredText(c.get("counterSet"), "a counter set name");
            consumes.add(new CounterConsumption(set, counters(c.get("counters"))));
        }
        List<DeviceTaint> taints = new ArrayList<>();
        for (YamlNode t : DraRules.atMost(d.get("taints"), DraRules.MAX_TAINTS, "taints")) {
            String key = SchedulingReader.requiredText(t.get("key"), "a taint key");
            String effect = SchedulingReader.requiredOneOf(t.get("effect"), DEVICE_TAINT_EFFECTS);
            taints.add(new DeviceTaint(key, t.get("value").text(), effect));
        }
        String nodeName = d.get("nodeName").text();
        NodeSelectorSpec nodeSelector = nodeSelector(d.get("nodeSelector"));
        boolean allNodes = d.get("allNodes").bool(false);
        int set = (nodeName != null ? 1 : 0) + (nodeSelector != null ? 1 : 0) + (allNodes ? 1 : 0);
        if (perDevice && set != 1) {
            d.error("with perDeviceNodeSelection, expected exactly one of nodeName, nodeSelector, allNodes; found " + set);
        } else if (!perDevice && set > 0) {
            d.error("nodeName, nodeSelector and allNodes of a device need perDeviceNodeSelection: true in the slice");
        }
        boolean multiple = d.get("allowMultipleAllocations").bool(false);
        boolean binding = !d.get("bindingConditions").items().isEmpty();
        return new Device(name, attributes, capacity, consumes, nodeName, nodeSelector, allNodes, multiple, taints,
                binding, d.get("bindsToNode").bool(false));
    }

    private static DeviceAttribute attribute(YamlNode v) {
        v.onlyKeys(List.of("int", "bool", "string", "version"));
        List<String> set = new ArrayList<>();
        for (String k : List.of("int", "bool", "string", "version")) {
            if (v.get(k).present()) {
                set.add(k);
            }
        }
        if (set.size() != 1) {
            v.error("expected exactly one of int, bool, string, version; found " + (set.isEmpty() ? "none" : String.join(", ", set)));
            return DeviceAttribute.ofString("");
        }
        return switch (set.get(0)) {
            case "int" -> {
                Long i = v.get("int").wholeNumber(Long.MIN_VALUE);
                yield DeviceAttribute.ofInt(i == null ? 0 : i);
            }
            case "bool" -> DeviceAttribute.ofBool(Boolean.TRUE.equals(v.get("bool").bool()));
            case "string" -> DeviceAttribute.ofString(limited(v.get("string")));
            default -> {
                String s = limited(v.get("version"));
                if (s != null && !s.matches("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?")) {
                    v.get("version").error("invalid version " + YamlNode.quote(s) + ": expected a semantic version such as 1.2.3 (semver 2.0.0)");
                }
                yield DeviceAttribute.ofVersion(s);
            }
        };
    }

    private static String limited(YamlNode v) {
        String s = v.text();
        if (s != null && s.length() > DraRules.MAX_ATTRIBUTE_VALUE_LENGTH) {
            v.error("too long: " + s.length() + " characters, Kubernetes allows at most " + DraRules.MAX_ATTRIBUTE_VALUE_LENGTH);
        }
        return s == null ? "" : s;
    }

    private static CapacityRequestPolicy policy(YamlNode p) {
        if (!p.present()) {
            return null;
        }
        p.onlyKeys(List.of("default", "validValues", "validRange"));
        List<BigDecimal> values = new ArrayList<>();
        for (YamlNode v : DraRules.atMost(p.get("validValues"), DraRules.MAX_VALID_VALUES, "valid values")) {
            BigDecimal q = v.exactQuantity();
            if (q != null) {
                if (!values.isEmpty() && q.compareTo(values.get(values.size() - 1)) <= 0) {
                    v.error("validValues must be sorted in ascending order without duplicates");
                }
                values.add(q);
            }
        }
        YamlNode range = p.get("validRange");
        if (range.present() && !values.isEmpty()) {
            p.error("expected at most one of validValues and validRange");
        }
        BigDecimal min = range.get("min").exactQuantity();
        if (range.present() && min == null && !range.get("min").present()) {
            range.get("min").required("the smallest valid request");
        }
        return new CapacityRequestPolicy(p.get("default").exactQuantity(), values, min, range.get("max").exactQuantity(),
                range.get("step").exactQuantity());
    }

    private static List<CounterSet> counterSets(YamlNode list) {
        List<CounterSet> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode s : DraRules.atMost(list, DraRules.MAX_SHARED_COUNTER_SETS, "counter sets")) {
            String name = DraRules.dnsLabel(s.get("name"), "a counter set name");
            if (name != null && !names.add(name)) {
                s.get("name").error("duplicate counter set name " + YamlNode.quote(name));
            }
            Map<String, BigDecimal> counters = counters(s.get("counters"));
            if (counters.size() > DraRules.MAX_COUNTERS_PER_SET) {
                s.get("counters").error("too many counters: " + counters.size() + ", Kubernetes allows at most " + DraRules.MAX_COUNTERS_PER_SET);
            }
            out.add(new CounterSet(name, counters));
        }
        return out;
    }

    private static Map<String, BigDecimal> counters(YamlNode map) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        map.entries().forEach((k, v) -> {
            BigDecimal q = v.get("value").exactQuantity();
            if (q == null && !v.get("value").present()) {
                v.get("value").required("a quantity");
            }
            out.put(k, q == null ? BigDecimal.ZERO : q);
        });
        return out;
    }

    /** A v1.NodeSelector (terms with matchExpressions and matchFields); null when absent. */
    static NodeSelectorSpec nodeSelector(YamlNode node) {
        if (!node.present()) {
            return null;
        }
        List<NodeSelectorSpec.Term> terms = new ArrayList<>();
        YamlNode termsNode = node.get("nodeSelectorTerms");
        for (YamlNode term : termsNode.items()) {
            terms.add(new NodeSelectorSpec.Term(requirements(term.get("matchExpressions")),
                    requirements(term.get("matchFields"))));
        }
        if (terms.isEmpty()) {
            termsNode.required("at least one node selector term");
        }
        return new NodeSelectorSpec(terms);
    }

    private static List<NodeSelectorRequirement> requirements(YamlNode list) {
        List<NodeSelectorRequirement> out = new ArrayList<>();
        for (YamlNode e : list.items()) {
            String key = SchedulingReader.requiredText(e.get("key"), "a key");
            String operator = SchedulingReader.requiredOneOf(e.get("operator"), NODE_OPERATORS);
            List<String> values = e.get("values").stringList();
            SchedulingReader.checkValues(e.get("values"), operator, values);
            out.add(new NodeSelectorRequirement(key, operator, values));
        }
        return out;
    }
}
