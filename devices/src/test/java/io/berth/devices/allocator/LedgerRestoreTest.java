package io.berth.devices.allocator;

import static io.berth.devices.allocator.Fixture.GPU_CLASS;
import static io.berth.devices.allocator.Fixture.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.core.ObjectMeta;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.DeviceConstraint;
import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceClaim;
import io.berth.devices.cel.DeviceSelectors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every rejection and every backtrack gives back counters, capacity and constraint state exactly. */
class LedgerRestoreTest {
    private static final String PARTITIONS = """
            apiVersion: resource.k8s.io/v1
            kind: ResourceSlice
            metadata: {name: s}
            spec:
              driver: gpu.example.com
              nodeName: node-1
              pool: {name: node-1, generation: 1, resourceSliceCount: 1}
              sharedCounters: [{name: mem, counters: {memory: {value: 40Gi}}}]
              devices:
              - {name: whole, attributes: {numa: {int: 0}}, consumesCounters: [{counterSet: mem, counters: {memory: {value: 40Gi}}}]}
              - {name: half-a, attributes: {numa: {int: 1}}, consumesCounters: [{counterSet: mem, counters: {memory: {value: 20Gi}}}]}
              - {name: half-b, attributes: {numa: {int: 0}}, consumesCounters: [{counterSet: mem, counters: {memory: {value: 20Gi}}}]}
              - name: shared
                allowMultipleAllocations: true
                attributes: {numa: {int: 1}}
                capacity: {memory: {value: 10Gi, requestPolicy: {default: 1Gi, validRange: {min: 1Gi, step: 1Gi}}}}
            """;

    @Test
    void aFailedSearchLeavesCountersAndCapacityAsItFoundThem() throws Exception {
        Fixture f = Fixture.of(GPU_CLASS, PARTITIONS, claim("c", """
                requests:
                - {name: a, exactly: {deviceClassName: gpu, count: 2}}
                - {name: b, exactly: {deviceClassName: gpu, capacity: {requests: {memory: 4Gi}}}}
                - {name: d, exactly: {deviceClassName: gpu, count: 2, selectors: [{cel: {expression: 'device.attributes["gpu.example.com"].numa == 0'}}]}}
                constraints: [{requests: [a, b], matchAttribute: gpu.example.com/numa}]"""));
        List<ResourceClaim> claims = f.pending();
        List<Pool> pools = PoolGatherer.gather(f.inventory().slices(), new Node(ObjectMeta.named("node-1")));
        AllocatedState allocated = AllocatedState.of(List.of());
        CounterLedger counters = new CounterLedger(pools, allocated);
        CapacityLedger capacity = new CapacityLedger(allocated);
        Map<String, BigDecimal> before = counters.snapshot();
        List<String> names = List.of("default/c");
        Selection selection = new Selection(new DeviceSelectors(), names, 4);
        Map<String, DeviceClass> classes = Map.of("gpu", f.inventory().classes().get(0));
        List<List<List<Slot>>> slots = new RequestPlanner(classes, pools, selection, capacity).plan(claims, names);
        List<Constraint> constraints = new ArrayList<>();
        for (DeviceConstraint d : claims.get(0).spec().constraints()) {
            constraints.add(Constraint.of(d));
        }
        Search search = new Search(pools, slots, List.of(constraints), selection, allocated, counters, capacity,
                100_000, names);

        assertThat(search.run()).isEqualTo(Search.Step.NONE);
        assertThat(search.steps).as("it searched").isGreaterThan(10);
        assertThat(counters.snapshot()).isEqualTo(before);
        assertThat(capacity.taking("gpu.example.com/node-1/shared")).isEmpty();
        assertThat(search.results().get(0)).isEmpty();
        Candidate half = pools.get(0).devices.get(1);
        assertThat(constraints.get(0).add(half)).as("the constraint is empty again").isTrue();
    }

    @Test
    void takingCountersThatAreNotThereChangesNothing() {
        Fixture f = Fixture.of(GPU_CLASS, PARTITIONS);
        List<Pool> pools = PoolGatherer.gather(f.inventory().slices(), new Node(ObjectMeta.named("node-1")));
        CounterLedger counters = new CounterLedger(pools, AllocatedState.of(List.of()));
        Candidate whole = pools.get(0).devices.get(0);
        Candidate halfA = pools.get(0).devices.get(1);
        assertThat(counters.take(halfA)).isTrue();
        Map<String, BigDecimal> afterHalf = counters.snapshot();
        assertThat(counters.take(whole)).isFalse();
        assertThat(counters.snapshot()).isEqualTo(afterHalf);
        counters.release(halfA);
        assertThat(counters.take(whole)).isTrue();
    }
}
