package io.berth.core.workload;

import io.berth.api.CountingUnits;
import io.berth.api.Quantity;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.resource.DeviceRequestSpec;
import io.berth.devices.quota.AllDeviceCounts;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code allocationMode: All} requests of a pod set (berth.deviceQuota.allocationModeAll): each
 * charges, per pod, the devices that match it on the nodes of the flavor tried ({@link AllDeviceCounts},
 * cached). A flavor whose nodes have none of them cannot serve the pod set.
 */
final class AllModeCharges implements FlavorDependentRequests {
    /** One All request: the quota resource (id and name) it charges. */
    record AllRequest(int resource, String resourceName, DeviceRequestSpec request) {
    }

    private final List<AllRequest> requests;
    private final Function<String, ResourceFlavor> flavors;
    private final AllDeviceCounts counts;
    private final CountingUnits units;

    AllModeCharges(List<AllRequest> requests, Function<String, ResourceFlavor> flavors, AllDeviceCounts counts,
                   CountingUnits units) {
        this.requests = List.copyOf(requests);
        this.flavors = flavors;
        this.counts = counts;
        this.units = units;
    }

    @Override
    public boolean charges(int resource) {
        return requests.stream().anyMatch(r -> r.resource() == resource);
    }

    @Override
    public String mismatch(String flavor) {
        for (AllRequest r : requests) {
            AllDeviceCounts.Count c = counts.count(nodeLabels(flavor), r.request());
            if (c.error() != null) {
                return "flavor " + flavor + " cannot count the devices of request " + r.request().name() + ": "
                        + c.error();
            }
            if (c.devices() == 0) {
                return "flavor " + flavor + " has no devices of DeviceClass " + r.request().deviceClassName()
                        + " matching request " + r.request().name() + " on its nodes";
            }
        }
        return null;
    }

    @Override
    public long perPod(int resource, String flavor) {
        long sum = 0;
        for (AllRequest r : requests) {
            if (r.resource() == resource) {
                AllDeviceCounts.Count c = counts.count(nodeLabels(flavor), r.request());
                sum = Quantity.add(sum, units.ofUnits(r.resourceName(), c.devices()));
            }
        }
        return sum;
    }

    private Map<String, String> nodeLabels(String flavor) {
        ResourceFlavor f = flavors.apply(flavor);
        return f == null ? Map.of() : f.nodeLabels();
    }
}
