package io.berth.devices.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.core.ObjectMeta;
import io.berth.api.core.Toleration;
import io.berth.api.resource.AllocationMode;
import io.berth.api.resource.AllocationResult;
import io.berth.api.resource.CapacityRequestPolicy;
import io.berth.api.resource.CelSelector;
import io.berth.api.resource.CounterConsumption;
import io.berth.api.resource.CounterSet;
import io.berth.api.resource.Device;
import io.berth.api.resource.DeviceAttribute;
import io.berth.api.resource.DeviceCapacity;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceConstraint;
import io.berth.api.resource.DeviceRequest;
import io.berth.api.resource.DeviceRequestSpec;
import io.berth.api.resource.DeviceResult;
import io.berth.api.resource.DeviceTaint;
import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceClaim;
import io.berth.api.resource.ResourceClaimSpec;
import io.berth.api.resource.ResourceSlice;
import io.berth.devices.cel.DeviceSelectors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random inputs (fixed seeds): every allocation is checked against the claims (selectors true, counts
 * right, constraints hold, no device over-allocated, counters and capacity never exceeded), and the
 * pruned allocator must give exactly the outcome of the plain search.
 */
class RandomizedAllocationTest {
    private static final String GPU = "gpu.example.com";
    private static final BigDecimal GI = new BigDecimal(1L << 30);
    private static final List<String> SELECTORS = List.of("true", "device.attributes[\"gpu.example.com\"].model == \"a\"",
            "device.attributes[\"gpu.example.com\"].numa >= 1", "device.capacity[\"gpu.example.com\"].memory.compareTo(quantity(\"16Gi\")) >= 0",
            "device.attributes[\"gpu.example.com\"].model != \"c\"");
    private static final DeviceSelectors CEL = new DeviceSelectors();
    private static final Node NODE = new Node(ObjectMeta.named("node-1"));

    private int allocated;
    private int unschedulable;
    private int tooComplexWithoutPruning;

    @Test
    void randomAllocationsSatisfyTheirClaimsAndMatchThePlainSearch() {
        for (long seed = 1; seed <= 400; seed++) {
            runCase(seed);
        }
        assertThat(allocated).as("allocated cases").isGreaterThan(100);
        assertThat(unschedulable).as("unschedulable cases").isGreaterThan(20);
        assertThat(tooComplexWithoutPruning).as("cases too complex for the plain search").isLessThan(40);
    }

