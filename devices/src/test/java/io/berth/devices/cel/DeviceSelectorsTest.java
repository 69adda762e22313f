package io.berth.devices.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceSelectorsTest {
    private static final DeviceSelectors SELECTORS = new DeviceSelectors();
    private static final DeviceInput GPU = new DeviceInput("gpu.example.com",
            Map.of("model", "a100", "index", 3L, "healthy", true, "driverVersion", SemverValue.parse("1.2.3-rc.1"),
                    "topology.example.com/numa", 1L),
            Map.of("memory", QuantityValue.parse("80Gi"), "cores", QuantityValue.parse("1500m")), true);

    private static boolean eval(String expression) throws SelectorException {
        return SELECTORS.compile(expression).matches(GPU);
    }

    @Test
    void driverAndAttributesOfEveryType() throws SelectorException {
        assertThat(eval("device.driver == 'gpu.example.com'")).isTrue();
        assertThat(eval("device.attributes['gpu.example.com'].model == 'a100'")).isTrue();
        assertThat(eval("device.attributes['gpu.example.com'].index == 3")).isTrue();
        assertThat(eval("device.attributes['gpu.example.com'].healthy")).isTrue();
        assertThat(eval("device.attributes['topology.example.com'].numa == 1")).isTrue();
        assertThat(eval("device.allowMultipleAllocations")).isTrue();
    }

    @Test
    void unknownDomainIsEmptyButUnknownAttributeIsAnError() throws SelectorException {
        assertThat(eval("'model' in device.attributes['other.example.com']")).isFalse();
        assertThat(eval("device.attributes['other.example.com'].size() == 0")).isTrue();
        assertThatThrownBy(() -> eval("device.attributes['gpu.example.com'].missing == 'x'"))
                .isInstanceOf(SelectorException.class).hasMessageContaining("runtime error").hasMessageContaining("missing");
    }

    @Test
    void quantityFunctions() throws SelectorException {
        assertThat(eval("device.capacity['gpu.example.com'].memory.compareTo(quantity('80Gi')) == 0")).isTrue();
        assertThat(eval("device.capacity['gpu.example.com'].memory.isGreaterThan(quantity('40Gi'))")).isTrue();
        assertThat(eval("device.capacity['gpu.example.com'].memory.isLessThan(quantity('40Gi'))")).isFalse();
        assertThat(eval("quantity('1Gi').add(quantity('1Gi')) == quantity('2Gi')")).isTrue();
        assertThat(eval("quantity('1k').add(24) == quantity('1024')")).isTrue();
        assertThat(eval("quantity('1k').sub(quantity('1')) == quantity('999')")).isTrue();
        assertThat(eval("quantity('1k').sub(1).asInteger() == 999")).isTrue();
        assertThat(eval("quantity('1500m').asApproximateFloat() == 1.5")).isTrue();
        assertThat(eval("!device.capacity['gpu.example.com'].cores.isInteger()")).isTrue();
        assertThat(eval("quantity('-5').sign() == -1 && quantity('0').sign() == 0")).isTrue();
        assertThat(eval("isQuantity('1Gi') && !isQuantity('lots')")).isTrue();
    }

    @Test
    void quantityErrors() {
        assertThatThrownBy(() -> eval("quantity('lots').sign() == 1")).isInstanceOf(SelectorException.class)
                .hasMessageContaining("invalid quantity");
        assertThatThrownBy(() -> eval("quantity('1500m').asInteger() == 1")).isInstanceOf(SelectorException.class)
                .hasMessageContaining("integer");
    }

    @Test
    void semverFunctions() throws SelectorException {
        assertThat(eval("device.attributes['gpu.example.com'].driverVersion.isLessThan(semver('1.2.3'))")).isTrue();
        assertThat(eval("semver('1.10.0').isGreaterThan(semver('1.9.9'))")).isTrue();
        assertThat(eval("semver('1.0.0').compareTo(semver('1.0.0+build')) == 0")).isTrue();
        assertThat(eval("semver('2.3.4').major() == 2 && semver('2.3.4').minor() == 3 && semver('2.3.4').patch() == 4"))
                .isTrue();
        assertThat(eval("isSemver('1.2.3') && !isSemver('1.2')")).isTrue();
        assertThatThrownBy(() -> eval("semver('v1').major() == 1")).isInstanceOf(SelectorException.class)
                .hasMessageContaining("invalid semantic version");
    }

    @Test
    void bindStringAndListExtensions() throws SelectorException {
        assertThat(eval("cel.bind(m, device.attributes['gpu.example.com'].model, m.startsWith('a') && m.size() == 4)"))
                .isTrue();
        assertThat(eval("device.attributes['gpu.example.com'].model.upperAscii() == 'A100'")).isTrue();
        assertThat(eval("'a,b'.split(',').size() == 2")).isTrue();
        assertThat(eval("[3, 1, 2].sort() == [1, 2, 3]")).isTrue();
        assertThat(eval("[1, 2, 3].exists(x, x == device.attributes['gpu.example.com'].index)")).isTrue();
    }

    @Test
    void nonBoolResultsAreRejectedWhenCompiling() {
        assertThatThrownBy(() -> SELECTORS.compile("'a' + 'b'")).isInstanceOf(SelectorException.class)
                .hasMessageContaining("must evaluate to bool");
        assertThatThrownBy(() -> SELECTORS.compile("quantity('1')")).isInstanceOf(SelectorException.class)
                .hasMessageContaining("must evaluate to bool");
        assertThatThrownBy(() -> SELECTORS.compile("device.driver ==")).isInstanceOf(SelectorException.class)
                .hasMessageContaining("compile error");
        assertThatThrownBy(() -> SELECTORS.compile("nosuchfn(1)")).isInstanceOf(SelectorException.class)
                .hasMessageContaining("compile error");
        assertThatThrownBy(() -> SELECTORS.compile("noSuchVar")).isInstanceOf(SelectorException.class)
                .hasMessageContaining("undeclared reference");
    }

    @Test
    void dynamicNonBoolResultIsARuntimeError() {
        assertThatThrownBy(() -> eval("device.attributes['gpu.example.com'].model"))
                .isInstanceOf(SelectorException.class).hasMessageContaining("must evaluate to bool");
    }

    @Test
    void compiledOnceAndCached() throws SelectorException {
        assertThat(SELECTORS.compile("device.driver != ''")).isSameAs(SELECTORS.compile("device.driver != ''"));
    }

    @Test
    void stepLimitStopsExpensiveExpressions() {
        DeviceSelectors small = new DeviceSelectors(50);
        assertThatThrownBy(() -> small.compile(
                "[1,2,3,4,5,6,7,8,9,10].all(x, [1,2,3,4,5,6,7,8,9,10].all(y, x + y > 0))").matches(GPU))
                .isInstanceOf(SelectorException.class).hasMessageContaining("cost limit");
    }
}
