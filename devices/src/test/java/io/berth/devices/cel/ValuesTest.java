package io.berth.devices.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void semverPrecedence() {
        assertThat(SemverValue.parse("1.0.0-alpha")).isLessThan(SemverValue.parse("1.0.0-alpha.1"));
        assertThat(SemverValue.parse("1.0.0-alpha.1")).isLessThan(SemverValue.parse("1.0.0-alpha.beta"));
        assertThat(SemverValue.parse("1.0.0-beta.2")).isLessThan(SemverValue.parse("1.0.0-beta.11"));
        assertThat(SemverValue.parse("1.0.0-rc.1")).isLessThan(SemverValue.parse("1.0.0"));
        assertThat(SemverValue.parse("1.0.0+a")).isEqualTo(SemverValue.parse("1.0.0+b"));
        assertThat(SemverValue.parse("2.0.0")).isGreaterThan(SemverValue.parse("1.99.99"));
    }

    @Test
    void semverRejectsLeadingZerosAndPartialVersions() {
        assertThat(SemverValue.isValid("01.2.3")).isFalse();
        assertThat(SemverValue.isValid("1.2")).isFalse();
        assertThat(SemverValue.isValid("1.2.3-01")).isFalse();
        assertThatThrownBy(() -> SemverValue.parse("99999999999999999999.0.0")).hasMessageContaining("too large");
    }

    @Test
    void quantityArithmeticIsExact() {
        QuantityValue a = QuantityValue.parse("0.1");
        assertThat(a.add(QuantityValue.parse("0.2"))).isEqualTo(QuantityValue.parse("300m"));
        assertThat(QuantityValue.parse("1Gi")).isEqualTo(QuantityValue.parse("1024Mi")).hasSameHashCodeAs(QuantityValue.parse("1024Mi"));
        assertThat(QuantityValue.parse("7Ei").isInteger()).isTrue();
        assertThat(QuantityValue.parse("7Ei").add(QuantityValue.parse("7Ei")).isInteger()).as("beyond 64 bits").isFalse();
        assertThatThrownBy(() -> QuantityValue.parse("7Ei").add(QuantityValue.parse("7Ei")).asInteger())
                .isInstanceOf(ArithmeticException.class);
        assertThat(QuantityValue.parse("1500m").toString()).isEqualTo("1500m");
    }
}
