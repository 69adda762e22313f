package io.berth.bench;

import io.berth.api.core.ObjectMeta;
import io.berth.api.resource.DeviceConstraint;
import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceClaim;
import io.berth.devices.allocator.AllocationOutcome;
import io.berth.devices.allocator.Allocator;
import io.berth.devices.allocator.DeviceInventory;
import io.berth.devices.cel.DeviceSelectors;
import java.util.Arrays;
import java.util.List;

/**
 * Median and 90th percentile of single allocations on the {@link AllocatorBenchmark} shapes, for a
 * quick look on a busy machine: {@code java -cp bench/target/benchmarks.jar io.berth.bench.AllocatorTimes [runs]}.
 */
public final class AllocatorTimes {
    private AllocatorTimes() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Allocator allocator = new Allocator(new DeviceSelectors(), Allocator.DEFAULT_BUDGET);
        Node node = new Node(ObjectMeta.named("node-1"));
        String h100 = "device.attributes[\"gpu.example.com\"].model == \"h100\"";
        String memory = "device.capacity[\"gpu.example.com\"].memory.compareTo(quantity(\"40Gi\")) >= 0";
        DeviceConstraint sameNuma = new DeviceConstraint(List.of(), "gpu.example.com/numa", null);
        DeviceInventory thousand = DeviceShapes.gpus(1000, 8, 1000);
        time("exact32of1000", runs, allocator, thousand, node,
                List.of(DeviceShapes.claim(List.of(DeviceShapes.request("gpus", 32, h100, memory)), List.of())));
        time("matched32of1000", runs, allocator, thousand, node,
                List.of(DeviceShapes.claim(List.of(DeviceShapes.request("gpus", 32, h100)), List.of(sameNuma))));
        time("moreThanExist", runs, allocator, DeviceShapes.gpus(24, 3, 8), node,
                List.of(DeviceShapes.claim(List.of(DeviceShapes.request("a", 8), DeviceShapes.request("b", 8),
                        DeviceShapes.request("c", 8), DeviceShapes.request("d", 8)), List.of(sameNuma))));
        time("constrainedInfeasible", runs, allocator, DeviceShapes.gpus(32, 4, 4), node,
                List.of(DeviceShapes.claim(List.of(DeviceShapes.request("gpus", 6)), List.of(sameNuma,
                        new DeviceConstraint(List.of(), null, "gpu.example.com/slot")))));
    }

    private static void time(String name, int runs, Allocator allocator, DeviceInventory inv, Node node,
                             List<ResourceClaim> claims) {
        AllocationOutcome o = null;
        for (int i = 0; i < runs; i++) {
            o = allocator.allocate(inv, node, claims);
        }
        long[] ns = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            o = allocator.allocate(inv, node, claims);
            ns[i] = System.nanoTime() - t;
        }
        Arrays.sort(ns);
        System.out.printf("%-22s %-13s steps %6d   median %8.3f ms   p90 %8.3f ms%n", name, o.status(), o.steps(),
                ns[runs / 2] / 1e6, ns[runs * 9 / 10] / 1e6);
    }
}
