package io.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QuantityTest {

    @ParameterizedTest(name = "{0} = {1}m")
    @CsvSource({
            "500m, 500",
            "2, 2000",
            "0, 0",
            "0.5, 500",
            ".5, 500",
            "1., 1000",
            "+1, 1000",
            "-1, -1000",
            "1.5e3, 1500000",
            "500000000n, 500",
            "2000000u, 2000",
            "1500u, 2",
            "1E3, 1000000",
            "1e-3, 1",
            "1k, 1000000",
            "1M, 1000000000",
            "1G, 1000000000000",
            "1T, 1000000000000000",
            "1P, 1000000000000000000",
            "1Ki, 1024000",
            "1Mi, 1048576000",
            "1Gi, 1073741824000",
            "1Ti, 1099511627776000",
            "8Pi, 9007199254740992000",
            "1.5Gi, 1610612736000",
            "9223372036854775807m, 9223372036854775807",
    })
    void parsesKubernetesQuantitiesExactly(String text, long millis) {
        assertThat(Quantity.parseMillis(text)).isEqualTo(millis);
    }

    @ParameterizedTest(name = "{0} rounds to {1}m")
    @CsvSource({"0.1m, 1", "1n, 1", "999u, 1", "0.0001, 1", "1.5e-3, 2", "1.0001m, 2", "-0.1m, -1", "1e-999, 1", "0e999999999999, 0"})
    void fractionsOfAMilliRoundAwayFromZeroLikeKubernetes(String text, long millis) {
        assertThat(Quantity.parseMillis(text)).isEqualTo(millis);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "abc", "1.2.3", "5 Gi", " 1", "1 ", "1ki", "1K", "1Kb", "1e", "--1", "1e1.5", "m", "Gi"})
    void rejectsWhatIsNotAQuantity(String text) {
        assertThatThrownBy(() -> Quantity.parseMillis(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid quantity \"" + text + "\"");
    }

    @Test
    void namesTheBadSuffix() {
        assertThatThrownBy(() -> Quantity.parseMillis("5 Gi"))
                .hasMessageContaining("unknown suffix \" Gi\"").hasMessageContaining("Ki, Mi, Gi");
    }

    /** Kubernetes caps a quantity and Kueue clamps its milli-value; such a request is valid and never fits. */
    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
            "1Ei, 9223372036854775807",
            "9223372036854776, 9223372036854775807",
            "9223372036854775808m, 9223372036854775807",
            "1e99, 9223372036854775807",
            "1e99999999999999, 9223372036854775807",
            "-10P, -9223372036854775808"})
    void saturatesBeyondLong(String text, long millis) {
        assertThat(Quantity.parseMillis(text)).isEqualTo(millis);
    }

    @Test
    void addsWithoutWrappingAround() {
        assertThat(Quantity.add(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
        assertThat(Quantity.add(Long.MIN_VALUE + 1, -5)).isEqualTo(Long.MIN_VALUE);
        assertThat(Quantity.add(-3, 5)).isEqualTo(2);
    }

    @Test
    void acceptsPlainNumbersAsUnits() {
        assertThat(Quantity.toMillis(new BigDecimal("2"))).isEqualTo(2000);
        assertThat(Quantity.toMillis(new BigDecimal("0.25"))).isEqualTo(250);
        assertThat(Quantity.toMillis(new BigDecimal("1.5E+3"))).isEqualTo(1_500_000);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "500, cpu, 500m",
            "2000, cpu, 2",
            "51000, cpu, 51",
            "1024000, cpu, 1024",
            "-500, cpu, -500m",
            "0, memory, 0",
            "1000, memory, 1",
            "1536000, memory, 1536",
            "2048000, memory, 2Ki",
            "1073741824000, memory, 1Gi",
            "1610612736000, memory, 1536Mi",
            "-1073741824000, memory, -1Gi",
            "1073741824000, ephemeral-storage, 1Gi",
            "1073741824000, example.com/gpu-memory, 1073741824",
            "1000000, cpu, 1k",
            "10000000, cpu, 10k",
            "9500000, cpu, 9500",
            "1000000000000, memory, 1G",
            "1000000, memory, 1k",
            "2000000000, pods, 2M",
            "1073741824000, hugepages-2Mi, 1Gi",
            "1073741824000, example.com/gpu, 1073741824",
            "1500, memory, 1500m",
    })
    void formatsCanonically(long millis, String resource, String text) {
        assertThat(Quantity.format(millis, resource)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"1, cpu", "999, cpu", "123456789000, cpu", "1073741824000, memory", "3221225472000, memory",
            "-2048000, memory", "9007199254740992000, memory", "0, cpu"})
    void formatRoundTripsThroughParse(long millis, String resource) {
        assertThat(Quantity.parseMillis(Quantity.format(millis, resource))).isEqualTo(millis);
    }
}
