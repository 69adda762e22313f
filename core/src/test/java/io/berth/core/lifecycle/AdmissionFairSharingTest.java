package io.berth.core.lifecycle;

import static io.berth.core.lifecycle.Fixture.admissionFairSharing;
import static io.berth.core.lifecycle.Fixture.admitted;
import static io.berth.core.lifecycle.Fixture.at;
import static io.berth.core.lifecycle.Fixture.config;
import static io.berth.core.lifecycle.Fixture.cpu;
import static io.berth.core.lifecycle.Fixture.cq;
import static io.berth.core.lifecycle.Fixture.engine;
import static io.berth.core.lifecycle.Fixture.flavor;
import static io.berth.core.lifecycle.Fixture.group;
import static io.berth.core.lifecycle.Fixture.key;
import static io.berth.core.lifecycle.Fixture.lq;
import static io.berth.core.lifecycle.Fixture.wl;
import static io.berth.api.kueue.AdmissionMode.NoAdmissionFairSharing;
import static io.berth.api.kueue.AdmissionMode.UsageBasedAdmissionFairSharing;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.config.AdmissionFairSharingConfig;
import io.berth.api.config.Configuration;
import io.berth.api.kueue.AdmissionMode;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.StopPolicy;
import io.berth.core.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Admission fair sharing (Kueue's admissionScope UsageBasedAdmissionFairSharing): inside one
 * ClusterQueue, the LocalQueue with the lower weighted usage goes first. Usage starts from what the
 * LocalQueue's status persisted and decays toward what it has admitted now (each sample folds in
 * alpha = 1 - 0.5^(elapsed / halfLife) of it), plus an entry penalty of alpha(samplingInterval)
 * times each workload admitted, weighted per resource and divided by the LocalQueue's weight.
 * LocalQueues ns/qa and ns/qb feed ClusterQueue cq; one admission per cycle.
 */
class AdmissionFairSharingTest {
    private static final long MINUTE = 60_000;

    private static Configuration afs(long halfLifeMinutes, long samplingMinutes, Map<String, Double> weights) {
        return admissionFairSharing(new AdmissionFairSharingConfig(halfLifeMinutes * MINUTE, samplingMinutes * MINUTE,
                weights));
    }

    private static Engine twoLocalQueues(Configuration config, AdmissionMode mode, ResourceGroup quota, double qaWeight) {
        return twoLocalQueues(config, mode, quota, qaWeight, Map.of(), Map.of());
    }

    /** qaConsumed, qbConsumed: the usage each LocalQueue's status persisted. */
    private static Engine twoLocalQueues(Configuration config, AdmissionMode mode, ResourceGroup quota, double qaWeight,
                                         Map<String, Double> qaConsumed, Map<String, Double> qbConsumed) {
        return engine(config, List.of(flavor("default"),
                cq("cq").admissionMode(mode).groups(quota).build(),
                lq("qa", "cq", qaWeight, StopPolicy.None, qaConsumed), lq("qb", "cq", 1, StopPolicy.None, qbConsumed)));
    }

    private static List<String> admittedInCycles(Engine e, double... seconds) {
        List<String> order = new ArrayList<>();
        for (double t : seconds) {
            order.addAll(admitted(e.schedule(at(t))));
        }
        return order;
    }

    // ------------------------------------------------------------------ entry penalty

    /**
     * qa holds a1 (created 1 s) and a2 (2 s), qb holds b1; 3 cpus, three cycles within one
     * sampling interval (half-life 10 min, sampling every 5 min: penalty 1 - 0.5^0.5 = 0.29 per
     * cpu). Once qa got a1 in, its penalty lets qb's b1 go next even when b1 is younger; without
     * admission fair sharing, plain priority and FIFO order applies.
     */
    static Stream<Arguments> entryPenalty() {
        Configuration fair = afs(10, 5, Map.of());
        return Stream.of(
                //           configuration    mode                            b1 created  order
                Arguments.of(fair,            UsageBasedAdmissionFairSharing, 100,        List.of("a1", "b1", "a2")),
                Arguments.of(fair,            UsageBasedAdmissionFairSharing, 0,          List.of("b1", "a1", "a2")),
                Arguments.of(fair,            null,                           100,        List.of("a1", "a2", "b1")),
                Arguments.of(fair,            NoAdmissionFairSharing,         100,        List.of("a1", "a2", "b1")),
                Arguments.of(config(),        UsageBasedAdmissionFairSharing, 100,        List.of("a1", "a2", "b1")),
                Arguments.of(fair,            null,                           0,          List.of("b1", "a1", "a2")),
                // half-life 0: nothing is remembered, not even the penalty
                Arguments.of(afs(0, 5, Map.of()), UsageBasedAdmissionFairSharing, 100,    List.of("a1", "a2", "b1")));
    }

