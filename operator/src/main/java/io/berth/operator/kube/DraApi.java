package io.berth.operator.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The resource.k8s.io kinds the operator reads: templates whose devices count as quota. */
public final class DraApi {
    public static final ResourceDefinitionContext RESOURCE_CLAIM_TEMPLATE = new ResourceDefinitionContext.Builder()
            .withGroup("resource.k8s.io").withVersion("v1").withKind("ResourceClaimTemplate")
            .withPlural("resourceclaimtemplates").withNamespaced(true).build();

    private DraApi() {
    }
}
