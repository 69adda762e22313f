package io.berth.sim.report;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.core.ObjectMeta;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.sim.model.RunSegment;
import io.berth.sim.model.SimInput;
import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimResult;
import io.berth.sim.model.SimWorkload;
import io.berth.sim.model.WorkloadRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small hand-built simulation results whose metrics can be worked out on paper. */
final class Scenarios {
    static final long GIB = 1024L * 1024 * 1024;
    static final long HOUR = 3_600_000L;
    /** A realistic virtual epoch so that every figure must be relative to the run start. */
    static final long T0 = 1_700_000_000_000L;

    private Scenarios() {
    }

    static ClusterQueue cq(String name, Map<String, String> labels, Map<String, Long> nominal) {
        List<ResourceQuota> quotas = new ArrayList<>();
        nominal.forEach((r, q) -> quotas.add(new ResourceQuota(r, q, null, null)));
        return new ClusterQueue(new ObjectMeta(name, null, labels, Map.of(), null, null), null,
                List.of(new ResourceGroup(List.copyOf(nominal.keySet()), List.of(new FlavorQuotas("default", quotas)))),
                null, null, null, null, null, 1000, null);
    }

    static SimWorkload workload(String ns, String name, String lq, int priority, String cls, long submit,
                                long duration, Map<String, Long> perPod) {
        return new SimWorkload(ns, name, lq, priority, cls, submit, duration,
                List.of(new SimPodSet("main", 1, null, perPod, null, null, null)));
    }

    static Map<String, Long> req(long cpuMilli, long memBytes, long gpuMilli) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("cpu", cpuMilli);
        if (memBytes > 0) {
            m.put("memory", memBytes * 1000);
        }
        if (gpuMilli > 0) {
            m.put("nvidia.com/gpu", gpuMilli);
        }
        return m;
    }

    /**
     * One ClusterQueue "cq-a" (class label "cq", nominal 4 cpu), one LocalQueue team/lq, one node of
     * 6 cpu and 8 GiB, run [0 s, 100 s]. Each workload: 2 cpu, 1 GiB.
     * w1 small: created 0, admitted 0, runs 0-40 s. w2 small: created 10, runs 10-50 s.
     * w3 large: created 20, admitted 40 (when w1 finished), runs 40-90 s.
     */
    static SimResult oneQueue() {
        ClusterQueue cq = cq("cq-a", Map.of(Metrics.CLASS_LABEL, "cq"), Map.of("cpu", 4000L));
        Map<String, Long> r = req(2000, GIB, 0);
        SimWorkload w1 = workload("team", "w1", "lq", 0, "small", T0, 40_000, r);
        SimWorkload w2 = workload("team", "w2", "lq", 0, "small", T0 + 10_000, 40_000, r);
        SimWorkload w3 = workload("team", "w3", "lq", 5, "large", T0 + 20_000, 50_000, r);
        List<WorkloadRecord> records = List.of(
                ran(w1, "cq-a", T0, T0 + 40_000),
                ran(w2, "cq-a", T0 + 10_000, T0 + 50_000),
                ran(w3, "cq-a", T0 + 40_000, T0 + 90_000));
        SimNode node = new SimNode("n1", Map.of(), List.of(), 6000, 8 * GIB, 0, null);
        SimInput input = new SimInput(List.<KubeObject>of(cq), Configuration.DEFAULT, List.of(node),
                List.of(w1, w2, w3));
        return new SimResult(input, records, T0, T0 + 100_000, 7, 12, Map.of());
    }

    /** Admitted at start, ran start..end to completion. */
    static WorkloadRecord ran(SimWorkload w, String cq, long start, long end) {
        WorkloadRecord rec = new WorkloadRecord(w, cq);
        rec.admitted(start, usage(w));
        rec.runSegment(new RunSegment(start, end, true));
        rec.finished(end);
        return rec;
    }

    static Map<String, Long> usage(SimWorkload w) {
        Map<String, Long> u = new LinkedHashMap<>();
        for (SimPodSet ps : w.podSets()) {
            ps.requests().forEach((k, v) -> u.merge(k, v * ps.count(), Long::sum));
        }
        return u;
    }

    /**
     * GPUs, one hour run [0, 1 h], one node of 32 cpu, 64 GiB and 8 GPUs. ClusterQueues "a" and
     * "b", each nominal 4 GPUs and 16 cpu. wa1 (a): 4 GPUs, 8 cpu, runs the whole hour. wb1 (b):
     * 4 GPUs, 4 cpu, runs 0-0.5 h, is preempted, waits, is admitted again at 0.75 h and runs to the
     * end. wb2 (b): 2 GPUs, 2 cpu, never admitted. With preempt=false wb1 simply runs the whole hour.
     */
    static SimResult gpus(boolean preempt) {
        ClusterQueue a = cq("a", Map.of(), Map.of("cpu", 16_000L, "nvidia.com/gpu", 4000L));
        ClusterQueue b = cq("b", Map.of(), Map.of("cpu", 16_000L, "nvidia.com/gpu", 4000L));
        SimWorkload wa1 = workload("ns-a", "wa1", "lq-a", 10, "train", T0, HOUR, req(8000, 0, 4000));
        SimWorkload wb1 = workload("ns-b", "wb1", "lq-b", 0, "train", T0, HOUR, req(4000, 0, 4000));
        SimWorkload wb2 = workload("ns-b", "wb2", "lq-b", 0, "train", T0, HOUR, req(2000, 0, 2000));
        WorkloadRecord ra1 = ran(wa1, "a", T0, T0 + HOUR);
        WorkloadRecord rb1;
        if (preempt) {
            rb1 = new WorkloadRecord(wb1, "b");
            rb1.admitted(T0, usage(wb1));
            rb1.runSegment(new RunSegment(T0, T0 + HOUR / 2, false));
            rb1.preempted();
            rb1.admitted(T0 + 3 * HOUR / 4, usage(wb1));
            rb1.runSegment(new RunSegment(T0 + 3 * HOUR / 4, T0 + HOUR, true));
            rb1.finished(T0 + HOUR);
        } else {
            rb1 = ran(wb1, "b", T0, T0 + HOUR);
        }
        WorkloadRecord rb2 = new WorkloadRecord(wb2, "b");
        SimNode node = new SimNode("gpu-1", Map.of(), List.of(), 32_000, 64 * GIB, 8, "A100");
        SimInput input = new SimInput(List.<KubeObject>of(a, b), Configuration.DEFAULT, List.of(node),
                List.of(wa1, wb1, wb2));
        return new SimResult(input, List.of(ra1, rb1, rb2), T0, T0 + HOUR, 20, 40, Map.of());
    }
}
