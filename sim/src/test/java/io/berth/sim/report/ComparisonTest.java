package io.berth.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static List<Variant> twoVariants() {
        return List.of(Variant.of("preempt", Scenarios.gpus(true)), Variant.of("no-preempt", Scenarios.gpus(false)));
    }

    @Test
    void sideBySideTerminalTable() {
        String text = Comparison.of(twoVariants()).table();
        List<String> lines = Arrays.asList(text.split("\n"));
        assertThat(lines.get(0)).matches("figure +preempt +no-preempt");
        assertThat(text).containsPattern("preemptions +1 +0\n")
                .containsPattern("lost GPU \\(GPU-h\\) +2\\.00 +0\\.00\n")
                .containsPattern("nvidia.com/gpu utilization % +87\\.5 +100\\.0\n")
                .containsPattern("Jain's fairness index +0\\.9800 +1\\.0000\n")
                .containsPattern("usage % of ClusterQueue class b +18\\.8 +25\\.0\n")
                .contains("ClusterQueue  preempt wait mean  preempt p95  no-preempt wait mean  no-preempt p95");
    }

    @Test
    void htmlPageComparesVariantsThenShowsEach() {
        String html = HtmlReport.render(twoVariants());
        assertThat(html).contains("<section id=\"comparison\">").contains("<h2>Comparison of 2 variants</h2>")
                .contains("<th>preempt</th><th>no-preempt</th>").contains("<h2>preempt</h2>")
                .contains("<h2>no-preempt</h2>").contains("href=\"#variant-1\"");
        assertThat(html.indexOf("id=\"comparison\"")).isLessThan(html.indexOf("id=\"variant-0\""));
        // comparison: wait bars, wait CDF, utilization bars, cpu/memory/gpu overlays; 3 per variant
        assertThat(HtmlReportTest.images(html)).isEqualTo(6 + 2 * 3);
        assertThat(html).doesNotContain("http://").doesNotContain("https://");
    }
}
