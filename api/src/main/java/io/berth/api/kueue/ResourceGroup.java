package io.berth.api.kueue;

import java.util.List;

/** Resources that are assigned flavors together, and the flavors to try in order. */
public record ResourceGroup(List<String> coveredResources, List<FlavorQuotas> flavors) {
    public ResourceGroup {
        coveredResources = List.copyOf(coveredResources);
        flavors = List.copyOf(flavors);
    }
}
