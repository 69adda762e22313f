package io.berth.sim.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The averages Kueue measured for a perf configuration, which its rangespec.yaml keeps only in
 * comments ("Average value 351116.4", "mean=38.64%"): a comment gives the figure of the key on
 * its own line or, on a line of its own, of the next key below it. Keys are "section.key", e.g.
 * {@code cmd.maxWallMs}, {@code clusterQueueClassesMinUsage.cq}, {@code wlClassesMaxAvgTimeToAdmissionMs.large}.
 */
public record KueueMeasured(Map<String, Double> averages) {
    public static final KueueMeasured NONE = new KueueMeasured(Map.of());
    private static final Pattern FIGURE = Pattern.compile("(?:Average value|mean=)\\s*([0-9][0-9_]*(?:\\.[0-9]+)?)");
    private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z][\\w-]*)\\s*:(.*)$");

    public KueueMeasured {
        averages = Map.copyOf(averages);
    }

    /** The average measured for the key, or null when the file does not say. */
    public Double of(String section, String key) {
        return averages.get(section + "." + key);
    }

    public static KueueMeasured read(Path rangeSpec) {
        try {
            return parse(Files.readAllLines(rangeSpec));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KueueMeasured parse(List<String> lines) {
        Map<String, Double> averages = new LinkedHashMap<>();
        String section = null;
        Double pending = null;
        for (String line : lines) {
            int hash = line.indexOf('#');
            String code = hash < 0 ? line : line.substring(0, hash);
            Double figure = hash < 0 ? null : figure(line.substring(hash));
            Matcher key = KEY.matcher(code);
            if (!key.matches()) {
                if (figure != null) {
                    pending = figure;
                }
                continue;
            }
            if (key.group(1).isEmpty()) {
                section = key.group(2);
                pending = null;
                continue;
            }
            Double value = figure != null ? figure : pending;
            if (value != null && section != null) {
                averages.put(section + "." + key.group(2), value);
            }
            pending = null;
        }
        return new KueueMeasured(averages);
    }

    private static Double figure(String comment) {
        Matcher m = FIGURE.matcher(comment);
        return m.find() ? Double.parseDouble(m.group(1).replace("_", "")) : null;
    }
}
