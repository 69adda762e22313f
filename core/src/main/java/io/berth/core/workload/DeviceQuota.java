package io.berth.core.workload;

import io.berth.api.config.DeviceClassMapping;
import io.berth.api.core.PodResourceClaim;
import io.berth.api.kueue.PodSet;
import io.berth.api.resource.AllocationMode;
import io.berth.api.resource.DeviceRequest;
import io.berth.api.resource.DeviceRequestSpec;
import io.berth.api.resource.ResourceClaimTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kueue's device quota: devices that a pod claims through ResourceClaimTemplates count, one per
 * device, as the quota resource their DeviceClass maps to in {@code resources.deviceClassMappings}.
 * Without mappings, claims are not charged (Kueue without its DRA integration). Errors carry
 * Kueue's field paths and wording.
 */
public final class DeviceQuota {
    private final Map<String, String> resourceOfClass = new HashMap<>();
    private final Map<String, ResourceClaimTemplate> templates = new HashMap<>();

    public DeviceQuota(List<DeviceClassMapping> mappings) {
        for (DeviceClassMapping m : mappings) {
            m.deviceClassNames().forEach(c -> resourceOfClass.put(c, m.name()));
        }
    }

    /** Adds or replaces a template; workloads compiled later see it. */
    public void put(ResourceClaimTemplate template) {
        templates.put(template.metadata().key(), template);
    }

    /** The per-pod requests of the pod set (index i of the workload in namespace) with its devices added. */
    Map<String, Long> requests(String namespace, int i, PodSet ps) throws WorkloadCompiler.Misconfigured {
        Map<String, Long> requests = new TreeMap<>(ps.template().requests());
        if (resourceOfClass.isEmpty()) {
            return requests;
        }
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
            for (int k = 0; k < deviceRequests.size(); k++) {
                addDevices(requests, deviceRequests.get(k), path, k, templateName, ps.name());
            }
        }
        return requests;
    }

    private void addDevices(Map<String, Long> requests, DeviceRequest request, String path, int k, String template,
                            String podSet) throws WorkloadCompiler.Misconfigured {
        String at = path + ".devices.requests[" + k + "]";
        DeviceRequestSpec exactly = request.exactly();
        if (exactly == null) {
            throw new WorkloadCompiler.Misconfigured(at + ": Invalid value: null: ResourceClaimTemplate " + template
                    + ": FirstAvailable device selection is not supported");
        }
        if (exactly.adminAccess() || exactly.deviceClassName() == null || exactly.deviceClassName().isEmpty()) {
            return; // admin access is charged nothing, as in Kueue
        }
        if (exactly.allocationMode() == AllocationMode.All) {
            throw new WorkloadCompiler.Misconfigured(at + ".exactly.allocationMode: Invalid value: \"All\": "
                    + "ResourceClaimTemplate " + template + ": AllocationMode 'All' is not supported");
        }
        String resource = resourceOfClass.get(exactly.deviceClassName());
        if (resource == null) {
            throw new WorkloadCompiler.Misconfigured(path + ".resourceClaimTemplateName: Not found: \"DeviceClass "
                    + exactly.deviceClassName() + " is not mapped in DRA configuration for podset " + podSet + "\"");
        }
        try {
            requests.merge(resource, Math.multiplyExact(exactly.count(), 1000L), Math::addExact);
        } catch (ArithmeticException e) {
            throw new WorkloadCompiler.Misconfigured(at + ".exactly.count: Invalid value: " + exactly.count()
                    + ": ResourceClaimTemplate " + template + ": the devices of one pod add up to more than "
                    + Long.MAX_VALUE / 1000 + " " + resource);
        }
    }
}
