package io.berth.api.io;

import io.berth.api.core.ObjectMeta;
import io.berth.api.core.Toleration;
import io.berth.api.resource.AllocatedConfig;
import io.berth.api.resource.AllocationMode;
import io.berth.api.resource.AllocationResult;
import io.berth.api.resource.CelSelector;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceConstraint;
import io.berth.api.resource.DeviceRequest;
import io.berth.api.resource.DeviceRequestSpec;
import io.berth.api.resource.DeviceResult;
import io.berth.api.resource.OpaqueConfig;
import io.berth.api.resource.ResourceClaim;
import io.berth.api.resource.ResourceClaimSpec;
import io.berth.api.resource.ResourceClaimTemplate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads DeviceClasses, ResourceClaims (with status.allocation) and ResourceClaimTemplates of resource.k8s.io/v1. */
final class ClaimReader {
    private static final Map<String, AllocationMode> MODES = new LinkedHashMap<>();
    private static final Map<String, String> TOLERATION_OPERATORS = SchedulingReader.names("Equal", "Exists");
    private static final Map<String, String> TOLERATION_EFFECTS = SchedulingReader.names("NoSchedule", "NoExecute", "None");

    static {
        MODES.put("ExactCount", AllocationMode.ExactCount);
        MODES.put("All", AllocationMode.All);
    }

    private ClaimReader() {
    }

    static DeviceClass deviceClass(ObjectMeta meta, YamlNode spec) {
        List<CelSelector> selectors = selectors(spec.get("selectors"));
        List<OpaqueConfig> config = new ArrayList<>();
        for (YamlNode c : DraRules.atMost(spec.get("config"), DraRules.MAX_CONFIGS, "config entries")) {
            config.add(opaque(c, List.of()));
        }
        YamlNode extended = spec.get("extendedResourceName");
        String extendedResourceName = extended.text();
        if (extendedResourceName != null && !(DeviceClass.isExtendedResourceName(extendedResourceName)
                && YamlNode.isQualifiedName(extendedResourceName))) {
            extended.error("invalid extendedResourceName " + YamlNode.quote(extendedResourceName)
                    + ": expected an extended resource name such as example.com/gpu (a domain-prefixed name, "
                    + "not in kubernetes.io)");
        }
        return new DeviceClass(meta, selectors, config, extendedResourceName);
    }

    static ResourceClaim claim(ObjectMeta meta, YamlNode obj) {
        ResourceClaimSpec spec = claimSpec(obj.get("spec"));
        YamlNode allocation = obj.get("status").get("allocation");
        return new ResourceClaim(meta, spec, allocation.present() ? allocation(allocation) : null);
    }

    static ResourceClaimTemplate template(ObjectMeta meta, YamlNode spec) {
        return new ResourceClaimTemplate(meta, claimSpec(spec.get("spec")));
    }