    private void runCase(long seed) {
        Random rnd = new Random(seed);
        List<ResourceSlice> slices = slices(rnd);
        List<DeviceClass> classes = List.of(
                new DeviceClass(ObjectMeta.named("gpu"), List.of(new CelSelector("device.driver == \"" + GPU + "\"")), List.of()),
                new DeviceClass(ObjectMeta.named("any"), List.of(), List.of()));
        List<ResourceClaim> existing = existing(rnd, slices);
        List<ResourceClaim> claims = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            claims.add(claim(rnd, "c" + i));
        }
        DeviceInventory inv = new DeviceInventory(classes, slices, existing);
        AllocationOutcome pruned = new Allocator(CEL, 20_000, true).allocate(inv, NODE, claims);
        AllocationOutcome plain = new Allocator(CEL, 20_000, false).allocate(inv, NODE, claims);
        if (plain.status() == AllocationOutcome.Status.ERROR && plain.message().startsWith("allocation too complex")) {
            tooComplexWithoutPruning++;
            if (pruned.status() == AllocationOutcome.Status.ERROR) {
                assertThat(pruned.message()).as("seed %d", seed).startsWith("allocation too complex");
                assertThat(pruned.steps()).as("seed %d: bounded by the budget", seed).isEqualTo(20_000);
            }
            if (pruned.allocated()) {
                allocated++;
                check(seed, inv, claims, pruned.allocations());
            }
            return;
        }
        assertThat(pruned.status()).as("seed %d: %s / %s", seed, pruned.message(), plain.message()).isEqualTo(plain.status());
        assertThat(pruned.allocations()).as("seed %d", seed).isEqualTo(plain.allocations());
        if (pruned.allocated()) {
            allocated++;
            check(seed, inv, claims, pruned.allocations());
        } else if (pruned.status() == AllocationOutcome.Status.UNSCHEDULABLE) {
            unschedulable++;
        }
    }

    private static List<ResourceSlice> slices(Random rnd) {
        List<ResourceSlice> out = new ArrayList<>();
        int pools = 1 + rnd.nextInt(3);
        for (int p = 0; p < pools; p++) {
            boolean partitioned = rnd.nextInt(3) == 0;
            boolean separateCounters = partitioned && rnd.nextBoolean();
            int sliceCount = 1 + rnd.nextInt(2);
            List<CounterSet> sets = partitioned
                    ? List.of(new CounterSet("mem", Map.of("memory", GI.multiply(BigDecimal.valueOf(40))))) : List.of();
            int total = sliceCount + (separateCounters ? 1 : 0);
            if (separateCounters) {
                out.add(slice("p" + p + "-counters", "pool-" + p, total, List.of(), sets));
            }
            for (int s = 0; s < sliceCount; s++) {
                List<Device> devices = new ArrayList<>();
                int nd = 1 + rnd.nextInt(5);
                for (int d = 0; d < nd; d++) {
                    devices.add(device(rnd, "d" + s + "-" + d, partitioned));
                }
                out.add(slice("p" + p + "-s" + s, "pool-" + p, total, devices,
                        partitioned && !separateCounters && s == 0 ? sets : List.of()));
            }
        }
        return out;
    }

    private static ResourceSlice slice(String name, String pool, int count, List<Device> devices, List<CounterSet> sets) {
        return new ResourceSlice(ObjectMeta.named(name), GPU, pool, 1, count, "node-1", null, false, false, devices, sets);
    }

    private static Device device(Random rnd, String name, boolean partitioned) {
        Map<String, DeviceAttribute> attrs = new HashMap<>();
        attrs.put("model", DeviceAttribute.ofString(List.of("a", "b", "c").get(rnd.nextInt(3))));
        attrs.put("numa", DeviceAttribute.ofInt(rnd.nextInt(3)));
        boolean multi = !partitioned && rnd.nextInt(5) == 0;
        BigDecimal memory = GI.multiply(BigDecimal.valueOf(List.of(8, 16, 40).get(rnd.nextInt(3))));
        CapacityRequestPolicy policy = multi ? new CapacityRequestPolicy(GI, List.of(), GI, null, GI) : null;
        Map<String, DeviceCapacity> capacity = Map.of("memory", new DeviceCapacity(memory, policy));
        List<CounterConsumption> consumes = partitioned
                ? List.of(new CounterConsumption("mem", Map.of("memory", GI.multiply(BigDecimal.valueOf(10 + 10 * rnd.nextInt(3))))))
                : List.of();
        List<DeviceTaint> taints = rnd.nextInt(8) == 0 ? List.of(new DeviceTaint("t", "", "NoSchedule")) : List.of();
        return new Device(name, attrs, capacity, consumes, null, null, false, multi, taints);
    }

    private static List<ResourceClaim> existing(Random rnd, List<ResourceSlice> slices) {
        List<DeviceResult> results = new ArrayList<>();
        for (ResourceSlice s : slices) {
            for (Device d : s.devices()) {
                if (!d.allowMultipleAllocations() && d.consumesCounters().isEmpty() && rnd.nextInt(6) == 0) {
                    results.add(DeviceResult.of("r", GPU, s.pool(), d.name()));
                }
            }
        }
        if (results.isEmpty()) {
            return List.of();
        }
        ObjectMeta meta = new ObjectMeta("held", "default", Map.of(), Map.of(), null, null);
        return List.of(new ResourceClaim(meta, new ResourceClaimSpec(List.of(), List.of(), List.of()),
                new AllocationResult(results, List.of(), null)));
    }

    private static ResourceClaim claim(Random rnd, String name) {
        List<DeviceRequest> requests = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            String rn = "r" + i;
            if (rnd.nextInt(4) == 0) {
                requests.add(new DeviceRequest(rn, null, List.of(spec(rnd, "x", false), spec(rnd, "y", false))));
            } else {
                requests.add(DeviceRequest.exactly(spec(rnd, rn, true)));
            }
        }
        List<DeviceConstraint> constraints = new ArrayList<>();
        if (rnd.nextInt(3) == 0) {
            List<String> covered = rnd.nextBoolean() ? List.of() : List.of("r0");
            constraints.add(rnd.nextBoolean() ? new DeviceConstraint(covered, GPU + "/numa", null)
                    : new DeviceConstraint(covered, null, GPU + "/numa"));
        }
        ObjectMeta meta = new ObjectMeta(name, "default", Map.of(), Map.of(), null, null);
        return new ResourceClaim(meta, new ResourceClaimSpec(requests, constraints, List.of()), null);
    }

    private static DeviceRequestSpec spec(Random rnd, String name, boolean exact) {
        AllocationMode mode = rnd.nextInt(12) == 0 ? AllocationMode.All : AllocationMode.ExactCount;
        List<CelSelector> selectors = rnd.nextBoolean() ? List.of(new CelSelector(SELECTORS.get(rnd.nextInt(SELECTORS.size()))))
                : List.of();
        List<Toleration> tolerations = rnd.nextInt(4) == 0 ? List.of(new Toleration("t", "Exists", null, null)) : List.of();
        Map<String, BigDecimal> capacity = rnd.nextInt(4) == 0
                ? Map.of("memory", GI.multiply(BigDecimal.valueOf(1 + rnd.nextInt(12)))) : Map.of();
        return new DeviceRequestSpec(name, rnd.nextInt(4) == 0 ? "any" : "gpu", selectors, mode, 1 + rnd.nextInt(3),
                exact && rnd.nextInt(10) == 0, tolerations, capacity);
    }

    /** Checks every allocation against its claim and the devices' limits. */
    private static void check(long seed, DeviceInventory inv, List<ResourceClaim> claims, List<AllocationResult> results) {
        Map<String, Device> devices = new HashMap<>();
        Map<String, ResourceSlice> sliceOf = new HashMap<>();
        for (ResourceSlice s : inv.slices()) {
            for (Device d : s.devices()) {
                devices.put(GPU + "/" + s.pool() + "/" + d.name(), d);
                sliceOf.put(GPU + "/" + s.pool() + "/" + d.name(), s);
            }
        }
        Set<String> exclusive = new HashSet<>();
        Set<String> holding = new HashSet<>();
        Map<String, BigDecimal> shared = new HashMap<>();
        inv.allocatedClaims().forEach(c -> c.allocation().devices().forEach(r -> {
            exclusive.add(r.deviceId());
            holding.add(r.deviceId());
        }));
        for (int ci = 0; ci < claims.size(); ci++) {
            ResourceClaim claim = claims.get(ci);
            List<DeviceResult> got = results.get(ci).devices();
            assertThat(got.size()).as("seed %d: at most 32 results", seed).isLessThanOrEqualTo(32);
            for (DeviceRequest r : claim.spec().requests()) {
                List<DeviceResult> mine = got.stream().filter(d -> d.request().equals(r.name())
                        || d.request().startsWith(r.name() + "/")).toList();
                Set<String> names = new HashSet<>();
                mine.forEach(d -> names.add(d.request()));
                assertThat(names).as("seed %d: one alternative per request", seed).hasSize(1);
                String chosen = names.iterator().next();
                DeviceRequestSpec spec = r.exactly() != null ? r.exactly()
                        : r.firstAvailable().stream().filter(s -> chosen.equals(r.name() + "/" + s.name())).findFirst().orElseThrow();
                if (spec.allocationMode() == AllocationMode.ExactCount) {
                    assertThat(mine).as("seed %d: count of %s", seed, chosen).hasSize((int) spec.count());
                } else {
                    assertThat(mine).as("seed %d: All gets at least one device", seed).isNotEmpty();
                }
                for (DeviceResult d : mine) {
                    Device dev = devices.get(d.deviceId());
                    assertThat(dev).as("seed %d: device exists", seed).isNotNull();
                    assertThat(selected(spec, dev, inv)).as("seed %d: selectors of %s on %s", seed, chosen, d.device()).isTrue();
                    for (DeviceTaint t : dev.taints()) {
                        assertThat(spec.tolerations().stream().anyMatch(x -> x.tolerates(t.asTaint())))
                                .as("seed %d: taint tolerated", seed).isTrue();
                    }
                    if (spec.adminAccess()) {
                        continue;
                    }
                    if (dev.allowMultipleAllocations()) {
                        d.consumedCapacity().forEach((k, v) -> shared.merge(d.deviceId() + "/" + k, v, BigDecimal::add));
                    } else {
                        assertThat(exclusive.add(d.deviceId())).as("seed %d: %s allocated once", seed, d.deviceId()).isTrue();
                    }
                    holding.add(d.deviceId());
                }
            }
            for (DeviceConstraint k : claim.spec().constraints()) {
                List<Object> values = new ArrayList<>();
                for (DeviceResult d : got) {
                    String base = d.request().split("/")[0];
                    if (k.requests().isEmpty() || k.requests().contains(base) || k.requests().contains(d.request())) {
                        DeviceAttribute a = devices.get(d.deviceId()).attributes().get("numa");
                        assertThat(a).isNotNull();
                        values.add(a.value());
                    }
                }
                if (k.matchAttribute() != null) {
                    assertThat(new HashSet<>(values)).as("seed %d: matchAttribute", seed).hasSizeLessThanOrEqualTo(1);
                } else {
                    assertThat(new HashSet<>(values)).as("seed %d: distinctAttribute", seed).hasSize(values.size());
                }
            }
        }
        shared.forEach((key, used) -> {
            String id = key.substring(0, key.lastIndexOf('/'));
            BigDecimal cap = devices.get(id).capacity().get("memory").value();
            assertThat(used).as("seed %d: capacity of %s", seed, id).isLessThanOrEqualTo(cap);
        });
        Map<String, BigDecimal> counters = new HashMap<>();
        for (String id : holding) {
            for (CounterConsumption c : devices.get(id).consumesCounters()) {
                counters.merge(sliceOf.get(id).pool(), c.counters().get("memory"), BigDecimal::add);
            }
        }
        counters.forEach((pool, used) -> assertThat(used).as("seed %d: counters of %s", seed, pool)
                .isLessThanOrEqualTo(GI.multiply(BigDecimal.valueOf(40))));
    }

    private static boolean selected(DeviceRequestSpec spec, Device dev, DeviceInventory inv) {
        Map<String, Object> attrs = new HashMap<>();
        dev.attributes().forEach((k, v) -> attrs.put(k, v.value()));
        Map<String, io.berth.devices.cel.QuantityValue> caps = new HashMap<>();
        dev.capacity().forEach((k, v) -> caps.put(k, new io.berth.devices.cel.QuantityValue(v.value())));
        var input = new io.berth.devices.cel.DeviceInput(GPU, attrs, caps, dev.allowMultipleAllocations());
        List<CelSelector> all = new ArrayList<>(spec.selectors());
        inv.classes().stream().filter(c -> c.metadata().name().equals(spec.deviceClassName())).forEach(c -> all.addAll(c.selectors()));
        try {
            for (CelSelector s : all) {
                if (!CEL.compile(s.expression()).matches(input)) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
