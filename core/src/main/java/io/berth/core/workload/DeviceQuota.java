package io.berth.core.workload;

import io.berth.api.KubeObject;
import io.berth.api.config.BerthExtensions;
import io.berth.api.config.DeviceClassMapping;
import io.berth.api.config.ResourcesConfig;
import io.berth.api.config.DeviceClassSource;
import io.berth.api.core.PodResourceClaim;
import io.berth.api.kueue.PodSet;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.Workload;
import io.berth.api.resource.AllocationMode;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceRequest;
import io.berth.api.resource.DeviceRequestSpec;
import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceClaimTemplate;
import io.berth.api.resource.ResourceSlice;
import io.berth.core.quota.FlavorResources;
import io.berth.devices.cel.DeviceSelectors;
import io.berth.devices.quota.AllDeviceCounts;
import io.berth.devices.quota.ChargeError;
import io.berth.devices.quota.DeviceCatalog;
import io.berth.devices.quota.SelectorAvailability;
import io.berth.devices.quota.SourceCharges;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Kueue's device quota: devices that a pod claims through ResourceClaimTemplates count as the quota
 * resource their DeviceClass maps to in {@code resources.deviceClassMappings}: one per device, or,
 * for a class with counter or capacity {@code sources}, what {@link SourceCharges} computes from the
 * ResourceSlices. Without mappings, claims are not charged (Kueue without its DRA integration).
 * Errors carry Kueue's field paths and wording, checked in Kueue's order: device counts, selectors and
 * mappings of every pod set first, then counter sources, then capacity sources. Beyond Kueue, with
 * berth.deviceQuota: firstAvailable requests give charging alternatives ({@link SubrequestChoice}),
 * All requests a charge per flavor ({@link AllModeCharges}).
 */
public final class DeviceQuota {
    /** One CEL environment and compile cache for every engine (thread-safe), built when first needed. */
    private static final class SharedSelectors {
        static final DeviceSelectors CEL = new DeviceSelectors();
    }

    /** A request to charge (by count, sources or per flavor), its pod set and where it is. */
    private record SourcedRequest(int podSet, String path, DeviceRequestSpec exactly) {
    }

    private final ResourcesConfig resources;
    private final BerthExtensions.DeviceQuotaOptions options;
    private final ClassMappings mappings;
    private final Map<String, ResourceClaimTemplate> templates = new HashMap<>();
    private final DeviceCatalog catalog = new DeviceCatalog();
    /** Null without mappings: nothing is charged, and no CEL environment is built. */
    private final DeviceSelectors cel;
    private final SourceCharges charges;
    private final AllDeviceCounts allCounts;
    private final SelectorAvailability availability;
    private final ExtendedResourceCharges extendedResources;
    private final Function<String, ResourceFlavor> flavors;

    /** How many charging alternatives firstAvailable requests may make for one workload. */
    static final int MAX_ALTERNATIVES = 64;

    /**
     * One way to charge a workload: per pod set the per-pod requests and the All requests whose charge
     * depends on the flavor, and the subrequests it takes.
     */
    record Alternative(List<Map<String, Long>> requests, List<List<AllCharge>> allRequests,
                       Map<String, Map<String, String>> subrequests) {
    }

    /** An allocationMode All request and the quota resource it charges. */
    record AllCharge(String resource, DeviceRequestSpec request) {
    }

    public DeviceQuota(List<DeviceClassMapping> mappings) {
        this(mappings, BerthExtensions.DeviceQuotaOptions.KUEUE, f -> null, ResourcesConfig.DEFAULT);
    }

