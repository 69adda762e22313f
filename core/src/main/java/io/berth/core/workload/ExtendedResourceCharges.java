package io.berth.core.workload;

import io.berth.api.Quantity;
import io.berth.api.core.PodResources;
import io.berth.api.core.PodTemplate;
import io.berth.api.resource.DeviceClass;
import io.berth.devices.quota.DeviceCatalog;
import java.util.ArrayList;
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
        return template.requests().keySet().stream().anyMatch(DeviceClass::isExtendedResourceName);
    }

    /** Replaces, in one pod's requests (milli-units) of pod set podSet, those a DeviceClass serves. */
    void apply(Map<String, Long> requests, int podSet, PodTemplate template) throws WorkloadCompiler.Misconfigured {
        for (String name : List.copyOf(requests.keySet())) {
            long amount = requests.get(name);
            DeviceClass served = amount > 0 && DeviceClass.isExtendedResourceName(name)
                    ? catalog.classForExtendedResource(name) : null;
            if (served == null) {
                continue;
            }
            String deviceClass = served.metadata().name();
            String mapped = mappings.resourceOf(deviceClass);
            List<ContainerRequest> containers = requesting(name, podSet, template.resources());
            if (mapped != null && mappings.hasSources(deviceClass)) {
                // Kueue reports it at the first container requesting the resource.
                String at = containers.isEmpty() ? "spec.podSets[" + podSet + "].template.spec" : containers.get(0).path();
                boolean counters = !mappings.counterSources(deviceClass).isEmpty();
                throw new WorkloadCompiler.Misconfigured(at + ": Invalid value: \"" + name + "\": extended resource "
                        + name + " resolves to DeviceClass " + deviceClass + (counters
                        ? " with counters configured; use ResourceClaimTemplates with CEL selectors for counter-based quota"
                        : " with capacity sources configured; use ResourceClaimTemplates with capacity.requests for "
                        + "capacity-based quota"));
            }
            // Each container's request must be a whole number: two halves do not make one.
            for (ContainerRequest c : containers) {
                if (c.milli() % 1000 != 0) {
                    throw new WorkloadCompiler.Misconfigured(c.path() + ".resources.requests[" + name + "]: Invalid value: \""
                            + Quantity.format(c.milli(), name) + "\": extended resource quantity must be an integer");
                }
            }
            if (mapped == null) {
                continue;
            }
            requests.remove(name);
            requests.merge(mapped, amount, Long::sum);
        }
    }

    /** A container's positive request of a resource, with the container's path. */
    private record ContainerRequest(String path, long milli) {
    }

    /** The containers requesting the resource, init containers first, as Kueue reads them. */
    private static List<ContainerRequest> requesting(String name, int podSet, PodResources resources) {
        List<ContainerRequest> out = new ArrayList<>();
        if (resources != null) {
            String spec = "spec.podSets[" + podSet + "].template.spec";
            addRequesting(out, spec + ".initContainers", resources.initContainers(), name);
            addRequesting(out, spec + ".containers", resources.containers(), name);
        }
        return out;
    }

    private static void addRequesting(List<ContainerRequest> out, String path, List<PodResources.Block> blocks,
                                      String name) {
        for (int j = 0; j < blocks.size(); j++) {
            long milli = blocks.get(j).requests().getOrDefault(name, 0L);
            if (milli > 0) {
                out.add(new ContainerRequest(path + "[" + j + "]", milli));
            }
        }
    }
}
