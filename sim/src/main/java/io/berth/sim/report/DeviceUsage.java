package io.berth.sim.report;

import java.util.ArrayList;
import java.util.List;

/**
 * GPU devices over a run. Utilization: allocated GPU capacity (milli) / total x 100; its mean is
 * allocated GPU-time / (GPUs x run duration). Fragmentation: the share of free GPU capacity that
 * sits on GPUs partly in use (free milli above 0 and below 1000), so only shares fit there; its
 * mean is free GPU-time on partly used GPUs / all free GPU-time x 100, null when nothing was ever
 * free. Series per timeline bucket, each the same ratio over the bucket; peaks are the highest
 * bucket. attempts, refusals and errors count allocator runs (DRA placement; 0 when counting),
 * firstError is the first error's message (null without errors).
 */
public record DeviceUsage(String placement, int gpus, Double meanUtilizationPct, Double peakUtilizationPct,
                          Double meanFragmentationPct, Double peakFragmentationPct, List<Double> utilizationPct,
                          List<Double> fragmentationPct, long attempts, long refusals, long errors,
                          String firstError) {
    public DeviceUsage {
        utilizationPct = List.copyOf(utilizationPct);
        fragmentationPct = List.copyOf(fragmentationPct);
    }

    /** The figures of a series over the run's time buckets; null when the cluster has no GPUs. */
    static DeviceUsage of(DeviceSeries s, TimeBuckets time) {
        if (s == null || s.gpus() == 0) {
            return null;
        }
        long start = time.start();
        long end = time.end();
        int buckets = time.count();
        double capacity = s.gpus() * 1000.0;
        double[] used = new double[buckets];
        double[] partial = new double[buckets];
        double[] free = new double[buckets];
        double usedAll = 0;
        double partialAll = 0;
        double freeAll = 0;
        List<long[]> samples = s.samples();
        // before the first sample nothing is allocated
        long from = start;
        long allocated = 0;
        long partly = 0;
        for (int k = 0; k <= samples.size(); k++) {
            long to = k < samples.size() ? samples.get(k)[0] : end;
            long f = Math.max(from, start);
            long t = Math.min(to, end);
            if (t > f) {
                usedAll += allocated * (double) (t - f);
                partialAll += partly * (double) (t - f);
                freeAll += (capacity - allocated) * (t - f);
                time.add(used, f, t, allocated);
                time.add(partial, f, t, partly);
                time.add(free, f, t, capacity - allocated);
            }
            if (k < samples.size()) {
                from = to;
                allocated = samples.get(k)[1];
                partly = samples.get(k)[2];
            }
        }
        List<Double> util = new ArrayList<>(buckets);
        List<Double> frag = new ArrayList<>(buckets);
        for (int b = 0; b < buckets; b++) {
            double width = time.width(b);
            util.add(width > 0 ? used[b] / (capacity * width) * 100 : 0.0);
            frag.add(free[b] > 0 ? partial[b] / free[b] * 100 : 0.0);
        }
        Double meanUtil = end > start ? usedAll / (capacity * (end - start)) * 100 : null;
        Double meanFrag = freeAll > 0 ? partialAll / freeAll * 100 : null;
        return new DeviceUsage(s.placement(), s.gpus(), meanUtil, max(util), meanFrag, meanFrag == null ? null : max(frag),
                util, frag, s.attempts(), s.refusals(), s.errors(), s.firstError());
    }

    private static Double max(List<Double> series) {
        return series.isEmpty() ? null : series.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
    }
}
