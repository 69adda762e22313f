package io.berth.core;

import static io.berth.core.Kueue.T0;
import static io.berth.core.Kueue.cq;
import static io.berth.core.Kueue.flavor;
import static io.berth.core.Kueue.flavorQuotas;
import static io.berth.core.Kueue.group;
import static io.berth.core.Kueue.localQueue;
import static io.berth.core.Kueue.podSet;
import static io.berth.core.Kueue.quota;
import static io.berth.core.Kueue.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.KubeObject;
import io.berth.api.config.BerthExtensions;
import io.berth.api.config.Configuration;
import io.berth.api.core.PodTemplate;
import io.berth.api.kueue.ResourceQuota;
import io.berth.core.cycle.CycleResult;
import io.berth.core.cycle.PendingStatus;
import io.berth.core.quota.QuotaNode;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine counts cpu in milli-units and other resources in whole units, as Kueue: memory of
 * whole clusters fits a long, half a device counts as one, and amounts past the range of Kueue's
 * quantities count as Kueue's Unlimited.
 */
class CountingUnitsEngineTest {
    private static final long MI = 1L << 20;
    private static final long TI = 1L << 40;
    private static final long PI = 1L << 50;

    /** A quota given in milli-units, as objects carry it. */
    private static ResourceQuota millis(String resource, long nominal, Long lendingLimit) {
        return new ResourceQuota(resource, nominal, null, lendingLimit);
    }

    private static PodTemplate requests(Map<String, Long> millis) {
        return PodTemplate.ofRequests(millis);
    }

