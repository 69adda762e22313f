package io.berth.core.queue;

import io.berth.api.config.AdmissionFairSharingConfig;
import io.berth.core.quota.FlavorResources;
import io.berth.core.workload.Usage;
import io.berth.core.workload.WorkloadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Admission fair sharing's usage ledger, as Kueue keeps it: per LocalQueue, consumed resources
 * decay toward what is admitted now (each sample folds in a fraction alpha = 1 - 0.5^(elapsed /
 * halfLife)), plus an entry penalty for every admission since the last sample, so a queue that
 * just got a workload in does not win again at once. Amounts are in resource units (cores, bytes).
 */
public final class LocalQueueUsage {
    private final AdmissionFairSharingConfig config;
    private final FlavorResources frs;
    private final ToDoubleFunction<String> localQueueWeight;
    private final Map<String, double[]> consumed = new HashMap<>();
    private final Map<String, double[]> penalty = new HashMap<>();
    private long lastSample = Long.MIN_VALUE;

    public LocalQueueUsage(AdmissionFairSharingConfig config, FlavorResources frs,
                           ToDoubleFunction<String> localQueueWeight) {
        this.config = config;
        this.frs = frs;
        this.localQueueWeight = localQueueWeight;
    }

    /** Weighted usage of a LocalQueue ("namespace/name"): lower goes first. */
    public double usage(String localQueue) {
        double total = 0;
        double[] c = consumed.get(localQueue);
        double[] p = penalty.get(localQueue);
        int n = Math.max(c == null ? 0 : c.length, p == null ? 0 : p.length);
        for (int r = 0; r < n; r++) {
            double v = (c != null && r < c.length ? c[r] : 0) + (p != null && r < p.length ? p[r] : 0);
            if (v != 0) {
                total += config.resourceWeights().getOrDefault(frs.resources().name(r), 1.0) * v;
            }
        }
        double weight = localQueueWeight.applyAsDouble(localQueue);
        return weight <= 0 ? Double.POSITIVE_INFINITY : total / weight;
    }

    /** Charges the entry penalty for a workload just admitted through the LocalQueue. */
    public void penalize(String localQueue, WorkloadInfo w) {
        double alpha = alpha(config.usageSamplingIntervalMillis());
        add(penalty, localQueue, w.admission().usage(), alpha);
    }

    /**
     * Folds what is admitted now into the decayed consumption, once per sampling interval.
     * admitted: workloads holding quota, by LocalQueue.
     */
    public void sampleIfDue(long now, Map<String, Iterable<WorkloadInfo>> admitted) {
        if (lastSample != Long.MIN_VALUE && now - lastSample < config.usageSamplingIntervalMillis()) {
            return;
        }
        double alpha = lastSample == Long.MIN_VALUE ? 1 : alpha(now - lastSample);
        lastSample = now;
        penalty.clear();
        if (config.usageHalfLifeMillis() == 0) {
            consumed.clear();
            return;
        }
        for (double[] c : consumed.values()) {
            for (int r = 0; r < c.length; r++) {
                c[r] *= 1 - alpha;
            }
        }
        admitted.forEach((lq, workloads) -> {
            for (WorkloadInfo w : workloads) {
                add(consumed, lq, w.admission().usage(), alpha);
            }
        });
    }

    /** Kueue's decay rate for an elapsed time; 0 when the half-life is 0 (usage is not remembered). */
    private double alpha(long elapsedMillis) {
        if (config.usageHalfLifeMillis() == 0) {
            return 0;
        }
        return 1 - Math.pow(0.5, (double) elapsedMillis / config.usageHalfLifeMillis());
    }

    private void add(Map<String, double[]> ledger, String lq, Usage usage, double factor) {
        double[] v = ledger.computeIfAbsent(lq, k -> new double[frs.resources().size()]);
        if (v.length < frs.resources().size()) {
            v = java.util.Arrays.copyOf(v, frs.resources().size());
            ledger.put(lq, v);
        }
        for (int i = 0; i < usage.size(); i++) {
            v[frs.resource(usage.fr(i))] += usage.amount(i) / 1000.0 * factor;
        }
    }
}
