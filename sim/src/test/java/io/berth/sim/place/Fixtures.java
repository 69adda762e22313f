package io.berth.sim.place;

import io.berth.api.core.Taint;
import io.berth.api.core.Toleration;
import io.berth.sim.model.SimNode;
import java.util.List;
import java.util.Map;

/** A small vocabulary for placement tests: nodes and pods in cores, GiB and GPU milli. */
final class Fixtures {
    static final long GI = 1L << 30;

    private Fixtures() {
    }

    static SimNode node(String name, int cores, int memGi) {
        return new SimNode(name, Map.of(), List.of(), cores * 1000L, memGi * GI, 0, null);
    }

    static SimNode gpuNode(String name, int cores, int memGi, int gpus, String model) {
        return new SimNode(name, Map.of(SimNode.GPU_MODEL_LABEL, model), List.of(), cores * 1000L, memGi * GI, gpus,
                model);
    }

    static SimNode labeled(SimNode n, Map<String, String> labels) {
        return new SimNode(n.name(), labels, n.taints(), n.cpuMilli(), n.memoryBytes(), n.gpus(), n.gpuModel());
    }

    static SimNode tainted(SimNode n, Taint... taints) {
        return new SimNode(n.name(), n.labels(), List.of(taints), n.cpuMilli(), n.memoryBytes(), n.gpus(),
                n.gpuModel());
    }

    /** A pod of cpu milli-cores, memory GiB and GPU milli, without constraints. */
    static PodRequest pod(long cpuMilli, long memGi, long gpuMilli) {
        return new PodRequest(cpuMilli, memGi * GI, gpuMilli, Map.of(), List.of(), List.of());
    }

    static PodRequest withSelector(PodRequest p, Map<String, String> selector) {
        return new PodRequest(p.cpuMilli(), p.memoryBytes(), p.gpuMilli(), selector, p.tolerations(), p.gpuModels());
    }

    static PodRequest withTolerations(PodRequest p, Toleration... tolerations) {
        return new PodRequest(p.cpuMilli(), p.memoryBytes(), p.gpuMilli(), p.nodeSelector(), List.of(tolerations),
                p.gpuModels());
    }

    static PodRequest withModels(PodRequest p, String... models) {
        return new PodRequest(p.cpuMilli(), p.memoryBytes(), p.gpuMilli(), p.nodeSelector(), p.tolerations(),
                List.of(models));
    }

    /** Places one pod; returns its binding or null. */
    static Binding placeOne(Cluster c, PodRequest p, Scorer s) {
        List<Binding> b = c.place(List.of(p), false, s);
        return b.isEmpty() ? null : b.get(0);
    }

    /** The node a single pod goes to, or -1. */
    static int nodeOf(Cluster c, PodRequest p, Scorer s) {
        Binding b = placeOne(c, p, s);
        return b == null ? -1 : b.node();
    }

    /** Every node's free cpu and memory and every GPU's free milli, for comparing states. */
    static String snapshot(Cluster c) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < c.nodeCount(); i++) {
            sb.append(i).append(':').append(c.freeCpuMilli(i)).append('/').append(c.freeMemoryBytes(i));
            for (int g = 0; g < c.node(i).gpus(); g++) {
                sb.append(',').append(c.freeGpuMilli(i, g));
            }
            sb.append(';');
        }
        sb.append(c.usedCpuMilli()).append('/').append(c.usedMemoryBytes()).append('/').append(c.usedGpuMilli())
                .append('/').append(c.fullyFreeGpus());
        return sb.toString();
    }
}