    private static List<String> admittedOverCycles(Engine e, int cycles) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            CycleResult r = e.schedule(T0.plusSeconds(100 + i).toEpochMilli());
            r.admitted().stream().map(WorkloadInfo::key).forEach(keys::add);
        }
        return keys;
    }

    private static Engine engine(Configuration config, List<KubeObject> objects) {
        Engine e = new Engine(config);
        e.applyAll(objects);
        return e;
    }

    @Test
    void aCohortOfPebibyteQueuesKeepsItsQuota() {
        // Ten times 1Pi is more milli-units of memory than a long holds, but few bytes.
        List<KubeObject> objects = new ArrayList<>(List.of(flavor("default"), localQueue("ns", "q", "cq-0")));
        for (int i = 0; i < 10; i++) {
            objects.add(cq("cq-" + i).cohort("all").groups(group(List.of("cpu", "memory"),
                    flavorQuotas("default", quota("cpu", 10), millis("memory", PI * 1000, null)))).build());
        }
        objects.add(workload("ns", "borrows-cpu").created(1).podSets(podSet("main", 1,
                requests(Map.of("cpu", 20_000L, "memory", 1024 * MI * 1000)))).build());

        Engine e = engine(Configuration.DEFAULT, objects);

        assertThat(admittedOverCycles(e, 1)).containsExactly("ns/borrows-cpu");
        assertThat(e.quotaTree().cohort("all").subtreeQuota(e.flavorResources().id("default", "memory")))
                .isEqualTo(10 * PI);
    }

    @Test
    void sumsOfUnlimitedQuotaCannotWrapAround() {
        // Quota past the range of Kueue's quantities is unlimited; sums of it up the tree would
        // turn negative, so that nothing fits, were they not capped.
        List<KubeObject> objects = List.of(flavor("default"), localQueue("ns", "q", "lends"),
                cq("lends").cohort("all").groups(group(List.of("memory"),
                        flavorQuotas("default", millis("memory", ResourceQuota.UNLIMITED, PI * 1000)))).build(),
                cq("keeps").cohort("all").groups(group(List.of("memory"),
                        flavorQuotas("default", millis("memory", ResourceQuota.UNLIMITED, null)))).build(),
                workload("ns", "small").created(1).podSets(podSet("main", 1,
                        requests(Map.of("memory", 1024 * MI * 1000)))).build());

        Engine e = engine(Configuration.DEFAULT, objects);

        assertThat(admittedOverCycles(e, 1)).containsExactly("ns/small");
        int memory = e.flavorResources().id("default", "memory");
        assertThat(e.quotaTree().clusterQueue("keeps").nominal(memory)).isEqualTo(QuotaNode.UNLIMITED);
        assertThat(e.quotaTree().cohort("all").subtreeQuota(memory)).isEqualTo(QuotaNode.UNLIMITED);
        assertThat(e.quotaTree().clusterQueue("lends").potentialAvailable(memory)).isGreaterThan(QuotaNode.UNLIMITED);
    }

    @Test
    void aRequestPastTheRangeOfQuantitiesIsClampedAndFitsOnlyUnlimitedQuota() {
        // 1e20 devices saturate a long of milli-units; Kueue clamps such a request to 2^63-1, which
        // only an unlimited quota holds.
        assertThat(admittedOverCycles(clampedRequest(ResourceQuota.UNLIMITED, 1), 1)).containsExactly("ns/huge");
        Engine bounded = clampedRequest(ResourceQuota.BEYOND_MILLI_RANGE, 1);
        assertThat(admittedOverCycles(bounded, 1)).as("a bounded quota, beyond a long of milli-units").isEmpty();
        assertThat(bounded.pendingStatus("ns/huge").message()).contains("insufficient quota for example.com/gpu");
        // Kueue's webhook refuses an admission whose usage, 2^63-1, is no multiple of the count.
        Engine odd = clampedRequest(ResourceQuota.UNLIMITED, 2);
        assertThat(admittedOverCycles(odd, 3)).isEmpty();
        assertThat(odd.pendingStatus("ns/huge").message())
                .isEqualTo("Could not admit Workload and assign flavors in apiserver");
        assertThat(admittedOverCycles(clampedRequest(ResourceQuota.UNLIMITED, 7), 1)).as("7 divides 2^63-1")
                .containsExactly("ns/huge");
    }

    private static Engine clampedRequest(long quotaMillis, int count) {
        return engine(Configuration.DEFAULT, List.of(flavor("default"), localQueue("ns", "q", "cq"),
                cq("cq").groups(group(List.of("example.com/gpu"),
                        flavorQuotas("default", millis("example.com/gpu", quotaMillis, null)))).build(),
                workload("ns", "huge").created(1).podSets(podSet("main", count,
                        requests(Map.of("example.com/gpu", Long.MAX_VALUE)))).build()));
    }

    @Test
    void aPodSetOfPetabytesIsCountedInBytes() {
        // 5000 pods of 1Ti: 5000Ti, which milli-units would put past a quarter of a long.
        long quota = 5_000 * TI;
        for (long nominal : new long[] {quota, quota - 1}) {
            Engine e = engine(Configuration.DEFAULT, List.of(flavor("default"), localQueue("ns", "q", "cq"),
                    cq("cq").groups(group(List.of("memory"),
                            flavorQuotas("default", millis("memory", nominal * 1000, null)))).build(),
                    workload("ns", "big").created(1).podSets(podSet("main", 5_000,
                            requests(Map.of("memory", TI * 1000)))).build()));

            List<String> admitted = admittedOverCycles(e, 1);

            if (nominal == quota) {
                assertThat(admitted).as("a quota of exactly 5000Ti").containsExactly("ns/big");
                assertThat(e.workload("ns/big").admission().usage().amountOf(e.flavorResources()
                        .id("default", "memory"))).isEqualTo(quota);
            } else {
                assertThat(admitted).as("a byte less").isEmpty();
                assertThat(e.pendingStatus("ns/big").reason()).isNotEqualTo(PendingStatus.MISCONFIGURED);
                assertThat(e.pendingStatus("ns/big").message()).contains("insufficient quota for memory")
                        .contains("current podset request (5000Ti)");
            }
        }
    }

    @Test
    void halfADeviceCountsAsAWholeOneUnlessItsResourceCountsMilliUnits() {
        List<KubeObject> objects = List.of(flavor("default"), localQueue("ns", "q", "cq"),
                cq("cq").groups(group(List.of("example.com/gpu"), flavorQuotas("default", quota("example.com/gpu", 1))))
                        .build(),
                workload("ns", "a").created(1).podSets(podSet("main", 1, requests(Map.of("example.com/gpu", 500L))))
                        .build(),
                workload("ns", "b").created(2).podSets(podSet("main", 1, requests(Map.of("example.com/gpu", 500L))))
                        .build());

        assertThat(admittedOverCycles(engine(Configuration.DEFAULT, objects), 3)).containsExactly("ns/a");

        Configuration shared = new Configuration(null, null, null,
                new BerthExtensions(1, null, List.of("example.com/gpu")));
        Engine e = engine(shared, objects);
        assertThat(admittedOverCycles(e, 3)).containsExactly("ns/a", "ns/b");
        assertThat(e.quotaTree().clusterQueue("cq").usage(e.flavorResources().id("default", "example.com/gpu")))
                .isEqualTo(1_000);
    }
}