    @ParameterizedTest(name = "[{index}] mode {1}, b1 created {2}s -> {3}")
    @MethodSource
    void entryPenalty(Configuration config, AdmissionMode mode, int b1Created, List<String> order) {
        Engine e = twoLocalQueues(config, mode, cpu(3), 1);
        e.apply(wl("a1").queue("qa").created(1).build());
        e.apply(wl("a2").queue("qa").created(2).build());
        e.apply(wl("b1").queue("qb").created(b1Created).build());

        assertThat(admittedInCycles(e, 0, 1, 2)).containsExactlyElementsOf(order.stream().map(Fixture::key).toList());
    }

    // ------------------------------------------------------------------ decayed usage

    /**
     * qa's status persisted 8 cpus of consumption, qb's 1; qb runs b-run (1 cpu), qa nothing. At x
     * minutes a-next (qa, older) and b-next (qb) compete for the next admission. With a 10-minute
     * half-life qa's consumption decays to 8 * 0.5^(x/10) while qb's stays 1 (b-run still runs):
     * 0.5 min (no new sample yet): 8 > 1; 10 min: 4 > 1; 20 min: 2 > 1; 60 min: 0.125 < 1.
     */
    static Stream<Arguments> decayedUsage() {
        return Stream.of(
                Arguments.of(UsageBasedAdmissionFairSharing, 0.5, "b-next"),
                Arguments.of(UsageBasedAdmissionFairSharing, 10.0, "b-next"),
                Arguments.of(UsageBasedAdmissionFairSharing, 20.0, "b-next"),
                Arguments.of(UsageBasedAdmissionFairSharing, 60.0, "a-next"),
                Arguments.of(null, 10.0, "a-next"));
    }

    @ParameterizedTest(name = "mode {0}, {1} min after a-old finished -> {2}")
    @MethodSource
    void decayedUsage(AdmissionMode mode, double minutes, String first) {
        Engine e = twoLocalQueues(afs(10, 1, Map.of()), mode, cpu(10), 1, Map.of("cpu", 8.0), Map.of("cpu", 1.0));
        e.apply(wl("b-run").queue("qb").pods(1, "cpu", 1).admitted("cq", -3600).build());
        assertThat(admitted(e.schedule(at(0)))).isEmpty();
        e.apply(wl("a-next").queue("qa").created(1).build());
        e.apply(wl("b-next").queue("qb").created(2).build());

        assertThat(admitted(e.schedule(at(minutes * 60)))).containsExactly(key(first));
    }

    // ------------------------------------------------------------------ resource weights

    /**
     * qa consumed 4 cpus; qb 1 cpu and 1 GPU. a-next (older) and b-next, 1 cpu each, compete.
     * Weighted usage qa = 4 * w(cpu), qb = 1 * w(cpu) + 1 * w(gpu).
     */
    static Stream<Arguments> resourceWeights() {
        return Stream.of(
                //           weights                                  qa vs qb        first
                Arguments.of(Map.of(),                                /* 4 > 2 */     "b-next"),
                Arguments.of(Map.of("nvidia.com/gpu", 10.0),          /* 4 < 11 */    "a-next"),
                Arguments.of(Map.of("cpu", 0.0),                      /* 0 < 1 */     "a-next"),
                Arguments.of(Map.of("cpu", 0.5, "nvidia.com/gpu", 2.0), /* 2 < 2.5 */ "a-next"),
                Arguments.of(Map.of("nvidia.com/gpu", 2.0),           /* 4 > 3 */     "b-next"));
    }

