package io.berth.sim.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.sim.model.SimWorkload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QueueMappingTest {
    private static String queue(QueueMapping m, String name, Map<String, String> row) {
        return m.localQueue(name, row::get);
    }

    @Test
    void columnRuleNamesTheLocalQueueAfterTheLowerCasedValue() {
        QueueMapping m = QueueMapping.parse("column:qos", "tenants");
        assertThat(m).isEqualTo(new QueueMapping.Column("qos", "tenants"));
        assertThat(m.column()).isEqualTo("qos");
        assertThat(m.namespace()).isEqualTo("tenants");
        assertThat(m.declaredQueues()).isEmpty();
        assertThat(queue(m, "p", Map.of("qos", "LS"))).isEqualTo("ls");
        assertThat(queue(m, "p", Map.of("qos", "Best Effort!"))).isEqualTo("best-effort");
        assertThatThrownBy(() -> queue(m, "p", Map.of())).hasMessage(
                "empty; expected a value naming the LocalQueue (queue mapping column:qos)");
        assertThatThrownBy(() -> queue(m, "p", Map.of("qos", "???"))).hasMessage(
                "\"???\" cannot name a LocalQueue: expected letters or digits (queue mapping column:qos)");
    }

    @Test
    void hashRuleIsStableAndSpreadsNamesOverTheTenants() {
        QueueMapping m = QueueMapping.parse("hash:4", null);
        assertThat(m.namespace()).isEqualTo("default");
        assertThat(m.declaredQueues()).containsExactly("tenant-0", "tenant-1", "tenant-2", "tenant-3");
        // FNV-1a 64 of the UTF-8 name, unsigned, modulo N: fixed values, the same on every JVM.
        assertThat(Long.toUnsignedString(Values.fnv1a64(""), 16)).isEqualTo("cbf29ce484222325");
        assertThat(Long.toUnsignedString(Values.fnv1a64("a"), 16)).isEqualTo("af63dc4c8601ec8c");
        assertThat(queue(m, "openb-pod-0000", Map.of())).isEqualTo(queue(m, "openb-pod-0000", Map.of()));
        Map<String, Integer> counts = new HashMap<>();
        IntStream.range(0, 4000).forEach(i -> counts.merge(queue(m, "openb-pod-%04d".formatted(i), Map.of()), 1, Integer::sum));
        assertThat(counts).containsOnlyKeys("tenant-0", "tenant-1", "tenant-2", "tenant-3");
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1150));
    }

    @Test
    void singleRuleSendsEverythingToOneQueue() {
        QueueMapping m = QueueMapping.parse("single:all", "ns");
        assertThat(m.declaredQueues()).containsExactly("all");
        assertThat(queue(m, "x", Map.of())).isEqualTo("all");
        assertThat(m.rule()).isEqualTo("single:all");
    }

    @Test
    void badRulesSayWhatWasExpected() {
        assertThatThrownBy(() -> QueueMapping.parse("qos", null))
                .hasMessage("invalid queue mapping \"qos\": expected column:<name>, hash:<N> or single:<localQueue>");
        assertThatThrownBy(() -> QueueMapping.parse("hash:x", null))
                .hasMessage("invalid queue mapping \"hash:x\": expected a whole number of tenants after hash:, such as hash:4");
        assertThatThrownBy(() -> QueueMapping.parse("hash:0", null))
                .hasMessage("invalid queue mapping \"hash:0\": expected at least 1 tenant");
        assertThatThrownBy(() -> QueueMapping.parse("single:Big", null)).hasMessageContaining("expected a LocalQueue name");
        assertThatThrownBy(() -> QueueMapping.parse("single:a", "Bad_NS")).hasMessageContaining("invalid namespace \"Bad_NS\"");
        assertThatThrownBy(() -> QueueMapping.parse("column:", null)).hasMessageContaining("expected a column name");
    }

    @Test
    void localQueuesListsDeclaredQueuesThenUsedOnesByName() {
        SimWorkload a = new SimWorkload("default", "a", "zeta", 0, "c", 0, 1, List.of());
        SimWorkload b = new SimWorkload("default", "b", "alpha", 0, "c", 0, 1, List.of());
        assertThat(QueueMapping.parse("column:qos", null).localQueues(List.of(a, b, a))).containsExactly("alpha", "zeta");
        assertThat(QueueMapping.parse("hash:2", null).localQueues(List.of(b))).containsExactly("tenant-0", "tenant-1", "alpha");
    }
}