    /**
     * flavors: the ResourceFlavors by name, for the nodes of a flavor (All requests); resources:
     * what a pod's own requests count as (excluded resources, transformations), before its devices.
     */
    public DeviceQuota(List<DeviceClassMapping> mappings, BerthExtensions.DeviceQuotaOptions options,
                       Function<String, ResourceFlavor> flavors, ResourcesConfig resources) {
        this.options = options;
        this.resources = resources;
        this.flavors = flavors;
        this.mappings = new ClassMappings(mappings);
        this.cel = this.mappings.isEmpty() ? null : SharedSelectors.CEL;
        this.charges = cel == null ? null : new SourceCharges(catalog, cel);
        this.allCounts = cel == null ? null : new AllDeviceCounts(catalog, cel);
        this.availability = cel == null ? null : new SelectorAvailability(catalog, cel);
        this.extendedResources = new ExtendedResourceCharges(catalog, this.mappings);
    }

    /**
     * Whether charges read DeviceClasses and ResourceSlices (with any mapping: Kueue checks that
     * requests with CEL selectors have enough matching devices, and sources count from them), and
     * Nodes (All requests are charged).
     */
    public boolean readsDevices() {
        return !mappings.isEmpty();
    }

    private boolean readsNodes() {
        return options.allocationModeAll() && !mappings.isEmpty();
    }

    /** The flavor-dependent requests of a pod set's All requests, or null when it has none. */
    FlavorDependentRequests flavorDependent(List<AllCharge> all, FlavorResources frs) {
        if (all.isEmpty()) {
            return null;
        }
        return new AllModeCharges(all.stream().map(a -> new AllModeCharges.AllRequest(
                frs.resources().id(a.resource()), a.resource(), a.request())).toList(), flavors, allCounts,
                frs.units());
    }

    /**
     * Takes a ResourceClaimTemplate, DeviceClass, ResourceSlice or Node; returns whether charges read it
     * (DeviceClasses and ResourceSlices with sources or All requests charged, Nodes with the latter).
     * Workloads compiled later see it.
     */
    public boolean apply(KubeObject object) {
        if (object instanceof ResourceClaimTemplate t) {
            templates.put(t.metadata().key(), t);
            return true;
        } else if (object instanceof DeviceClass c && readsDevices()) {
            catalog.put(c);
            return true;
        } else if (object instanceof ResourceSlice s && readsDevices()) {
            catalog.put(s);
            return true;
        } else if (object instanceof Node n && readsNodes()) {
            catalog.put(n);
            return true;
        }
        return false;
    }

