package io.berth.operator.kube;

import io.berth.api.config.Configuration;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The kinds the operator reads for device quota: with device class mappings ResourceClaimTemplates,
 * DeviceClasses and ResourceSlices (requests with CEL selectors need matching devices, sources count
 * from them), and Nodes when All requests are charged (berth.deviceQuota.allocationModeAll).
 */
public final class DraApi {
    public static final ResourceDefinitionContext RESOURCE_CLAIM_TEMPLATE = context("ResourceClaimTemplate",
            "resourceclaimtemplates", true);
    public static final ResourceDefinitionContext DEVICE_CLASS = context("DeviceClass", "deviceclasses", false);
    public static final ResourceDefinitionContext RESOURCE_SLICE = context("ResourceSlice", "resourceslices", false);
    public static final ResourceDefinitionContext NODE = new ResourceDefinitionContext.Builder().withGroup("")
            .withVersion("v1").withKind("Node").withPlural("nodes").withNamespaced(false).build();
    public static final List<ResourceDefinitionContext> ALL = List.of(RESOURCE_CLAIM_TEMPLATE, DEVICE_CLASS,
            RESOURCE_SLICE, NODE);

    private DraApi() {
    }

    /** The kinds the configuration needs watched, templates first. */
    public static List<ResourceDefinitionContext> needed(Configuration config) {
        List<ResourceDefinitionContext> out = new ArrayList<>();
        if (!config.deviceClassMappings().isEmpty()) {
            out.add(RESOURCE_CLAIM_TEMPLATE);
        }
        if (!out.isEmpty()) {
            out.add(DEVICE_CLASS);
            out.add(RESOURCE_SLICE);
        }
        if (!out.isEmpty() && config.berth().deviceQuota().allocationModeAll()) {
            out.add(NODE);
        }
        return out;
    }

    private static ResourceDefinitionContext context(String kind, String plural, boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup("resource.k8s.io").withVersion("v1").withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }
}
