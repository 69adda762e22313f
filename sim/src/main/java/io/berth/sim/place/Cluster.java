package io.berth.sim.place;

import io.berth.sim.model.SimNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated cluster's nodes and what is bound to them; places pods one by one as
 * kube-scheduler does: filter, score, bind to the best node (ties to the lowest node index).
 *
 * <p>Filters: cpu and memory fit the node's free capacity; a pod asking for 1000 GPU milli or
 * more takes that many whole GPUs (rounded up), each entirely free; a pod asking for 1 to 999
 * milli takes a share of one GPU with at least that much free (GPU sharing, as the Alibaba
 * trace's gpu_milli); the {@link NodeFilter} rules (nodeSelector, NoSchedule/NoExecute taints,
 * GPU models). Scores ({@link Scorer}), exact and deterministic:
 * <ul>
 * <li>LEAST_ALLOCATED: the highest free fraction once the pod is bound, averaged over cpu and
 * memory, and GPU milli when the pod asks for GPUs; a share goes to the node's emptiest GPU.
 * <li>MOST_ALLOCATED: the lowest such fraction; a share goes to the fullest GPU it fits.
 * <li>GPU_PACKING: whole-GPU pods go to the node with the fewest whole free GPUs that still
 * fit, then the least free GPU milli, then MOST_ALLOCATED on cpu and memory; a share goes to the
 * GPU with the least free milli that still fits (best fit, so whole GPUs stay free), then to the
 * node with the fewest whole free GPUs; pods without GPUs prefer nodes without GPUs, then
 * MOST_ALLOCATED.
 * </ul>
 *
 * <p>Cost: nodes are grouped into classes of equal labels, taints and GPU model
 * ({@link NodeClasses}); each distinct pod filter is evaluated once per class and gets a
 * {@link NodeIndex} over the nodes it admits (shared by filters admitting the same classes),
 * built in O(n log n) on first use. Placing a pod is then a branch-and-bound search of that
 * index, O(log n) when its bounds are tight (see {@link NodeIndex}), plus O(log n) per index
 * holding the chosen node to update them; a release is O(log n) per index holding the node.
 * State is compact: a few longs per node, one int per GPU ({@link NodeState}), about 20 longs
 * per index segment. {@link #fragmentedGpuMilli} is O(nodes x distinct shapes + GPUs).
 * Deterministic; not thread-safe.
 */
public final class Cluster {
    private final List<SimNode> nodes;
    private final NodeState state;
    private final NodeClasses classes;
    private final Map<NodeFilter, NodeIndex> byFilter = new HashMap<>();
    private final Map<BitSet, NodeIndex> byClasses = new HashMap<>();
    /** The indexes each node belongs to. */
    private final NodeIndex[][] indexesOf;

    /** Chooses the devices of GPU pods with DRA placement; null for counting placement. */
    private final DeviceAllocation devices;

    private PodRequest lastPod;
    private Demand lastDemand;
    private NodeIndex lastIndex;

    public Cluster(List<SimNode> nodes) {
        this(nodes, null);
    }

    /**
     * With devices, GPU pods are placed as kube-scheduler does with Dynamic Resource Allocation:
     * the counts filter and score nodes as above, then the best node must also pass the device
     * allocator, which chooses the GPUs; a node it refuses is set aside and the next best tried.
     */
    public Cluster(List<SimNode> nodes, DeviceAllocation devices) {
        this.devices = devices;
        this.nodes = List.copyOf(nodes);
        this.state = new NodeState(this.nodes);
        this.classes = new NodeClasses(this.nodes);
        this.indexesOf = new NodeIndex[this.nodes.size()][];
        Arrays.fill(indexesOf, new NodeIndex[0]);
    }

    /**
     * Places the pods in order. Without gang, returns the bindings of those that fit (maybe
     * fewer than asked, in the pods' order). With gang, all or nothing: if one pod does not fit,
     * the pods already bound by this call are released and the result is empty.
     */
    public List<Binding> place(List<PodRequest> pods, boolean gang, Scorer scorer) {
        List<Binding> bound = new ArrayList<>(pods.size());
        Set<PodRequest> failed = null;
        for (PodRequest pod : pods) {
            // capacity only shrinks during a call: a pod that did not fit will not fit again
            Binding b = failed != null && failed.contains(pod) ? null : placeOne(pod, scorer);
            if (b != null) {
                bound.add(b);
            } else if (gang) {
                release(bound);
                return List.of();
            } else {
                if (failed == null) {
                    failed = new HashSet<>();
                }
                failed.add(pod);
            }
        }
        return bound;
    }

    private Binding placeOne(PodRequest pod, Scorer scorer) {
        if (pod != lastPod) {
            lastDemand = Demand.of(pod);
            lastIndex = indexFor(NodeFilter.of(pod));
            lastPod = pod;
        }
        Demand d = lastDemand;
        Search.Mode mode = mode(scorer, d);
        int node = lastIndex.best(d, mode);
        if (node < 0) {
            return null;
        }
        if (devices != null && d.usesGpu()) {
            return placeWithDevices(pod, d, mode, node);
        }
        int[] gpus = state.take(node, d, scorer == Scorer.LEAST_ALLOCATED);
        updateIndexes(node, false);
        return new Binding(node, pod, gpus);
    }

    /** Asks the device allocator on the best nodes in turn until one grants the pod its GPUs. */
    private Binding placeWithDevices(PodRequest pod, Demand d, Search.Mode mode, int node) {
        BitSet refused = null;
        while (node >= 0) {
            DeviceAllocation.Grant grant = devices.allocate(node, pod);
            if (grant != null) {
                try {
                    state.take(node, d, grant.gpus());
                } catch (IllegalStateException e) {
                    devices.release(node, grant.claim());
                    throw new IllegalStateException("devices granted on node " + nodes.get(node).name()
                            + " disagree with its free GPUs: " + e.getMessage(), e);
                }
                updateIndexes(node, false);
                return new Binding(node, pod, grant.gpus(), grant.claim());
            }
            if (refused == null) {
                refused = new BitSet();
            }
            refused.set(node);
            node = lastIndex.best(d, mode, refused);
        }
        return null;
    }

    private static Search.Mode mode(Scorer scorer, Demand d) {
        return switch (scorer) {
            case LEAST_ALLOCATED -> Search.Mode.LEAST;
            case MOST_ALLOCATED -> Search.Mode.MOST;
            case GPU_PACKING -> d.wholeGpus > 0 ? Search.Mode.PACK_WHOLE
                    : d.share > 0 ? Search.Mode.PACK_SHARE : Search.Mode.PACK_CPU;
        };
    }

    /**
     * Frees exactly what the bindings hold. A binding that holds more than its node has in use
     * (released twice, or not from this cluster) fails with IllegalStateException; the bindings
     * before it stay released.
     */
    public void release(List<Binding> bindings) {
        for (Binding b : bindings) {
            if (b.claim() != null) {
                int[] held = devices == null ? null : devices.release(b.node(), b.claim());
                if (held == null || !Arrays.equals(held, b.gpus())) {
                    throw new IllegalStateException("claim " + b.claim() + " does not hold the binding's GPUs");
                }
            }
            state.give(b.node(), Demand.of(b.pod()), b.gpus());
            updateIndexes(b.node(), true);
        }
    }

    private void updateIndexes(int node, boolean freed) {
        for (NodeIndex index : indexesOf[node]) {
            index.update(node, freed);
        }
    }

    /** The index of the nodes a filter admits, built on first use. */
    private NodeIndex indexFor(NodeFilter filter) {
        NodeIndex index = byFilter.get(filter);
        if (index == null) {
            BitSet eligible = classes.eligible(filter);
            index = byClasses.get(eligible);
            if (index == null) {
                int[] members = classes.nodesOf(eligible);
                index = new NodeIndex(state, members);
                byClasses.put(eligible, index);
                for (int node : members) {
                    NodeIndex[] old = indexesOf[node];
                    NodeIndex[] grown = Arrays.copyOf(old, old.length + 1);
                    grown[old.length] = index;
                    indexesOf[node] = grown;
                }
            }
            byFilter.put(filter, index);
        }
        return index;
    }

    /**
     * Free GPU milli on GPUs that none of the pending pod shapes could use now: a GPU is usable
     * by a shape when the shape's filters admit its node, the shape's cpu and memory fit the
     * node's free capacity, and either the shape asks for a share no larger than the GPU's free
     * milli, or it asks for whole GPUs, this GPU is entirely free and the node has enough whole
     * free GPUs. Shapes without GPUs use no GPU, so with no GPU shapes pending every free GPU
     * milli counts as fragmented.
     */
    public long fragmentedGpuMilli(List<PodRequest> pendingShapes) {
        List<PodRequest> shapes = new ArrayList<>();
        for (PodRequest p : new java.util.LinkedHashSet<>(pendingShapes)) {
            if (p.gpuMilli() > 0) {
                shapes.add(p);
            }
        }
        Demand[] demands = new Demand[shapes.size()];
        NodeIndex[] admitted = new NodeIndex[shapes.size()];
        for (int j = 0; j < demands.length; j++) {
            demands[j] = Demand.of(shapes.get(j));
            admitted[j] = indexFor(NodeFilter.of(shapes.get(j)));
        }
        long fragmented = 0;
        for (int i = 0; i < state.n; i++) {
            if (state.freeGpu[i] == 0) {
                continue;
            }
            int smallestShare = Integer.MAX_VALUE;
            boolean wholeFits = false;
            for (int j = 0; j < demands.length; j++) {
                Demand d = demands[j];
                if (!admitted[j].contains(i) || state.freeCpu[i] < d.cpu || state.freeMem[i] < d.mem) {
                    continue;
                }
                if (d.wholeGpus > 0) {
                    wholeFits |= state.whole[i] >= d.wholeGpus;
                } else {
                    smallestShare = Math.min(smallestShare, d.share);
                }
            }
            for (int g = state.gpuOff[i]; g < state.gpuOff[i + 1]; g++) {
                int free = state.gpuFree[g];
                boolean usable = free >= smallestShare || (wholeFits && free == NodeState.GPU);
                if (free > 0 && !usable) {
                    fragmented += free;
                }
            }
        }
        return fragmented;
    }

    public int nodeCount() {
        return nodes.size();
    }

    public SimNode node(int i) {
        return nodes.get(i);
    }

    /** Node i's free cpu (milli-cores). */
    public long freeCpuMilli(int i) {
        return state.freeCpu[i];
    }

    /** Node i's free memory (bytes). */
    public long freeMemoryBytes(int i) {
        return state.freeMem[i];
    }

    /** The free milli (0..1000) of GPU g of node i. */
    public int freeGpuMilli(int i, int g) {
        if (g < 0 || g >= state.gpus[i]) {
            throw new IndexOutOfBoundsException("node " + i + " has no GPU " + g);
        }
        return state.gpuFree[state.gpuOff[i] + g];
    }

    public long totalCpuMilli() {
        return state.totalCpu();
    }

    public long totalMemoryBytes() {
        return state.totalMem();
    }

    public int totalGpus() {
        return state.totalGpus();
    }

    public long usedCpuMilli() {
        return state.usedCpu();
    }

    public long usedMemoryBytes() {
        return state.usedMem();
    }

    /** GPU milli in use: 1000 per GPU held whole, a share's milli for a share. */
    public long usedGpuMilli() {
        return state.usedGpuMilli();
    }

    /** Free GPU milli on GPUs partly in use (free above 0 and below 1000). */
    public long partialFreeGpuMilli() {
        return state.partialFreeMilli();
    }

    /** GPUs with nothing in use. */
    public int fullyFreeGpus() {
        return state.fullyFreeGpus();
    }
}
