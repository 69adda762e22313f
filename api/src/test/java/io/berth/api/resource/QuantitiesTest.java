package io.berth.api.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class QuantitiesTest {
    @Test
    void parsesEverySuffixExactly() {
        assertThat(Quantities.parse("80Gi")).isEqualByComparingTo(new BigDecimal(80L << 30));
        assertThat(Quantities.parse("1.5k")).isEqualByComparingTo("1500");
        assertThat(Quantities.parse("250m")).isEqualByComparingTo("0.25");
        assertThat(Quantities.parse("3n")).isEqualByComparingTo("0.000000003");
        assertThat(Quantities.parse("2e3")).isEqualByComparingTo("2000");
        assertThat(Quantities.parse("-1Ki")).isEqualByComparingTo("-1024");
        assertThat(Quantities.parse(".5")).isEqualByComparingTo("0.5");
        assertThat(Quantities.parse("7Ei")).isEqualByComparingTo(new BigDecimal(7L << 60));
    }

    @Test
    void refusesBadSyntaxAndValuesBeyondKubernetesRange() {
        assertThatThrownBy(() -> Quantities.parse("lots")).hasMessageContaining("invalid quantity \"lots\"");
        assertThatThrownBy(() -> Quantities.parse("1 Gi")).hasMessageContaining("invalid quantity");
        assertThatThrownBy(() -> Quantities.parse("1GB")).hasMessageContaining("invalid quantity");
        assertThatThrownBy(() -> Quantities.parse("9Ei")).hasMessageContaining("too large");
    }

    @Test
    void formatsCanonically() {
        assertThat(Quantities.format(new BigDecimal(80L << 30))).isEqualTo("80Gi");
        assertThat(Quantities.format(new BigDecimal("1500"))).isEqualTo("1500");
        assertThat(Quantities.format(new BigDecimal("0.25"))).isEqualTo("250m");
        assertThat(Quantities.format(BigDecimal.ZERO)).isEqualTo("0");
        assertThat(Quantities.format(new BigDecimal("0.0000005"))).isEqualTo("0.0000005");
    }
}
