package io.berth.bench;

import io.berth.core.cycle.CycleResult;
import io.berth.sim.CycleListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The CPU time of every cycle of a simulation (this thread's, steadier than wall time on a shared
 * machine), and of the slowest that preempted.
 */
final class CycleTimes implements CycleListener {
    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();
    private long[] all = new long[1024];
    private int count;
    private int preempting;
    private long slowestPreempting;
    private long preemptingTotal;
    private long start;

    @Override
    public void beforeCycle() {
        start = THREAD.getCurrentThreadCpuTime();
    }

    @Override
    public void afterCycle(CycleResult result) {
        long nanos = THREAD.getCurrentThreadCpuTime() - start;
        if (count == all.length) {
            all = Arrays.copyOf(all, count * 2);
        }
        all[count++] = nanos;
        if (!result.preempted().isEmpty()) {
            preempting++;
            preemptingTotal += nanos;
            slowestPreempting = Math.max(slowestPreempting, nanos);
        }
    }

    int count() {
        return count;
    }

    /** CPU ns of the slowest cycle, 0 when none ran. */
    long slowest() {
        return Arrays.stream(all, 0, count).max().orElse(0);
    }

    /** CPU ns of the cycles that preempted, together. */
    long preemptingTotal() {
        return preemptingTotal;
    }

    /** CPU ns of all cycles, together. */
    long total() {
        return Arrays.stream(all, 0, count).sum();
    }

    /** "p50/p99/max" CPU ms of all cycles, or "-" when none ran. */
    String allCycles() {
        if (count == 0) {
            return "-";
        }
        long[] sorted = Arrays.copyOf(all, count);
        Arrays.sort(sorted);
        return String.format("%.2f/%.2f/%.2f", FairSharingBench.percentile(sorted, 50) / 1e6,
                FairSharingBench.percentile(sorted, 99) / 1e6, sorted[count - 1] / 1e6);
    }

    /** How many cycles preempted and the CPU ms of the slowest, or "0" when none did. */
    String preemptingCycles() {
        return preempting == 0 ? "0" : String.format("%d, max %.2f", preempting, slowestPreempting / 1e6);
    }
}
