package io.berth.api.kueue;

import java.util.List;

/** A flavor of a resource group with the quota of each covered resource. */
public record FlavorQuotas(String name, List<ResourceQuota> resources) {
    public FlavorQuotas {
        resources = List.copyOf(resources);
    }
}
