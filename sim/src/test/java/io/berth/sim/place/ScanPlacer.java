package io.berth.sim.place;

import io.berth.api.core.Taint;
import io.berth.api.core.Toleration;
import io.berth.sim.model.SimNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The placement rules written the slow, obvious way (every pod scans every node), independent
 * of Cluster's classes and indexes: tests check that Cluster binds exactly as this does.
 */
final class ScanPlacer {
    private static final long ONE = 1L << 30;
    private final List<SimNode> nodes;
    private final long[] cpu;
    private final long[] mem;
    private final int[][] gpu;

    ScanPlacer(List<SimNode> nodes) {
        this.nodes = nodes;
        cpu = new long[nodes.size()];
        mem = new long[nodes.size()];
        gpu = new int[nodes.size()][];
        for (int i = 0; i < nodes.size(); i++) {
            cpu[i] = nodes.get(i).cpuMilli();
            mem[i] = nodes.get(i).memoryBytes();
            gpu[i] = new int[nodes.get(i).gpus()];
            java.util.Arrays.fill(gpu[i], 1000);
        }
    }

    /** Places one pod: its node and GPUs as {node, gpu...}, or null. */
    int[] place(PodRequest p, Scorer scorer) {
        int best = -1;
        long[] bestScore = null;
        for (int i = 0; i < nodes.size(); i++) {
            if (!fits(i, p)) {
                continue;
            }
            long[] s = score(i, p, scorer);
            if (best < 0 || java.util.Arrays.compare(s, bestScore) > 0) {
                best = i;
                bestScore = s;
            }
        }
        if (best < 0) {
            return null;
        }
        List<Integer> held = new ArrayList<>();
        long g = p.gpuMilli();
        if (g >= 1000) {
            int k = (int) ((g + 999) / 1000);
            for (int j = 0; j < gpu[best].length && held.size() < k; j++) {
                if (gpu[best][j] == 1000) {
                    gpu[best][j] = 0;
                    held.add(j);
                }
            }
        } else if (g > 0) {
            int chosen = -1;
            for (int j = 0; j < gpu[best].length; j++) {
                int f = gpu[best][j];
                if (f >= g && (chosen < 0 || (scorer == Scorer.LEAST_ALLOCATED ? f > gpu[best][chosen]
                        : f < gpu[best][chosen]))) {
                    chosen = j;
                }
            }
            gpu[best][chosen] -= (int) g;
            held.add(chosen);
        }
        cpu[best] -= p.cpuMilli();
        mem[best] -= p.memoryBytes();
        int[] out = new int[held.size() + 1];
        out[0] = best;
        for (int j = 0; j < held.size(); j++) {
            out[j + 1] = held.get(j);
        }
        return out;
    }

    void release(int node, PodRequest p, int[] gpus) {
        cpu[node] += p.cpuMilli();
        mem[node] += p.memoryBytes();
        for (int g : gpus) {
            gpu[node][g] += p.gpuMilli() >= 1000 ? 1000 : (int) p.gpuMilli();
        }
    }

    private boolean fits(int i, PodRequest p) {
        SimNode n = nodes.get(i);
        for (Map.Entry<String, String> e : p.nodeSelector().entrySet()) {
            if (!e.getValue().equals(n.labels().get(e.getKey()))) {
                return false;
            }
        }
        for (Taint t : n.taints()) {
            if (t.effect().equals("NoSchedule") || t.effect().equals("NoExecute")) {
                boolean ok = false;
                for (Toleration tol : p.tolerations()) {
                    ok |= tol.tolerates(t);
                }
                if (!ok) {
                    return false;
                }
            }
        }
        if (!p.gpuModels().isEmpty() && (n.gpuModel() == null || !p.gpuModels().contains(n.gpuModel()))) {
            return false;
        }
        if (cpu[i] < p.cpuMilli() || mem[i] < p.memoryBytes()) {
            return false;
        }
        long g = p.gpuMilli();
        if (g >= 1000) {
            return whole(i) >= (g + 999) / 1000;
        }
        if (g > 0) {
            for (int f : gpu[i]) {
                if (f >= g) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private long[] score(int i, PodRequest p, Scorer scorer) {
        SimNode n = nodes.get(i);
        long g = p.gpuMilli();
        long held = g >= 1000 ? (g + 999) / 1000 * 1000 : g;
        long free2 = term(cpu[i], n.cpuMilli()) - term(p.cpuMilli(), n.cpuMilli())
                + term(mem[i], n.memoryBytes()) - term(p.memoryBytes(), n.memoryBytes());
        long free3 = free2 + term(freeGpu(i), n.gpus() * 1000L) - term(held, n.gpus() * 1000L);
        long free = g > 0 ? free3 : free2;
        // the last component breaks ties to the lowest index
        return switch (scorer) {
            case LEAST_ALLOCATED -> new long[] {free, -i};
            case MOST_ALLOCATED -> new long[] {-free, -i};
            case GPU_PACKING -> {
                if (g == 0) {
                    yield new long[] {n.gpus() == 0 ? 1 : 0, -free2, -i};
                }
                if (g >= 1000) {
                    yield new long[] {-whole(i), -freeGpu(i), -free2, -i};
                }
                int fit = Integer.MAX_VALUE;
                for (int f : gpu[i]) {
                    if (f >= g) {
                        fit = Math.min(fit, f);
                    }
                }
                yield new long[] {-fit, -whole(i), -i};
            }
        };
    }

    private int whole(int i) {
        int w = 0;
        for (int f : gpu[i]) {
            w += f == 1000 ? 1 : 0;
        }
        return w;
    }

    private long freeGpu(int i) {
        long s = 0;
        for (int f : gpu[i]) {
            s += f;
        }
        return s;
    }

    private static long term(long f, long c) {
        return c <= 0 || f <= 0 ? 0 : (long) ((double) f * ONE / c);
    }
}