    private static ResourceClaimSpec claimSpec(YamlNode spec) {
        YamlNode devices = spec.get("devices");
        List<DeviceRequest> requests = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode r : DraRules.atMost(devices.get("requests"), DraRules.MAX_REQUESTS, "requests")) {
            DeviceRequest request = request(r);
            if (request.name() != null && !names.add(request.name())) {
                r.get("name").error("duplicate request name " + YamlNode.quote(request.name()));
            }
            requests.add(request);
        }
        List<DeviceConstraint> constraints = new ArrayList<>();
        for (YamlNode c : DraRules.atMost(devices.get("constraints"), DraRules.MAX_CONSTRAINTS, "constraints")) {
            constraints.add(constraint(c, requests));
        }
        List<OpaqueConfig> config = new ArrayList<>();
        for (YamlNode c : DraRules.atMost(devices.get("config"), DraRules.MAX_CONFIGS, "config entries")) {
            List<String> refs = c.get("requests").stringList();
            checkRefs(c.get("requests"), refs, requests);
            config.add(opaque(c, refs));
        }
        return new ResourceClaimSpec(requests, constraints, config);
    }

    private static DeviceRequest request(YamlNode r) {
        r.onlyKeys(List.of("name", "exactly", "firstAvailable"));
        String name = DraRules.dnsLabel(r.get("name"), "a request name");
        YamlNode exactly = r.get("exactly");
        YamlNode first = r.get("firstAvailable");
        if (exactly.present() == first.present()) {
            r.error("expected exactly one of exactly, firstAvailable");
        }
        if (exactly.present()) {
            return new DeviceRequest(name, spec(exactly, name, true), List.of());
        }
        List<DeviceRequestSpec> subs = new ArrayList<>();
        Set<String> subNames = new HashSet<>();
        List<YamlNode> items = DraRules.atMost(first, DraRules.MAX_SUBREQUESTS, "subrequests");
        if (first.present() && items.isEmpty()) {
            first.error("expected at least one subrequest");
        }
        for (YamlNode s : items) {
            String subName = DraRules.dnsLabel(s.get("name"), "a subrequest name");
            if (subName != null && !subNames.add(subName)) {
                s.get("name").error("duplicate subrequest name " + YamlNode.quote(subName));
            }
            subs.add(spec(s, subName, false));
        }
        return new DeviceRequest(name, null, subs);
    }

    private static DeviceRequestSpec spec(YamlNode s, String name, boolean exact) {
        List<String> keys = new ArrayList<>(List.of("deviceClassName", "selectors", "allocationMode", "count",
                "tolerations", "capacity"));
        keys.add(exact ? "adminAccess" : "name");
        s.onlyKeys(keys);
        String className = SchedulingReader.requiredText(s.get("deviceClassName"), "a DeviceClass name");
        if (className != null && !YamlNode.isDnsSubdomain(className)) {
            s.get("deviceClassName").error("invalid name " + YamlNode.quote(className) + ": expected a DNS-1123 subdomain");
        }
        AllocationMode mode = s.get("allocationMode").oneOf(MODES, AllocationMode.ExactCount);
        YamlNode countNode = s.get("count");
        Long count = countNode.wholeNumber(1);
        if (mode == AllocationMode.All && countNode.present()) {
            countNode.error("must not be set when allocationMode is All");
        }
        List<Toleration> tolerations = new ArrayList<>();
        for (YamlNode t : DraRules.atMost(s.get("tolerations"), DraRules.MAX_TOLERATIONS, "tolerations")) {
            String operator = t.get("operator").oneOf(TOLERATION_OPERATORS, "Equal");
            String effect = t.get("effect").present() ? t.get("effect").oneOf(TOLERATION_EFFECTS, null) : null;
            if ("Exists".equals(operator) && t.get("value").present() && !t.get("value").text("").isEmpty()) {
                t.get("value").error("must be empty when operator is Exists");
            }
            tolerations.add(new Toleration(t.get("key").text(), operator, t.get("value").text(), effect));
        }
        Map<String, BigDecimal> capacity = new LinkedHashMap<>();
        s.get("capacity").get("requests").entries().forEach((k, v) -> {
            DraRules.checkCapacityName(v, k);
            BigDecimal q = v.exactQuantity();
            if (q != null && q.signum() < 0) {
                v.error("expected a quantity of at least 0, found " + v.describe());
            }
            capacity.put(k, q == null ? BigDecimal.ZERO : q);
        });
        boolean admin = exact && Boolean.TRUE.equals(s.get("adminAccess").bool());
        return new DeviceRequestSpec(name, className, selectors(s.get("selectors")), mode, count == null ? 1 : count,
                admin, tolerations, capacity);
    }

    private static List<CelSelector> selectors(YamlNode list) {
        List<CelSelector> out = new ArrayList<>();
        for (YamlNode s : DraRules.atMost(list, DraRules.MAX_SELECTORS, "selectors")) {
            String expr = DraRules.cel(s);
            if (expr != null) {
                out.add(new CelSelector(expr));
            }
        }
        return out;
    }

    private static DeviceConstraint constraint(YamlNode c, List<DeviceRequest> requests) {
        c.onlyKeys(List.of("requests", "matchAttribute", "distinctAttribute"));
        List<String> refs = c.get("requests").stringList();
        checkRefs(c.get("requests"), refs, requests);
        String match = c.get("matchAttribute").text();
        String distinct = c.get("distinctAttribute").text();
        if ((match == null) == (distinct == null)) {
            c.error("expected exactly one of matchAttribute, distinctAttribute");
        }
        String attribute = match != null ? match : distinct;
        if (attribute != null) {
            YamlNode at = c.get(match != null ? "matchAttribute" : "distinctAttribute");
            if (attribute.indexOf('/') < 0) {
                at.error("invalid attribute " + YamlNode.quote(attribute) + ": expected a fully qualified name (domain/id)");
            } else {
                DraRules.checkQualifiedName(at, attribute);
            }
        }
        return new DeviceConstraint(refs, match, distinct);
    }

    /** Every listed name must be a request of the claim, or "request/subrequest" of a firstAvailable request. */
    private static void checkRefs(YamlNode at, List<String> refs, List<DeviceRequest> requests) {
        for (String ref : refs) {
            String[] parts = ref.split("/", 2);
            DeviceRequest r = requests.stream().filter(q -> parts[0].equals(q.name())).findFirst().orElse(null);
            boolean ok = r != null && (parts.length == 1
                    || r.firstAvailable().stream().anyMatch(s -> parts[1].equals(s.name())));
            if (!ok) {
                at.error("unknown request " + YamlNode.quote(ref) + "; expected the name of a request of this claim"
                        + " (or request/subrequest)");
            }
        }
    }

    private static OpaqueConfig opaque(YamlNode c, List<String> requests) {
        YamlNode opaque = c.get("opaque");
        if (!opaque.present()) {
            opaque.required("opaque driver configuration (driver and parameters)");
            return new OpaqueConfig(requests, null, null);
        }
        String driver = DraRules.driver(opaque.get("driver"));
        YamlNode params = opaque.get("parameters");
        String json = params.present() ? params.raw().toString() : null;
        return new OpaqueConfig(requests, driver, json);
    }

    private static AllocationResult allocation(YamlNode a) {
        List<DeviceResult> results = new ArrayList<>();
        YamlNode devices = a.get("devices");
        for (YamlNode r : DraRules.atMost(devices.get("results"), DraRules.MAX_RESULTS, "results")) {
            String request = SchedulingReader.requiredText(r.get("request"), "the request name");
            String driver = DraRules.driver(r.get("driver"));
            String pool = DraRules.pool(r.get("pool"));
            String device = DraRules.dnsLabel(r.get("device"), "a device name");
            Map<String, BigDecimal> consumed = new LinkedHashMap<>();
            r.get("consumedCapacity").entries().forEach((k, v) -> {
                BigDecimal q = v.exactQuantity();
                consumed.put(k, q == null ? BigDecimal.ZERO : q);
            });
            results.add(new DeviceResult(request, driver, pool, device, Boolean.TRUE.equals(r.get("adminAccess").bool()),
                    r.get("shareID").text(), consumed));
        }
        List<AllocatedConfig> config = new ArrayList<>();
        for (YamlNode c : devices.get("config").items()) {
            config.add(new AllocatedConfig(c.get("source").text("FromClaim"), opaque(c, c.get("requests").stringList())));
        }
        return new AllocationResult(results, config, SliceReader.nodeSelector(a.get("nodeSelector")));
    }
}
