package io.berth.bench;

import io.berth.api.core.ObjectMeta;
import io.berth.api.resource.DeviceConstraint;
import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceClaim;
import io.berth.devices.allocator.AllocationOutcome;
import io.berth.devices.allocator.Allocator;
import io.berth.devices.allocator.DeviceInventory;
import io.berth.devices.cel.DeviceSelectors;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The DRA allocator on one node (selectors compiled once, as in a running scheduler; each invocation
 * evaluates them afresh):
 * <ul>
 *   <li>{@link #exact32of1000}: 32 H100s out of 1,000 GPUs (500 H100s), a class and a request selector;</li>
 *   <li>{@link #matched32of1000}: the same with matchAttribute on the NUMA node (8 NUMA nodes);</li>
 *   <li>{@link #moreThanExist}: the shape of kubernetes#131730, 4 requests of 8 GPUs on one NUMA node where
 *       only 24 GPUs exist: unschedulable, proved before searching;</li>
 *   <li>{@link #constrainedInfeasible}: 6 GPUs on one NUMA node with distinct slots where each NUMA node has
 *       only 4 slots: counting cannot prove it, the search does, within the budget.</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar AllocatorBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AllocatorBenchmark {
    private static final String H100 = "device.attributes[\"gpu.example.com\"].model == \"h100\"";
    private static final String MEMORY = "device.capacity[\"gpu.example.com\"].memory.compareTo(quantity(\"40Gi\")) >= 0";
    private static final DeviceConstraint SAME_NUMA = new DeviceConstraint(List.of(), "gpu.example.com/numa", null);

    private final Node node = new Node(ObjectMeta.named("node-1"));
    private Allocator allocator;
    private DeviceInventory thousand;
    private DeviceInventory few;
    private DeviceInventory slotted;
    private List<ResourceClaim> exact;
    private List<ResourceClaim> matched;
    private List<ResourceClaim> tooMany;
    private List<ResourceClaim> distinctSlots;

    @Setup
    public void setUp() {
        allocator = new Allocator(new DeviceSelectors(), Allocator.DEFAULT_BUDGET);
        thousand = DeviceShapes.gpus(1000, 8, 1000);
        few = DeviceShapes.gpus(24, 3, 8);
        slotted = DeviceShapes.gpus(32, 4, 4);
        exact = List.of(DeviceShapes.claim(List.of(DeviceShapes.request("gpus", 32, H100, MEMORY)), List.of()));
        matched = List.of(DeviceShapes.claim(List.of(DeviceShapes.request("gpus", 32, H100)), List.of(SAME_NUMA)));
        tooMany = List.of(DeviceShapes.claim(List.of(DeviceShapes.request("a", 8), DeviceShapes.request("b", 8),
                DeviceShapes.request("c", 8), DeviceShapes.request("d", 8)), List.of(SAME_NUMA)));
        distinctSlots = List.of(DeviceShapes.claim(List.of(DeviceShapes.request("gpus", 6)), List.of(SAME_NUMA,
                new DeviceConstraint(List.of(), null, "gpu.example.com/slot"))));
        expect(exact32of1000(), AllocationOutcome.Status.ALLOCATED);
        expect(matched32of1000(), AllocationOutcome.Status.ALLOCATED);
        expect(moreThanExist(), AllocationOutcome.Status.UNSCHEDULABLE);
        expect(constrainedInfeasible(), AllocationOutcome.Status.UNSCHEDULABLE);
    }

    private static void expect(AllocationOutcome o, AllocationOutcome.Status status) {
        if (o.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + o.status() + ": " + o.message());
        }
    }

    @Benchmark
    public AllocationOutcome exact32of1000() {
        return allocator.allocate(thousand, node, exact);
    }

    @Benchmark
    public AllocationOutcome matched32of1000() {
        return allocator.allocate(thousand, node, matched);
    }

    @Benchmark
    public AllocationOutcome moreThanExist() {
        return allocator.allocate(few, node, tooMany);
    }

    @Benchmark
    public AllocationOutcome constrainedInfeasible() {
        return allocator.allocate(slotted, node, distinctSlots);
    }
}
