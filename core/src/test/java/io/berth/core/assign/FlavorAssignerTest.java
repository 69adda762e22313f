package io.berth.core.assign;

import static io.berth.core.Kueue.cpuGroup;
import static io.berth.core.Kueue.cq;
import static io.berth.core.Kueue.flavor;
import static io.berth.core.Kueue.flavorMap;
import static io.berth.core.Kueue.flavorQuotas;
import static io.berth.core.Kueue.group;
import static io.berth.core.Kueue.pod;
import static io.berth.core.Kueue.podSet;
import static io.berth.core.Kueue.quota;
import static io.berth.core.Kueue.req;
import static io.berth.core.Kueue.term;
import static io.berth.core.Kueue.units;
import static io.berth.core.Kueue.withAffinity;
import static io.berth.core.Kueue.withNodeSelector;
import static io.berth.core.Kueue.withTolerations;
import static io.berth.core.Kueue.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.core.PodTemplate;
import io.berth.api.core.Taint;
import io.berth.api.core.Toleration;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.FungibilityPolicy;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.Workload;
import io.berth.core.preempt.NoPreemption;
import io.berth.core.quota.FlavorResources;
import io.berth.core.quota.QuotaTree;
import io.berth.core.workload.Usage;
import io.berth.core.workload.WorkloadCompiler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flavor assignment of Kueue's FlavorAssigner (pkg/scheduler/flavorassigner/flavorassigner.go),
 * with a preemption oracle that never finds candidates. Amounts are whole units.
 */
class FlavorAssignerTest {

    // ------------------------------------------------------------------ fixtures

    /** Flavors, ClusterQueues (cohorts implicit), and usage already held; assigns workloads of namespace ns. */
    static final class Fixture {
        final FlavorResources frs = new FlavorResources();
        final QuotaTree tree;
        final FlavorAssigner assigner;
        final WorkloadCompiler compiler = new WorkloadCompiler(frs, Map.of(), Map.of(), new io.berth.core.workload.DeviceQuota(java.util.List.of()));

        Fixture(List<ResourceFlavor> flavors, ClusterQueue... cqs) {
            Map<String, ResourceFlavor> byName = flavorMap(flavors.toArray(ResourceFlavor[]::new));
            tree = new QuotaTree(frs, List.of(cqs), List.of(), byName.keySet());
            assigner = new FlavorAssigner(frs, byName, new NoPreemption(), false);
        }

        /** Usage already held by a ClusterQueue (e.g. admitted workloads). */
        Fixture using(String cq, String flavor, String resource, long amount) {
            tree.clusterQueue(cq).addUsage(frs.id(flavor, resource), units(amount));
            return this;
        }

        Assignment assign(String cq, Workload w) {
            try {
                return assigner.assign(compiler.compile(w), tree.clusterQueue(cq), null);
            } catch (WorkloadCompiler.Misconfigured e) {
                throw new AssertionError(e);
            }
        }

        /** Pod set → resource → chosen flavor (resources without a flavor left out). */
        Map<String, Map<String, String>> flavors(Assignment a) {
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            for (PodSetResult ps : a.podSets()) {
                Map<String, String> m = new TreeMap<>();
                for (int i = 0; i < ps.resources().length; i++) {
                    if (ps.flavors()[i] != null) {
                        m.put(frs.resources().name(ps.resources()[i]), ps.flavors()[i]);
                    }
                }
                out.put(ps.name(), m);
            }
            return out;
        }

        /** "flavor/resource" → whole units. */
        Map<String, Long> usage(Assignment a) {
            Usage u = a.usage();
            Map<String, Long> m = new TreeMap<>();
            for (int i = 0; i < u.size(); i++) {
                String resource = frs.resourceName(u.fr(i));
                m.put(frs.flavorName(u.fr(i)) + "/" + resource, (long) frs.units().inStandardUnits(resource, u.amount(i)));
            }
            return m;
        }
    }

    private static ClusterQueue cpuQueue(String name, String cohort, Object... flavorAndNominal) {
        var flavors = new io.berth.api.kueue.FlavorQuotas[flavorAndNominal.length / 2];
        for (int i = 0; i < flavors.length; i++) {
            flavors[i] = flavorQuotas((String) flavorAndNominal[2 * i],
                    quota("cpu", ((Number) flavorAndNominal[2 * i + 1]).longValue()));
        }
        return cq(name).cohort(cohort).groups(cpuGroup(flavors)).build();
    }

    private static Workload wl(PodTemplate template) {
        return workload("ns", "w").podSets(podSet("main", 1, template)).build();
    }

