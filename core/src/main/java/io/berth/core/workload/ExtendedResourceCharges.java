package io.berth.core.workload;

import io.berth.api.Quantity;
import io.berth.api.core.PodResources;
import io.berth.api.core.PodTemplate;
import io.berth.api.resource.DeviceClass;
import io.berth.devices.quota.DeviceCatalog;
import java.util.List;
import java.util.Map;

/**
 * Kueue's extended resources backed by DRA: a pod's plain request of an extended resource (such
 * as example.com/gpu) that a DeviceClass serves (spec.extendedResourceName) is charged as the
 * resource that class maps to in deviceClassMappings, the same quota as its ResourceClaimTemplate
 * claims; an unmapped class leaves it charged as itself. Such requests must be whole numbers, and a
 * class charged by counters or capacity cannot serve them.
 */
final class ExtendedResourceCharges {
    private final DeviceCatalog catalog;
    private final ClassMappings mappings;

    ExtendedResourceCharges(DeviceCatalog catalog, ClassMappings mappings) {
        this.catalog = catalog;
        this.mappings = mappings;
    }

    /** Whether the workload's charge depends on DeviceClasses: some pod requests an extended resource. */
    static boolean requestsAny(PodTemplate template) {
        return template.requests().keySet().stream().anyMatch(ExtendedResourceCharges::isExtendedResourceName);
    }

    /** Replaces, in one pod's requests (milli-units) of pod set podSet, those a DeviceClass serves. */
    void apply(Map<String, Long> requests, int podSet, PodTemplate template) throws WorkloadCompiler.Misconfigured {
        for (String name : List.copyOf(requests.keySet())) {
            long amount = requests.get(name);
            DeviceClass served = amount > 0 && isExtendedResourceName(name) ? catalog.classForExtendedResource(name) : null;
            if (served == null) {
                continue;
            }
            String deviceClass = served.metadata().name();
            String mapped = mappings.resourceOf(deviceClass);
            if (mapped != null && mappings.hasSources(deviceClass)) {
                String container = firstRequesting(name, podSet, template.resources());
                boolean counters = !mappings.counterSources(deviceClass).isEmpty();
                throw new WorkloadCompiler.Misconfigured(container + ": Invalid value: \"" + name + "\": extended resource "
                        + name + " resolves to DeviceClass " + deviceClass + (counters
                        ? " with counters configured; use ResourceClaimTemplates with CEL selectors for counter-based quota"
                        : " with capacity sources configured; use ResourceClaimTemplates with capacity.requests for "
                        + "capacity-based quota"));
            }
            checkWholeNumbers(name, podSet, template.resources());
            if (mapped == null) {
                continue;
            }
            requests.remove(name);
            requests.merge(mapped, amount, Long::sum);
        }
    }

    /** The path of the first container requesting the resource (init containers first), where Kueue reports it. */
    private static String firstRequesting(String name, int podSet, PodResources resources) {
        String spec = "spec.podSets[" + podSet + "].template.spec";
        if (resources != null) {
            for (String kind : List.of("initContainers", "containers")) {
                List<PodResources.Block> blocks = blocksOf(resources, kind);
                for (int j = 0; j < blocks.size(); j++) {
                    if (blocks.get(j).requests().getOrDefault(name, 0L) > 0) {
                        return spec + "." + kind + "[" + j + "]";
                    }
                }
            }
        }
        return spec;
    }

    /** Every container's request of the resource must be a whole number (two halves do not make one). */
    private static void checkWholeNumbers(String name, int podSet, PodResources resources)
            throws WorkloadCompiler.Misconfigured {
        if (resources == null) {
            return;
        }
        for (String kind : List.of("initContainers", "containers")) {
            List<PodResources.Block> blocks = blocksOf(resources, kind);
            for (int j = 0; j < blocks.size(); j++) {
                long milli = blocks.get(j).requests().getOrDefault(name, 0L);
                if (milli > 0 && milli % 1000 != 0) {
                    throw new WorkloadCompiler.Misconfigured("spec.podSets[" + podSet + "].template.spec." + kind + "["
                            + j + "].resources.requests[" + name + "]: Invalid value: \"" + Quantity.format(milli, name)
                            + "\": extended resource quantity must be an integer");
                }
            }
        }
    }

    private static List<PodResources.Block> blocksOf(PodResources resources, String kind) {
        return kind.equals("containers") ? resources.containers() : resources.initContainers();
    }

    /** Kubernetes' extended resources: domain-prefixed names outside kubernetes.io. */
    static boolean isExtendedResourceName(String name) {
        return name.contains("/") && !name.startsWith("kubernetes.io/");
    }
}
