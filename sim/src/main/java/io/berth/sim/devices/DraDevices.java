package io.berth.sim.devices;

import io.berth.api.core.ObjectMeta;
import io.berth.api.resource.AllocationResult;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceResult;
import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceClaim;
import io.berth.api.resource.ResourceSlice;
import io.berth.devices.allocator.AllocationOutcome;
import io.berth.devices.allocator.Allocator;
import io.berth.devices.allocator.DeviceInventory;
import io.berth.devices.cel.DeviceSelectors;
import io.berth.sim.model.SimNode;
import io.berth.sim.place.DeviceAllocation;
import io.berth.sim.place.PodRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DRA placement of GPU pods: every GPU node carries its {@link GpuSlices slice}, every GPU pod a
 * {@link GpuClaims claim}, and Berth's structured allocator (Kubernetes' semantics) decides whether
 * the claim fits a node and which devices it gets. The state is per node and incremental: the
 * claims allocated there, added on bind and removed on release; an allocation sees only its node's
 * slice and claims, so its cost does not grow with the cluster. Claims are named {@code pod-<n>} in
 * namespace {@value #NAMESPACE}, n counting allocations from 0, so runs are reproducible.
 */
public final class DraDevices implements DeviceAllocation {
    public static final String NAMESPACE = "sim";

    /** Shared by every run, so each selector text is compiled once per process (and warmed up early). */
    private static final DeviceSelectors SELECTORS = new DeviceSelectors();

    private final Allocator allocator = new Allocator(SELECTORS, Allocator.DEFAULT_BUDGET);
    private final GpuClaims claims = new GpuClaims();
    private final List<DeviceClass> classes = List.of(GpuSlices.deviceClass());
    private final Node[] nodes;
    private final ResourceSlice[] slices;
    /** Per node the same list of its one slice every time, so the allocator reuses what it gathered there. */
    private final List<List<ResourceSlice>> sliceLists = new ArrayList<>();
    /** Per node, its allocated claims by name, and the inventory they make (null until next asked). */
    private final Map<String, ResourceClaim>[] allocated;
    private final DeviceInventory[] inventory;
    private long nextClaim;
    private long attempts;
    private long refusals;
    private long errors;
    private String firstError;

    @SuppressWarnings("unchecked")
    public DraDevices(List<SimNode> simNodes) {
        int n = simNodes.size();
        nodes = new Node[n];
        slices = new ResourceSlice[n];
        allocated = new Map[n];
        inventory = new DeviceInventory[n];
        for (int i = 0; i < n; i++) {
            SimNode s = simNodes.get(i);
            nodes[i] = new Node(new ObjectMeta(s.name(), null, s.labels(), Map.of(), null, null));
            slices[i] = GpuSlices.slice(s);
            sliceLists.add(slices[i] == null ? List.of() : List.of(slices[i]));
            allocated[i] = new LinkedHashMap<>();
        }
    }

    /**
     * Loads and compiles CEL (about a second on a cold JVM) on a daemon thread, by allocating a
     * share on a throwaway node, so that it overlaps reading the inputs; results do not depend on it.
     */
    public static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            DraDevices d = new DraDevices(List.of(new SimNode("warm-up", Map.of(), List.of(), 1, 1, 1, "warm-up")));
            d.allocate(0, new PodRequest(0, 0, 500, Map.of(), List.of(), List.of("warm-up")));
        }, "berth-cel-warm-up");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public Grant allocate(int node, PodRequest pod) {
        if (slices[node] == null) {
            return null;
        }
        attempts++;
        ResourceClaim claim = new ResourceClaim(new ObjectMeta("pod-" + nextClaim, NAMESPACE, Map.of(), Map.of(), null, null),
                claims.spec(pod), null);
        AllocationOutcome outcome = allocator.allocate(inventory(node), nodes[node], List.of(claim));
        if (!outcome.allocated()) {
            refusals++;
            if (outcome.status() == AllocationOutcome.Status.ERROR) {
                errors++;
                if (firstError == null) {
                    firstError = nodes[node].metadata().name() + ": " + outcome.message();
                }
            }
            return null;
        }
        nextClaim++;
        AllocationResult result = outcome.allocations().get(0);
        List<DeviceResult> results = result.devices();
        int[] gpus = new int[results.size()];
        for (int k = 0; k < gpus.length; k++) {
            DeviceResult r = results.get(k);
            gpus[k] = GpuSlices.gpuIndex(r.device());
            checkConsumed(r, pod);
        }
        allocated[node].put(claim.metadata().name(), new ResourceClaim(claim.metadata(), claim.spec(), result));
        inventory[node] = null;
        return new Grant(claim.metadata().name(), gpus);
    }

    /** The allocator consumes what the counts expect: the share, or a whole GPU per device. */
    private static void checkConsumed(DeviceResult r, PodRequest pod) {
        BigDecimal consumed = r.consumedCapacity().get(GpuSlices.MILLI);
        long expected = pod.gpuMilli() < 1000 ? pod.gpuMilli() : 1000;
        if (consumed == null || consumed.compareTo(BigDecimal.valueOf(expected)) != 0) {
            throw new IllegalStateException("device " + r.deviceId() + " consumed " + consumed + " milli, expected "
                    + expected);
        }
    }

    @Override
    public int[] release(int node, String claim) {
        ResourceClaim c = allocated[node].remove(claim);
        if (c == null) {
            return null;
        }
        inventory[node] = null;
        List<DeviceResult> results = c.allocation().devices();
        int[] gpus = new int[results.size()];
        for (int k = 0; k < gpus.length; k++) {
            gpus[k] = GpuSlices.gpuIndex(results.get(k).device());
        }
        return gpus;
    }

    private DeviceInventory inventory(int node) {
        DeviceInventory inv = inventory[node];
        if (inv == null) {
            inv = new DeviceInventory(classes, sliceLists.get(node), List.copyOf(allocated[node].values()));
            inventory[node] = inv;
        }
        return inv;
    }

    /** The claims allocated on a node, by name (for checks and reports). */
    public Map<String, ResourceClaim> allocatedOn(int node) {
        return new TreeMap<>(allocated[node]);
    }

    /** The node's slice (null without GPUs). */
    public ResourceSlice slice(int node) {
        return slices[node];
    }

    /** Allocator runs so far. */
    public long attempts() {
        return attempts;
    }

    /** Allocator runs that did not allocate (unschedulable or error). */
    public long refusals() {
        return refusals;
    }

    /** Allocator runs that ended in an error (a selector that failed, a search over budget). */
    public long errors() {
        return errors;
    }

    /** The first error, naming the node, or null. */
    public String firstError() {
        return firstError;
    }
}