    private static Workload wl(int count, Object... requests) {
        return workload("ns", "w").pods(count, requests).build();
    }

    private static Map<String, Map<String, String>> main(Object... resourceAndFlavor) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < resourceAndFlavor.length; i += 2) {
            m.put((String) resourceAndFlavor[i], (String) resourceAndFlavor[i + 1]);
        }
        return Map.of("main", m);
    }

    // flavors with node labels and taints

    static final ResourceFlavor X86 = flavor("x86", Map.of("arch", "amd64"));
    static final ResourceFlavor ARM = flavor("arm", Map.of("arch", "arm64"));
    static final Taint SPOT_TAINT = new Taint("spot", "true", "NoSchedule");
    static final ResourceFlavor SPOT = flavor("spot", Map.of(), List.of(SPOT_TAINT), List.of());
    static final ResourceFlavor ON_DEMAND = flavor("on-demand");

    /** ClusterQueue "cq": x86 then arm, 10 cpu each. */
    static Fixture archQueue() {
        return new Fixture(List.of(X86, ARM), cpuQueue("cq", null, "x86", 10, "arm", 10));
    }

    /** ClusterQueue "cq": spot (tainted) then on-demand, 10 cpu each. */
    static Fixture spotQueue(ResourceFlavor spot) {
        return new Fixture(List.of(spot, ON_DEMAND), cpuQueue("cq", null, "spot", 10, "on-demand", 10));
    }

    /**
     * Cohort c: "team" with on-demand 2 then spot 10, "lender" with on-demand 10.
     * team may use on-demand 2 + 10 borrowed = 12, spot 10 of its own.
     */
    static Fixture borrowQueue(FungibilityPolicy whenCanBorrow) {
        ClusterQueue team = cq("team").cohort("c").whenCanBorrow(whenCanBorrow)
                .groups(cpuGroup(flavorQuotas("on-demand", quota("cpu", 2)), flavorQuotas("spot", quota("cpu", 10))))
                .build();
        return new Fixture(List.of(flavor("on-demand"), flavor("spot")), team,
                cpuQueue("lender", "c", "on-demand", 10));
    }

    // ------------------------------------------------------------------ assignments that work

    static Stream<Arguments> assigns() {
        return Stream.of(
                Arguments.of("flavors are tried in order: 1 cpu fits in the first",
                        new Fixture(List.of(flavor("first"), flavor("second")),
                                cpuQueue("cq", null, "first", 2, "second", 10)),
                        "cq", wl(1, "cpu", 1), main("cpu", "first"), 0),
                Arguments.of("a flavor too small is passed over: 5 > first's 2, so second",
                        new Fixture(List.of(flavor("first"), flavor("second")),
                                cpuQueue("cq", null, "first", 2, "second", 10)),
                        "cq", wl(1, "cpu", 5), main("cpu", "second"), 0),
                Arguments.of("a flavor whose quota is used up is passed over: first has 2 - 2 left",
                        new Fixture(List.of(flavor("first"), flavor("second")),
                                cpuQueue("cq", null, "first", 2, "second", 10)).using("cq", "first", "cpu", 2),
                        "cq", wl(1, "cpu", 1), main("cpu", "second"), 0),
                Arguments.of("two resource groups: cpu+memory from one, gpu from the other (a100 has 0 gpu)",
                        new Fixture(List.of(flavor("x86"), flavor("a100"), flavor("h100")),
                                cq("cq").groups(
                                        group(List.of("cpu", "memory"),
                                                flavorQuotas("x86", quota("cpu", 10), quota("memory", 10))),
                                        group(List.of("nvidia.com/gpu"),
                                                flavorQuotas("a100", quota("nvidia.com/gpu", 0)),
                                                flavorQuotas("h100", quota("nvidia.com/gpu", 4)))).build()),
                        "cq", wl(1, "cpu", 2, "memory", 4, "nvidia.com/gpu", 2),
                        main("cpu", "x86", "memory", "x86", "nvidia.com/gpu", "h100"), 0),
                Arguments.of("whenCanBorrow MayStopSearch: on-demand fits by borrowing (2 + 10 ≥ 4), the search stops",
                        borrowQueue(FungibilityPolicy.MayStopSearch),
                        "team", wl(1, "cpu", 4), main("cpu", "on-demand"), 1),
                Arguments.of("whenCanBorrow TryNextFlavor: spot fits 4 without borrowing, preferred",
                        borrowQueue(FungibilityPolicy.TryNextFlavor),
                        "team", wl(1, "cpu", 4), main("cpu", "spot"), 0),
                Arguments.of("whenCanBorrow TryNextFlavor: 11 > spot's 10, so borrowing on-demand (12) is the best",
                        borrowQueue(FungibilityPolicy.TryNextFlavor),
                        "team", wl(1, "cpu", 11), main("cpu", "on-demand"), 1),
                Arguments.of("nodeSelector arch=arm64 skips x86",
                        archQueue(), "cq", wl(withNodeSelector(pod("cpu", 1), Map.of("arch", "arm64"))),
                        main("cpu", "arm"), 0),
                Arguments.of("nodeSelector keys a flavor does not set are ignored: disk=ssd matches x86",
                        archQueue(), "cq", wl(withNodeSelector(pod("cpu", 1), Map.of("disk", "ssd"))),
                        main("cpu", "x86"), 0),
                Arguments.of("nodeSelector arch=arm64 and disk=ssd: only arch is compared",
                        archQueue(), "cq",
                        wl(withNodeSelector(pod("cpu", 1), Map.of("arch", "arm64", "disk", "ssd"))),
                        main("cpu", "arm"), 0),
                Arguments.of("required affinity arch In [arm64]",
                        archQueue(), "cq", wl(withAffinity(pod("cpu", 1), term(req("arch", "In", "arm64")))),
                        main("cpu", "arm"), 0),
                Arguments.of("required affinity arch NotIn [amd64]",
                        archQueue(), "cq", wl(withAffinity(pod("cpu", 1), term(req("arch", "NotIn", "amd64")))),
                        main("cpu", "arm"), 0),
                Arguments.of("affinity expressions on keys the flavor does not set are dropped: arch In [amd64] + disk",
                        archQueue(), "cq",
                        wl(withAffinity(pod("cpu", 1), term(req("arch", "In", "amd64"), req("disk", "In", "ssd")))),
                        main("cpu", "x86"), 0),
                Arguments.of("terms are ORed, and a term left empty after dropping unknown keys matches any flavor",
                        archQueue(), "cq",
                        wl(withAffinity(pod("cpu", 1), term(req("arch", "In", "arm64")), term(req("disk", "In", "ssd")))),
                        main("cpu", "x86"), 0),
                Arguments.of("an untolerated NoSchedule taint skips spot",
                        spotQueue(SPOT), "cq", wl(pod("cpu", 1)), main("cpu", "on-demand"), 0),
                Arguments.of("the pod tolerates spot=true:NoSchedule (Equal)",
                        spotQueue(SPOT), "cq",
                        wl(withTolerations(pod("cpu", 1), new Toleration("spot", "Equal", "true", "NoSchedule"))),
                        main("cpu", "spot"), 0),
                Arguments.of("the pod tolerates key spot with Exists and any effect",
                        spotQueue(SPOT), "cq",
                        wl(withTolerations(pod("cpu", 1), new Toleration("spot", "Exists", null, null))),
                        main("cpu", "spot"), 0),
                Arguments.of("a toleration for another value does not help",
                        spotQueue(SPOT), "cq",
                        wl(withTolerations(pod("cpu", 1), new Toleration("spot", "Equal", "false", "NoSchedule"))),
                        main("cpu", "on-demand"), 0),
                Arguments.of("the flavor's own tolerations count as the pod's",
                        spotQueue(flavor("spot", Map.of(), List.of(SPOT_TAINT),
                                List.of(new Toleration("spot", "Exists", null, "NoSchedule")))),
                        "cq", wl(pod("cpu", 1)), main("cpu", "spot"), 0),
                Arguments.of("PreferNoSchedule taints do not block a flavor",
                        spotQueue(flavor("spot", Map.of(), List.of(new Taint("spot", "true", "PreferNoSchedule")),
                                List.of())),
                        "cq", wl(pod("cpu", 1)), main("cpu", "spot"), 0),
                Arguments.of("a flavor without a ResourceFlavor object is passed over",
                        new Fixture(List.of(flavor("default")), cpuQueue("cq", null, "ghost", 10, "default", 10)),
                        "cq", wl(1, "cpu", 1), main("cpu", "default"), 0),
                Arguments.of("when the ClusterQueue covers pods, the pod count is assigned a flavor too",
                        new Fixture(List.of(flavor("default")), cq("cq").groups(group(List.of("cpu", "pods"),
                                flavorQuotas("default", quota("cpu", 10), quota("pods", 3)))).build()),
                        "cq", wl(3, "cpu", 1), main("cpu", "default", "pods", "default"), 0),
                Arguments.of("a zero request of a resource the ClusterQueue does not cover is ignored",
                        new Fixture(List.of(flavor("default")), cpuQueue("cq", null, "default", 10)),
                        "cq", wl(1, "cpu", 1, "memory", 0), main("cpu", "default"), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void assigns(String description, Fixture f, String cq, Workload w, Map<String, Map<String, String>> flavors,
                 int borrowing) {
        Assignment a = f.assign(cq, w);
        assertThat(f.flavors(a)).isEqualTo(flavors);
        assertThat(a.mode()).isEqualTo(Mode.FIT);
        assertThat(a.message()).as("message").isEmpty();
        assertThat(a.noFitReason()).isNull();
        assertThat(a.borrowing()).as("borrowing height").isEqualTo(borrowing);
    }

    // ------------------------------------------------------------------ usage of what was assigned

    static Stream<Arguments> usage() {
        return Stream.of(
                Arguments.of("requests times count, per flavor: 3 pods x 2 cpu",
                        new Fixture(List.of(flavor("default")), cpuQueue("cq", null, "default", 10)),
                        wl(3, "cpu", 2), Map.of("default/cpu", 6L)),
                Arguments.of("pods counted when covered: 3 pods",
                        new Fixture(List.of(flavor("default")), cq("cq").groups(group(List.of("cpu", "pods"),
                                flavorQuotas("default", quota("cpu", 10), quota("pods", 3)))).build()),
                        wl(3, "cpu", 1), Map.of("default/cpu", 3L, "default/pods", 3L)),
                Arguments.of("two pod sets of 6 cpu: together 12 > small's 10, so the second goes to big",
                        new Fixture(List.of(flavor("small"), flavor("big")),
                                cpuQueue("cq", null, "small", 10, "big", 100)),
                        workload("ns", "w").podSets(podSet("driver", 1, pod("cpu", 6)),
                                podSet("workers", 1, pod("cpu", 6))).build(),
                        Map.of("small/cpu", 6L, "big/cpu", 6L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void usage(String description, Fixture f, Workload w, Map<String, Long> usage) {
        Assignment a = f.assign("cq", w);
        assertThat(a.mode()).isEqualTo(Mode.FIT);
        assertThat(f.usage(a)).isEqualTo(usage);
    }

    // ------------------------------------------------------------------ assignments that do not work

    static Stream<Arguments> doesNotFit() {
        return Stream.of(
                Arguments.of("no flavor matches the nodeSelector",
                        archQueue(), "cq", wl(withNodeSelector(pod("cpu", 1), Map.of("arch", "s390x"))), Mode.NO_FIT,
                        "couldn't assign flavors to pod set main: flavor arm doesn't match node affinity, "
                                + "flavor x86 doesn't match node affinity",
                        "NoMatchingFlavor"),
                Arguments.of("the only flavor is tainted",
                        new Fixture(List.of(SPOT), cpuQueue("cq", null, "spot", 10)), "cq", wl(pod("cpu", 1)), Mode.NO_FIT,
                        "couldn't assign flavors to pod set main: untolerated taint spot=true:NoSchedule in flavor spot",
                        "NoMatchingFlavor"),
                Arguments.of("the only flavor has no ResourceFlavor object",
                        new Fixture(List.of(), cpuQueue("cq", null, "ghost", 10)), "cq", wl(1, "cpu", 1), Mode.NO_FIT,
                        "couldn't assign flavors to pod set main: flavor ghost not found",
                        "NoMatchingFlavor"),
                Arguments.of("a requested resource no resource group covers",
                        new Fixture(List.of(flavor("default")), cpuQueue("cq", null, "default", 10)),
                        "cq", wl(1, "cpu", 1, "memory", 1), Mode.NO_FIT,
                        "couldn't assign flavors to pod set main: resource memory unavailable in ClusterQueue",
                        "NoMatchingFlavor"),
                Arguments.of("more than the queue could ever get: 11 > 10",
                        new Fixture(List.of(flavor("default")), cpuQueue("cq", null, "default", 10)),
                        "cq", wl(1, "cpu", 11), Mode.NO_FIT,
                        "couldn't assign flavors to pod set main: insufficient quota for cpu in flavor default, "
                                + "previously considered podsets requests (0) + current podset request (11) "
                                + "> maximum capacity (10)",
                        "ExceedsMaxQuota"),
                Arguments.of("more pods than the pods quota: 4 > 3",
                        new Fixture(List.of(flavor("default")), cq("cq").groups(group(List.of("cpu", "pods"),
                                flavorQuotas("default", quota("cpu", 10), quota("pods", 3)))).build()),
                        "cq", wl(4, "cpu", 1), Mode.NO_FIT,
                        "couldn't assign flavors to pod set main: insufficient quota for pods in flavor default, "
                                + "previously considered podsets requests (0) + current podset request (4) "
                                + "> maximum capacity (3)",
                        "ExceedsMaxQuota"),
                Arguments.of("the second pod set counts what the first took: 6 + 6 > 10",
                        new Fixture(List.of(flavor("small")), cpuQueue("cq", null, "small", 10)),
                        "cq", workload("ns", "w").podSets(podSet("driver", 1, pod("cpu", 6)),
                                podSet("workers", 1, pod("cpu", 6))).build(), Mode.NO_FIT,
                        "couldn't assign flavors to pod set workers: insufficient quota for cpu in flavor small, "
                                + "previously considered podsets requests (6) + current podset request (6) "
                                + "> maximum capacity (10)",
                        "ExceedsMaxQuota"),
                Arguments.of("alternatives in one group: the least severe reason wins (ExceedsMaxQuota over NoMatchingFlavor)",
                        archQueue(), "cq", wl(withNodeSelector(pod("cpu", 11), Map.of("arch", "amd64"))), Mode.NO_FIT,
                        "couldn't assign flavors to pod set main: flavor arm doesn't match node affinity, "
                                + "insufficient quota for cpu in flavor x86, previously considered podsets requests (0) "
                                + "+ current podset request (11) > maximum capacity (10)",
                        "ExceedsMaxQuota"),
                Arguments.of("borrowing what the lender uses, and nothing to preempt: wait for quota",
                        new Fixture(List.of(flavor("default")), cpuQueue("borrower", "c", "default", 0),
                                cpuQueue("lender", "c", "default", 10)).using("lender", "default", "cpu", 10),
                        "borrower", wl(1, "cpu", 1), Mode.NO_FIT,
                        "couldn't assign flavors to pod set main: insufficient unused quota for cpu in flavor default, "
                                + "1 more needed",
                        "WaitingForQuota"),
                Arguments.of("within nominal but used: preemption would be needed (none possible with this oracle)",
                        new Fixture(List.of(flavor("default")), cpuQueue("cq", null, "default", 10))
                                .using("cq", "default", "cpu", 5),
                        "cq", wl(1, "cpu", 6), Mode.PREEMPT,
                        "couldn't assign flavors to pod set main: insufficient unused quota for cpu in flavor default, "
                                + "1 more needed",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void doesNotFit(String description, Fixture f, String cq, Workload w, Mode mode, String message,
                    String noFitReason) {
        Assignment a = f.assign(cq, w);
        assertThat(a.mode()).isEqualTo(mode);
        assertThat(a.message()).isEqualTo(message);
        assertThat(a.noFitReason()).as("noFitReason").isEqualTo(noFitReason);
    }

    /** Earlier pod sets' requests count against a flavor when later pod sets are assigned. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("spill")
    void secondPodSetFallsToTheNextFlavor(String description, Fixture f, Workload w,
                                          Map<String, Map<String, String>> flavors) {
        Assignment a = f.assign("cq", w);
        assertThat(a.mode()).isEqualTo(Mode.FIT);
        assertThat(f.flavors(a)).isEqualTo(flavors);
    }

    static Stream<Arguments> spill() {
        Fixture smallThenBig = new Fixture(List.of(flavor("small"), flavor("big")),
                cpuQueue("cq", null, "small", 10, "big", 100));
        return Stream.of(
                Arguments.of("driver 6 + workers 6 > small's 10: workers go to big",
                        smallThenBig,
                        workload("ns", "w").podSets(podSet("driver", 1, pod("cpu", 6)),
                                podSet("workers", 1, pod("cpu", 6))).build(),
                        Map.of("driver", Map.of("cpu", "small"), "workers", Map.of("cpu", "big"))),
                Arguments.of("driver 4 + workers 2 x 3 = 10 fit small together",
                        new Fixture(List.of(flavor("small"), flavor("big")),
                                cpuQueue("cq", null, "small", 10, "big", 100)),
                        workload("ns", "w").podSets(podSet("driver", 1, pod("cpu", 4)),
                                podSet("workers", 2, pod("cpu", 3))).build(),
                        Map.of("driver", Map.of("cpu", "small"), "workers", Map.of("cpu", "small"))));
    }
}
