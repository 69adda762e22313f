package io.berth.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.sim.model.SimResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    static int images(String html) {
        Matcher m = Pattern.compile("<img src=\"data:image/png;base64,[A-Za-z0-9+/=]+\"").matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void selfContainedPageWithChartsAndTables(@TempDir Path dir) throws Exception {
        SimResult r = Scenarios.gpus(true);
        Path file = dir.resolve("report.html");
        HtmlReport.write(file, "baseline", r, Metrics.compute(r));
        String html = Files.readString(file);

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
        // utilization, pending per ClusterQueue and wait CDF per ClusterQueue
        assertThat(images(html)).isEqualTo(3);
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script")
                .doesNotContain("<link");
        assertThat(html).contains("<h2>baseline</h2>").contains("<th>ClusterQueue</th>").contains("<td>ns-b/lq-b</td>")
                .contains("Jain&#39;s index 0.9800").doesNotContain("id=\"comparison\"");
        // deterministic: the same input renders the same page
        assertThat(HtmlReport.render(List.of(new Variant("baseline", r, Metrics.compute(r))))).isEqualTo(html);
    }

    @Test
    void emptyRunStillRendersWithNotes() {
        var cq = Scenarios.cq("c", java.util.Map.of(), java.util.Map.of("cpu", 1000L));
        var input = new io.berth.sim.model.SimInput(List.of(cq), io.berth.api.config.Configuration.DEFAULT, List.of(),
                List.of());
        SimResult r = new SimResult(input, List.of(), 0, 0, 0, 0, java.util.Map.of());
        String html = HtmlReport.render(List.of(Variant.of("empty <run>", r)));
        assertThat(html).contains("nothing to draw").contains("<h2>empty &lt;run&gt;</h2>");
        assertThat(images(html)).isZero();
    }

    @Test
    void rejectsNoVariantsAndDuplicateNames() {
        SimResult r = Scenarios.oneQueue();
        assertThatThrownBy(() -> HtmlReport.render(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HtmlReport.render(List.of(Variant.of("x", r), Variant.of("x", r))))
                .hasMessageContaining("two variants are named x");
    }
}
