package io.berth.sim.place;

import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimWorkload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Steers GPU pods that name no GPU model to the models that have a node big enough for one of
 * them (cpu, memory and GPUs of an empty node), as platform teams do with node affinity by
 * machine size. Kueue picks flavors by quota alone, so without this a pod could get the flavor
 * of a model none of whose nodes can ever hold it, and wait forever with its quota.
 */
public final class GpuModelSteering {
    /** Per GPU model, the distinct node sizes: cpu milli, memory bytes, GPUs. */
    private final Map<String, Set<List<Long>>> sizesByModel = new TreeMap<>();
    private final Map<List<Long>, List<String>> modelsByRequest = new HashMap<>();

    public GpuModelSteering(List<SimNode> nodes) {
        for (SimNode n : nodes) {
            if (n.gpus() > 0 && n.gpuModel() != null) {
                sizesByModel.computeIfAbsent(n.gpuModel(), m -> new LinkedHashSet<>())
                        .add(List.of(n.cpuMilli(), n.memoryBytes(), (long) n.gpus()));
            }
        }
    }

    /** The workload with its model-less GPU pod sets limited to the models that can host them. */
    public SimWorkload steer(SimWorkload w) {
        List<SimPodSet> podSets = new ArrayList<>(w.podSets().size());
        boolean changed = false;
        for (SimPodSet ps : w.podSets()) {
            List<String> models = ps.gpuMilli() > 0 && ps.gpuModels().isEmpty() ? modelsFor(ps) : null;
            if (models == null) {
                podSets.add(ps);
            } else {
                podSets.add(new SimPodSet(ps.name(), ps.count(), ps.minCount(), ps.requests(), models, ps.nodeSelector(),
                        ps.tolerations()));
                changed = true;
            }
        }
        return changed ? new SimWorkload(w.namespace(), w.name(), w.localQueue(), w.priority(), w.workloadClass(),
                w.submitMillis(), w.durationMillis(), podSets) : w;
    }

    /** The models with a node that can host one pod, or null when that is all of them or none. */
    private List<String> modelsFor(SimPodSet ps) {
        long cpu = ps.requests().getOrDefault("cpu", 0L);
        long memory = ps.requests().getOrDefault("memory", 0L) / 1000;
        long gpus = Math.max(1, ps.gpuMilli() / 1000); // a share needs one GPU
        List<String> models = modelsByRequest.computeIfAbsent(List.of(cpu, memory, gpus), k -> {
            List<String> fit = new ArrayList<>();
            sizesByModel.forEach((model, sizes) -> {
                if (sizes.stream().anyMatch(s -> s.get(0) >= cpu && s.get(1) >= memory && s.get(2) >= gpus)) {
                    fit.add(model);
                }
            });
            return List.copyOf(fit);
        });
        return models.isEmpty() || models.size() == sizesByModel.size() ? null : models;
    }
}
