package io.berth.sim.report;

import java.util.ArrayList;
import java.util.List;

/**
 * GPU fragmentation samples from the simulator: each sample is {time (virtual epoch ms),
 * fragmented GPU milli}, in time order. A sample's value holds until the next sample, the last
 * one until the run end; the mean is time-weighted over [first sample, run end].
 */
public record FragmentationSeries(List<double[]> samples) {
    public static final FragmentationSeries NONE = new FragmentationSeries(List.of());

    public FragmentationSeries {
        List<double[]> copy = new ArrayList<>(samples.size());
        for (double[] s : samples) {
            if (s.length != 2) {
                throw new IllegalArgumentException("a fragmentation sample is {time, fragmented GPU milli}");
            }
            copy.add(s.clone());
        }
        copy.sort((a, b) -> Double.compare(a[0], b[0]));
        samples = List.copyOf(copy);
    }

    @Override
    public List<double[]> samples() {
        List<double[]> out = new ArrayList<>(samples.size());
        for (double[] s : samples) {
            out.add(s.clone());
        }
        return out;
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    /** Time-weighted mean of fragmented GPUs (whole GPUs) up to endMillis; null without samples. */
    public Double meanFragmentedGpus(long endMillis) {
        if (samples.isEmpty()) {
            return null;
        }
        double first = samples.get(0)[0];
        double total = 0;
        for (int i = 0; i < samples.size(); i++) {
            double from = samples.get(i)[0];
            double to = i + 1 < samples.size() ? samples.get(i + 1)[0] : Math.max(from, endMillis);
            total += samples.get(i)[1] * (to - from);
        }
        double span = Math.max(samples.get(samples.size() - 1)[0], endMillis) - first;
        if (span <= 0) {
            double sum = 0;
            for (double[] s : samples) {
                sum += s[1];
            }
            return sum / samples.size() / 1000.0;
        }
        return total / span / 1000.0;
    }
}
