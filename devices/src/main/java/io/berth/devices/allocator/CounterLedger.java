package io.berth.devices.allocator;

import io.berth.api.resource.CounterConsumption;
import io.berth.api.resource.Device;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared counters left in each pool's counter sets: the totals minus what devices held by existing
 * claims consume, minus what devices being allocated consume. A device takes its counters once, however
 * many shares of it are allocated; {@link #release} gives back exactly what {@link #take} took.
 */
final class CounterLedger {
    /** pool id + "\0" + counter set + "\0" + counter to what is left; may be negative for over-committed input. */
    private final Map<String, BigDecimal> left = new HashMap<>();
    /** How many allocations in progress hold each device (its counters are taken while this is above zero). */
    private final Map<String, Integer> holders = new HashMap<>();
    private final AllocatedState allocated;

    CounterLedger(List<Pool> pools, AllocatedState allocated) {
        this.allocated = allocated;
        for (Pool p : pools) {
            p.counterSets.forEach((set, counters) -> counters.forEach((name, total) -> left.put(key(p, set, name), total)));
            p.allDevices.forEach((name, d) -> {
                if (allocated.holding.contains(p.id() + "/" + name)) {
                    apply(p, d, -1);
                }
            });
        }
    }

    private static String key(Pool p, String set, String counter) {
        return p.id() + "\u0000" + set + "\u0000" + counter;
    }

    private void apply(Pool p, Device d, int sign) {
        for (CounterConsumption c : d.consumesCounters()) {
            c.counters().forEach((name, q) -> left.merge(key(p, c.counterSet(), name), sign < 0 ? q.negate() : q, BigDecimal::add));
        }
    }

    /** Takes the device's counters if they are all available; false (nothing changed) otherwise. */
    boolean take(Candidate c) {
        if (c.device.consumesCounters().isEmpty()) {
            return true;
        }
        int n = holders.getOrDefault(c.id, 0);
        if (n > 0 || allocated.holding.contains(c.id)) {
            holders.put(c.id, n + 1);
            return true;
        }
        for (CounterConsumption cc : c.device.consumesCounters()) {
            for (Map.Entry<String, BigDecimal> e : cc.counters().entrySet()) {
                BigDecimal have = left.getOrDefault(key(c.pool, cc.counterSet(), e.getKey()), BigDecimal.ZERO);
                if (have.compareTo(e.getValue()) < 0) {
                    return false;
                }
            }
        }
        apply(c.pool, c.device, -1);
        holders.put(c.id, 1);
        return true;
    }

    void release(Candidate c) {
        if (c.device.consumesCounters().isEmpty()) {
            return;
        }
        int n = holders.getOrDefault(c.id, 0);
        if (n <= 0) {
            throw new IllegalStateException("release of counters not taken for " + c.id);
        }
        if (n == 1) {
            holders.remove(c.id);
            if (!allocated.holding.contains(c.id)) {
                apply(c.pool, c.device, +1);
            }
        } else {
            holders.put(c.id, n - 1);
        }
    }

    /** What is left of every counter, for checks: a search that found nothing must leave it as it found it. */
    Map<String, BigDecimal> snapshot() {
        return Map.copyOf(left);
    }
}
