package io.berth.core.queue;

import io.berth.api.config.AdmissionFairSharingConfig;
import io.berth.core.quota.FlavorResources;
import io.berth.core.workload.Usage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Admission fair sharing's usage ledger, as Kueue keeps it: per LocalQueue, consumed resources
 * that decay toward what the queue has admitted now (an update after elapsed time folds in a
 * fraction alpha = 1 - 0.5^(elapsed / halfLife)), seeded from the LocalQueue's persisted status,
 * plus the entry penalty of every admission, so a queue that just got a workload in does not win
 * again at once. Amounts are in resource units (cores, bytes).
 */
public final class LocalQueueUsage {
    private static final long NEVER = Long.MIN_VALUE;
    private static final double[] NONE = new double[0];

    /** One LocalQueue's consumed usage, when it was last brought up to date, and what it holds now. */
    private static final class Ledger {
        double[] consumed = new double[0];
        double[] admitted = new double[0];
        long updated = NEVER;
        boolean seeded;
    }

    private final AdmissionFairSharingConfig config;
    private final FlavorResources frs;
    private final ToDoubleFunction<String> localQueueWeight;
    private final Map<String, Ledger> ledgers = new HashMap<>();
    private long lastSample = NEVER;

    public LocalQueueUsage(AdmissionFairSharingConfig config, FlavorResources frs,
                           ToDoubleFunction<String> localQueueWeight) {
        this.config = config;
        this.frs = frs;
        this.localQueueWeight = localQueueWeight;
    }

    /** Weighted usage of a LocalQueue ("namespace/name"): lower goes first. */
    public double usage(String localQueue) {
        Ledger l = ledgers.get(localQueue);
        double[] c = l == null ? NONE : l.consumed;
        double total = 0;
        for (int r = 0; r < c.length; r++) {
            if (c[r] != 0) {
                total += config.resourceWeights().getOrDefault(frs.resources().name(r), 1.0) * c[r];
            }
        }
        double weight = localQueueWeight.applyAsDouble(localQueue);
        return weight <= 0 ? Double.POSITIVE_INFINITY : total / weight;
    }

    /**
     * The consumed usage a LocalQueue's status persisted (resource name to milli-units), as Kueue
     * restores it; only the first time the queue is seen, later status echoes change nothing.
     */
    public void seed(String localQueue, Map<String, Long> consumedMillis) {
        Ledger l = ledger(localQueue);
        if (l.seeded) {
            return;
        }
        l.seeded = true;
        consumedMillis.forEach((resource, millis) -> {
            int r = frs.resources().id(resource);
            l.consumed = fit(l.consumed);
            l.consumed[r] += millis / 1000.0;
        });
    }

    /** A workload of the LocalQueue now holds this quota. */
    public void admitted(String localQueue, Usage usage) {
        Ledger l = ledger(localQueue);
        l.admitted = add(l.admitted, usage, 1);
    }

    /** A workload of the LocalQueue released this quota. */
    public void released(String localQueue, Usage usage) {
        Ledger l = ledger(localQueue);
        l.admitted = add(l.admitted, usage, -1);
    }

    /** Forgets what every queue holds now (the caller adds it again). */
    public void clearAdmitted() {
        ledgers.values().forEach(l -> l.admitted = new double[0]);
    }

    /**
     * A workload was just admitted through the LocalQueue: its entry penalty (its usage times the
     * alpha of one sampling interval) settles into consumed usage, after bringing it up to date.
     */
    public void penalize(String localQueue, Usage usage, long now) {
        Ledger l = ledger(localQueue);
        decay(l, now);
        l.consumed = add(l.consumed, usage, alpha(config.usageSamplingIntervalMillis()));
    }

    /** Brings every queue's consumed usage up to date, once per sampling interval. */
    public void sampleIfDue(long now) {
        if (lastSample != NEVER && now - lastSample < config.usageSamplingIntervalMillis()) {
            return;
        }
        lastSample = now;
        ledgers.values().forEach(l -> decay(l, now));
    }

    /** Folds what the queue holds into its consumed usage for the time since its last update. */
    private void decay(Ledger l, long now) {
        if (config.usageHalfLifeMillis() == 0) {
            l.consumed = new double[0];
        } else if (l.updated != NEVER && now > l.updated) {
            double alpha = alpha(now - l.updated);
            l.consumed = fit(l.consumed);
            for (int r = 0; r < l.consumed.length; r++) {
                l.consumed[r] = l.consumed[r] * (1 - alpha) + (r < l.admitted.length ? l.admitted[r] : 0) * alpha;
            }
        }
        l.updated = Math.max(now, l.updated);
    }

    /** Kueue's decay rate for an elapsed time; 0 when the half-life is 0 (usage is not remembered). */
    private double alpha(long elapsedMillis) {
        if (config.usageHalfLifeMillis() == 0) {
            return 0;
        }
        return 1 - Math.pow(0.5, (double) elapsedMillis / config.usageHalfLifeMillis());
    }

    private Ledger ledger(String localQueue) {
        return ledgers.computeIfAbsent(localQueue, k -> new Ledger());
    }

    /** v grown to every resource known so far. */
    private double[] fit(double[] v) {
        return v.length < frs.resources().size() ? Arrays.copyOf(v, frs.resources().size()) : v;
    }

    private double[] add(double[] v, Usage usage, double factor) {
        double[] out = fit(v);
        for (int i = 0; i < usage.size(); i++) {
            int r = frs.resource(usage.fr(i));
            out[r] += frs.units().inStandardUnits(frs.resources().name(r), usage.amount(i)) * factor;
        }
        return out;
    }
}
