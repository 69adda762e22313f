package io.berth.sim.report;

import java.util.ArrayList;
import java.util.List;

/**
 * GPU device state over a run, from the simulator: how GPUs were placed ("count" or "dra"), the
 * cluster's GPUs, and samples {time (virtual epoch ms), allocated GPU milli, free milli on GPUs
 * partly in use}, one per instant where either changed, in time order; each holds until the next,
 * the last until the run end. attempts, refusals and errors count allocator runs (DRA only, else 0);
 * firstError is the first error's message, naming the node (null without errors).
 */
public record DeviceSeries(String placement, int gpus, List<long[]> samples, long attempts, long refusals,
                           long errors, String firstError) {
    public static final DeviceSeries NONE = new DeviceSeries("count", 0, List.of(), 0, 0, 0, null);

    public DeviceSeries {
        List<long[]> copy = new ArrayList<>(samples.size());
        long last = Long.MIN_VALUE;
        for (long[] s : samples) {
            if (s.length != 3 || s[0] < last) {
                throw new IllegalArgumentException("a device sample is {time, allocated milli, partly used free milli}, "
                        + "in time order");
            }
            last = s[0];
            copy.add(s.clone());
        }
        samples = List.copyOf(copy);
    }
}
