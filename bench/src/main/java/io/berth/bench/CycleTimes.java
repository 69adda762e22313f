package io.berth.bench;

import io.berth.core.cycle.CycleResult;
import io.berth.sim.CycleListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The CPU time of every cycle of a simulation (this thread's, steadier than wall time on a shared
 * machine), kept apart for the cycles that preempted.
 */
final class CycleTimes implements CycleListener {
    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();
    private long[] all = new long[1024];
    private long[] preempting = new long[16];
    private int allCount;
    private int preemptingCount;
    private long start;

    @Override
    public void beforeCycle() {
        start = THREAD.getCurrentThreadCpuTime();
    }

    @Override
    public void afterCycle(CycleResult result) {
        long nanos = THREAD.getCurrentThreadCpuTime() - start;
        all = add(all, allCount++, nanos);
        if (!result.preempted().isEmpty()) {
            preempting = add(preempting, preemptingCount++, nanos);
        }
    }

    private static long[] add(long[] values, int at, long value) {
        long[] grown = at < values.length ? values : Arrays.copyOf(values, values.length * 2);
        grown[at] = value;
        return grown;
    }

    /** "p50/p99/max" CPU ms of all cycles. */
    String allCycles() {
        return summary(Arrays.copyOf(all, allCount));
    }

    /** How many cycles preempted and the CPU ms of the slowest, or "0" when none did. */
    String preemptingCycles() {
        long[] sorted = Arrays.copyOf(preempting, preemptingCount);
        Arrays.sort(sorted);
        return sorted.length == 0 ? "0" : String.format("%d, max %.2f", sorted.length, sorted[sorted.length - 1] / 1e6);
    }

    private static String summary(long[] nanos) {
        if (nanos.length == 0) {
            return "-";
        }
        Arrays.sort(nanos);
        return String.format("%.2f/%.2f/%.2f", FairSharingBench.percentile(nanos, 50) / 1e6,
                FairSharingBench.percentile(nanos, 99) / 1e6, nanos[nanos.length - 1] / 1e6);
    }
}