    @ParameterizedTest(name = "weights {0} -> {1}")
    @MethodSource
    void resourceWeights(Map<String, Double> weights, String first) {
        Engine e = twoLocalQueues(afs(10, 1, weights), UsageBasedAdmissionFairSharing,
                group("default", "cpu", 10, "nvidia.com/gpu", 4), 1, Map.of("cpu", 4.0),
                Map.of("cpu", 1.0, "nvidia.com/gpu", 1.0));
        e.apply(wl("a-next").queue("qa").created(1).build());
        e.apply(wl("b-next").queue("qb").created(2).build());

        assertThat(admitted(e.schedule(at(0)))).containsExactly(key(first));
    }

    // ------------------------------------------------------------------ LocalQueue weight

    /**
     * qa consumed 8 cpus, qb 5; a-next (older) and b-next compete. qa's fairSharing.weight divides
     * its usage: weight 1: 8 > 5; weight 2: 4 < 5; weight 0.5: 16 > 5.
     */
    static Stream<Arguments> localQueueWeight() {
        return Stream.of(
                Arguments.of(1.0, "b-next"),
                Arguments.of(2.0, "a-next"),
                Arguments.of(0.5, "b-next"));
    }

    @ParameterizedTest(name = "qa weight {0} -> {1}")
    @MethodSource
    void localQueueWeight(double qaWeight, String first) {
        Engine e = twoLocalQueues(afs(10, 1, Map.of()), UsageBasedAdmissionFairSharing, cpu(20), qaWeight,
                Map.of("cpu", 8.0), Map.of("cpu", 5.0));
        e.apply(wl("a-next").queue("qa").created(1).build());
        e.apply(wl("b-next").queue("qb").created(2).build());

        assertThat(admitted(e.schedule(at(0)))).containsExactly(key(first));
    }

    /**
     * Workloads running when the engine starts are not counted at once, as Kueue seeds usage from
     * the persisted status only: qa runs 8 cpus, qb 1, nothing persisted. At the start the older
     * a-next goes first; after a half-life (sampling every minute) qa's usage is 4 > qb's 0.5.
     */
    @ParameterizedTest(name = "{0} min -> {1}")
    @MethodSource
    void runningWorkloadsCountGradually(double minutes, String first) {
        Engine e = twoLocalQueues(afs(10, 1, Map.of()), UsageBasedAdmissionFairSharing, cpu(20), 1);
        e.apply(wl("a-run").queue("qa").pods(1, "cpu", 8).admitted("cq", -3600).build());
        e.apply(wl("b-run").queue("qb").pods(1, "cpu", 1).admitted("cq", -3600).build());
        assertThat(admitted(e.schedule(at(0)))).isEmpty();
        e.apply(wl("a-next").queue("qa").created(1).build());
        e.apply(wl("b-next").queue("qb").created(2).build());

        assertThat(admitted(e.schedule(at(minutes * 60)))).containsExactly(key(first));
    }

    static Stream<Arguments> runningWorkloadsCountGradually() {
        return Stream.of(Arguments.of(0.5, "a-next"), Arguments.of(10.0, "b-next"));
    }

    /** Within one LocalQueue, priority and then age still decide. */
    @ParameterizedTest(name = "mode {0}")
    @MethodSource("modes")
    void priorityAndAgeInsideALocalQueue(AdmissionMode mode) {
        Engine e = twoLocalQueues(afs(10, 1, Map.of()), mode, cpu(3), 1);
        e.apply(wl("old").queue("qa").created(1).build());
        e.apply(wl("young").queue("qa").created(2).build());
        e.apply(wl("important").queue("qa").created(3).priority(5).build());

        assertThat(admittedInCycles(e, 0, 1, 2)).containsExactly(key("important"), key("old"), key("young"));
    }

    static Stream<AdmissionMode> modes() {
        return Stream.of(UsageBasedAdmissionFairSharing, NoAdmissionFairSharing);
    }
}