    /** Forgets a ResourceClaimTemplate (key namespace/name), DeviceClass, ResourceSlice or Node (key: name). */
    public boolean delete(String kind, String key) {
        switch (kind) {
            case "ResourceClaimTemplate" -> templates.remove(key);
            case "DeviceClass" -> catalog.removeClass(key);
            case "ResourceSlice" -> catalog.removeSlice(key);
            case "Node" -> catalog.removeNode(key);
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the workload's charges depend on device objects: some pod claims through a template, or
     * requests an extended resource that a DeviceClass may serve.
     */
    public boolean readsClaims(Workload w) {
        return !mappings.isEmpty() && w.podSets().stream().anyMatch(ps -> ps.template().resourceClaims().stream()
                .anyMatch(c -> c.resourceClaimTemplateName() != null) || ExtendedResourceCharges.requestsAny(ps.template()));
    }

    /**
     * The ways to charge the workload, in order of preference: one, unless berth.deviceQuota.firstAvailable
     * lets requests with alternatives choose (see {@link SubrequestChoice}). An alternative that cannot be
     * charged is left out; when none can, the first one's error is thrown.
     */
    List<Alternative> alternatives(Workload w) throws WorkloadCompiler.Misconfigured {
        if (!mappings.isEmpty() && w.podSets().stream().anyMatch(ps -> ps.template().resourceClaims().stream()
                .anyMatch(c -> c.resourceClaimName() != null))) {
            // As Kueue's DRA integration: only claims made from templates can be charged.
            throw new WorkloadCompiler.Misconfigured("KueueDRAIntegration feature does not support use of resource claims");
        }
        List<Integer> sizes = firstAvailableSizes(w);
        SubrequestChoice choice = SubrequestChoice.first(sizes);
        if (choice.count() > MAX_ALTERNATIVES) {
            throw new WorkloadCompiler.Misconfigured("spec.podSets: the firstAvailable requests of the workload make "
                    + (choice.count() == Long.MAX_VALUE ? "too many" : String.valueOf(choice.count()))
                    + " combinations of subrequests; Berth charges at most " + MAX_ALTERNATIVES);
        }
        List<Alternative> out = new ArrayList<>();
        WorkloadCompiler.Misconfigured firstError = null;
        for (; choice != null; choice = choice.following()) {
            try {
                List<List<AllCharge>> all = new ArrayList<>();
                out.add(new Alternative(requests(w, choice, all), all, choice.chosen()));
            } catch (WorkloadCompiler.Misconfigured e) {
                firstError = firstError == null ? e : firstError;
            }
        }
        if (out.isEmpty()) {
            throw firstError;
        }
        return out;
    }

    /** The number of subrequests of each firstAvailable request, in workload order (none unless enabled). */
    private List<Integer> firstAvailableSizes(Workload w) {
        List<Integer> sizes = new ArrayList<>();
        if (!options.firstAvailable() || mappings.isEmpty()) {
            return sizes;
        }
        for (PodSet ps : w.podSets()) {
            for (PodResourceClaim claim : ps.template().resourceClaims()) {
                ResourceClaimTemplate t = claim.resourceClaimTemplateName() == null ? null
                        : templates.get(w.metadata().namespace() + "/" + claim.resourceClaimTemplateName());
                if (t != null) {
                    t.spec().requests().stream().filter(r -> r.exactly() == null && !r.firstAvailable().isEmpty())
                            .forEach(r -> sizes.add(r.firstAvailable().size()));
                }
            }
        }
        return sizes;
    }

    /** The per-pod requests of every pod set of the workload, with its devices added. */
    private List<Map<String, Long>> requests(Workload w, SubrequestChoice choice, List<List<AllCharge>> all)
            throws WorkloadCompiler.Misconfigured {
        List<Map<String, Long>> out = new ArrayList<>();
        List<SourcedRequest> sourced = new ArrayList<>();
        for (int i = 0; i < w.podSets().size(); i++) {
            PodSet ps = w.podSets().get(i);
            Map<String, Long> requests = new TreeMap<>(resources.effectiveRequests(ps.template().requests()));
            List<AllCharge> podSetAll = new ArrayList<>();
            if (!mappings.isEmpty()) {
                extendedResources.apply(requests, i, ps.template());
                countDevices(requests, w.metadata().namespace(), i, ps, sourced, choice, podSetAll);
            }
            out.add(requests);
            all.add(podSetAll);
        }
        for (SourcedRequest r : sourced) {
            for (ClassMappings.Source s : mappings.counterSources(r.exactly().deviceClassName())) {
                add(out.get(r.podSet()), s.resource(), charge(s, r), r);
            }
        }
        for (SourcedRequest r : sourced) {
            String resource = mappings.resourceOf(r.exactly().deviceClassName());
            for (ClassMappings.Source s : mappings.capacitySources(r.exactly().deviceClassName())) {
                add(out.get(r.podSet()), resource, charge(s, r), r);
            }
        }
        return out;
    }

    private long charge(ClassMappings.Source s, SourcedRequest r) throws WorkloadCompiler.Misconfigured {
        try {
            return s.source().kind() == DeviceClassSource.Kind.COUNTER
                    ? charges.counter(s.source(), r.exactly(), r.path())
                    : charges.capacity(s.source(), r.exactly(), r.path());
        } catch (ChargeError e) {
            throw new WorkloadCompiler.Misconfigured(e.getMessage());
        }
    }

    private static void add(Map<String, Long> requests, String resource, long units, SourcedRequest r)
            throws WorkloadCompiler.Misconfigured {
        try {
            requests.merge(resource, Math.multiplyExact(units, 1000L), Math::addExact);
        } catch (ArithmeticException e) {
            throw new WorkloadCompiler.Misconfigured(r.path() + ": Invalid value: " + units + ": the devices of one "
                    + "pod add up to more than " + Long.MAX_VALUE / 1000 + " " + resource);
        }
    }

    private void countDevices(Map<String, Long> requests, String namespace, int i, PodSet ps,
                              List<SourcedRequest> sourced, SubrequestChoice choice, List<AllCharge> all)
            throws WorkloadCompiler.Misconfigured {
        List<PodResourceClaim> claims = ps.template().resourceClaims();
        for (int j = 0; j < claims.size(); j++) {
            String templateName = claims.get(j).resourceClaimTemplateName();
            if (templateName == null) {
                continue;
            }
            String path = "spec.podSets[" + i + "].template.spec.resourceClaims[" + j + "]";
            ResourceClaimTemplate template = templates.get(namespace + "/" + templateName);
            if (template == null) {
                throw new WorkloadCompiler.Misconfigured(path + ": Internal error: failed to get claim spec for "
                        + "ResourceClaimTemplate " + templateName + " in podset " + ps.name()
                        + ": resourceclaimtemplates.resource.k8s.io \"" + templateName + "\" not found");
            }
            List<DeviceRequest> deviceRequests = template.spec().requests();
            List<SelectorAvailability.IndexedRequest> selecting = new ArrayList<>();
            List<SourcedRequest> charged = new ArrayList<>();
            for (int k = 0; k < deviceRequests.size(); k++) {
                DeviceRequest request = deviceRequests.get(k);
                String at = path + ".devices.requests[" + k + "]";
                if (options.firstAvailable() && request.exactly() == null && !request.firstAvailable().isEmpty()) {
                    int sub = choice.pick(ps.name(), claims.get(j).name() + "/" + request.name(),
                            request.firstAvailable().stream().map(DeviceRequestSpec::name).toList());
                    request = DeviceRequest.exactly(request.firstAvailable().get(sub));
                    at = at + ".firstAvailable[" + sub + "]";
                }
                DeviceRequestSpec exactly = supportedRequest(request, path, k, templateName);
                if (!exactly.selectors().isEmpty() && exactly.allocationMode() != AllocationMode.All) {
                    selecting.add(new SelectorAvailability.IndexedRequest(k, exactly));
                }
                if (!exactly.adminAccess() && exactly.deviceClassName() != null && !exactly.deviceClassName().isEmpty()) {
                    charged.add(new SourcedRequest(i, at, exactly)); // admin access is charged nothing, as in Kueue
                }
            }
            checkAvailable(selecting, path, templateName);
            for (SourcedRequest r : charged) {
                charge(requests, r, path, templateName, ps.name(), sourced, all);
            }
        }
    }

    /** Kueue's check that enough devices in the cluster match the claim's requests with CEL selectors. */
    private void checkAvailable(List<SelectorAvailability.IndexedRequest> selecting, String path, String template)
            throws WorkloadCompiler.Misconfigured {
        if (selecting.isEmpty()) {
            return;
        }
        Set<String> drivers = new HashSet<>();
        boolean everySlice = false;
        for (SelectorAvailability.IndexedRequest r : selecting) {
            String cls = r.request().deviceClassName();
            List<ClassMappings.Source> sources = new ArrayList<>(mappings.counterSources(cls));
            sources.addAll(mappings.capacitySources(cls));
            everySlice |= sources.isEmpty(); // a class charged by count: every slice is searched
            sources.forEach(src -> drivers.add(src.source().driver()));
        }
        try {
            availability.check(selecting, everySlice ? null : drivers, path, template);
        } catch (ChargeError e) {
            throw new WorkloadCompiler.Misconfigured(e.getMessage());
        }
    }

    /** Charges one request of a pod's claim: by count, by sources (later), or per flavor (All). */
    private void charge(Map<String, Long> requests, SourcedRequest r, String path, String template, String podSet,
                        List<SourcedRequest> sourced, List<AllCharge> all) throws WorkloadCompiler.Misconfigured {
        DeviceRequestSpec exactly = r.exactly();
        if (mappings.resourceOf(exactly.deviceClassName()) == null) {
            throw new WorkloadCompiler.Misconfigured(path + ".resourceClaimTemplateName: Not found: \"DeviceClass "
                    + exactly.deviceClassName() + " is not mapped in DRA configuration for podset " + podSet + "\"");
        }
        boolean sourcedClass = mappings.hasSources(exactly.deviceClassName());
        if (exactly.allocationMode() == AllocationMode.All) {
            if (sourcedClass) {
                throw allNotSupported(r.path(), template);
            }
            String resource = mappings.resourceOf(exactly.deviceClassName());
            requests.merge(resource, 0L, Math::addExact);
            all.add(new AllCharge(resource, exactly));
        } else if (sourcedClass) {
            sourced.add(r);
        } else {
            addCount(requests, exactly, r.path(), template);
        }
    }

    /**
     * The request as an exact one; Kueue's error when it is not supported: firstAvailable (unless
     * berth.deviceQuota.firstAvailable chose a subrequest), selectors that do not compile, All (unless
     * berth.deviceQuota.allocationModeAll).
     */
    private DeviceRequestSpec supportedRequest(DeviceRequest request, String path, int k, String template)
            throws WorkloadCompiler.Misconfigured {
        String at = path + ".devices.requests[" + k + "]";
        DeviceRequestSpec exactly = request.exactly();
        if (exactly == null) {
            throw new WorkloadCompiler.Misconfigured(at + ": Invalid value: null: ResourceClaimTemplate " + template
                    + ": FirstAvailable device selection is not supported");
        }
        List<String> compileErrors = new ArrayList<>();
        for (int i = 0; i < exactly.selectors().size(); i++) {
            String expression = exactly.selectors().get(i).expression();
            String error = cel.compileError(expression);
            if (error != null) {
                compileErrors.add("devices.requests[" + k + "].exactly.selectors[" + i + "].cel.expression: Invalid "
                        + "value: " + quote(expression) + ": CEL compilation failed: " + error);
            }
        }
        if (!compileErrors.isEmpty()) {
            throw new WorkloadCompiler.Misconfigured(at + ".exactly.selectors: Invalid value: null: ResourceClaimTemplate "
                    + template + ": " + (compileErrors.size() == 1 ? compileErrors.get(0)
                    : "[" + String.join(", ", compileErrors) + "]"));
        }
        if (!exactly.adminAccess() && exactly.allocationMode() == AllocationMode.All && !options.allocationModeAll()) {
            throw allNotSupported(at, template);
        }
        return exactly;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static WorkloadCompiler.Misconfigured allNotSupported(String at, String template) {
        return new WorkloadCompiler.Misconfigured(at + ".exactly.allocationMode: Invalid value: \"All\": "
                + "ResourceClaimTemplate " + template + ": AllocationMode 'All' is not supported");
    }

    private void addCount(Map<String, Long> requests, DeviceRequestSpec exactly, String at, String template)
            throws WorkloadCompiler.Misconfigured {
        String resource = mappings.resourceOf(exactly.deviceClassName());
        try {
            requests.merge(resource, Math.multiplyExact(exactly.count(), 1000L), Math::addExact);
        } catch (ArithmeticException e) {
            throw new WorkloadCompiler.Misconfigured(at + ".exactly.count: Invalid value: " + exactly.count()
                    + ": ResourceClaimTemplate " + template + ": the devices of one pod add up to more than "
                    + Long.MAX_VALUE / 1000 + " " + resource);
        }
    }
}
