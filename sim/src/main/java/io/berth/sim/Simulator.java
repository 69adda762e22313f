package io.berth.sim;

import io.berth.api.KubeObject;
import io.berth.api.Quantity;
import io.berth.api.config.Configuration;
import io.berth.api.core.Toleration;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.core.Engine;
import io.berth.core.cycle.CycleResult;
import io.berth.core.preempt.Target;
import io.berth.core.quota.FlavorResources;
import io.berth.core.workload.PodSetAdmission;
import io.berth.core.workload.Usage;
import io.berth.core.workload.WorkloadInfo;
import io.berth.sim.devices.DraDevices;
import io.berth.sim.model.RunSegment;
import io.berth.sim.model.SimInput;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimResult;
import io.berth.sim.model.SimWorkload;
import io.berth.sim.model.WorkloadRecord;
import io.berth.sim.place.Binding;
import io.berth.sim.place.Cluster;
import io.berth.sim.place.GpuModelSteering;
import io.berth.sim.place.PodRequest;
import io.berth.sim.report.DeviceSeries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Discrete-event simulation in virtual time around the unchanged admission engine: workloads
 * arrive, cycles run whenever something changed (as Kueue reacts to events), admitted pods are
 * placed on nodes, a workload runs its duration once all its pods run, then finishes and frees
 * quota and nodes. Preempted or evicted workloads lose their work and queue again.
 */
public final class Simulator {
    /**
     * Cycles at one instant stop when nothing changes; this bounds a livelock (two queues taking
     * quota back from each other forever), which then waits for the next event.
     */
    private static final int MAX_CYCLES_PER_INSTANT = 10_000;

    private final SimInput input;
    private final SimOptions options;
    private final Engine engine;
    private final Cluster cluster;
    private final Map<String, ResourceFlavor> flavors = new HashMap<>();
    private final Map<String, String> clusterQueueOfLocalQueue = new HashMap<>();
    private final Map<String, Tracked> tracked = new HashMap<>();
    private final LinkedHashMap<String, Tracked> waitingForNodes = new LinkedHashMap<>();
    private final PriorityQueue<Event> events = new PriorityQueue<>(
            Comparator.comparingLong(Event::time).thenComparingLong(Event::seq));
    private final List<WorkloadRecord> records = new ArrayList<>();
    private long seq;
    private long now;
    private long cycles;
    private long eventCount;
    private long arrived;
    private LongConsumer progress;
    private CycleListener cycleListener;
    /** Workloads that arrived and hold no quota yet: their pod shapes say which free GPUs are usable. */
    private final LinkedHashMap<String, Tracked> waitingForQuota = new LinkedHashMap<>();
    private final List<double[]> fragmentation = new ArrayList<>();
    private long fragmentationInterval;
    private long nextFragmentationSample = Long.MIN_VALUE;

    /** A workload's state in the simulation. */
    private static final class Tracked {
        final SimWorkload spec;
        final WorkloadRecord record;
        List<Binding> bindings = new ArrayList<>();
        List<PodRequest> unplaced = List.of();
        long runningSince = -1;
        int epoch;

        Tracked(SimWorkload spec, WorkloadRecord record) {
            this.spec = spec;
            this.record = record;
        }
    }

    private record Event(long time, long seq, Kind kind, Tracked workload, int epoch) {
    }

    private enum Kind { ARRIVAL, FINISH, WAKE_UP }

    private final GpuModelSteering steering;
    private final DraDevices draDevices;
    /** {time, allocated GPU milli, free milli on partly used GPUs} whenever the last two change. */
    private final List<long[]> deviceSamples = new ArrayList<>();

    public Simulator(SimInput input, SimOptions options) {
        this.input = input;
        this.options = options;
        // GPU shares (a fraction of a GPU per pod) count as fractions of the GPU quota.
        Configuration config = input.configuration();
        this.engine = new Engine(config.withBerth(config.berth().withMilliUnits(SimPodSet.GPU)));
        this.draDevices = options.devices() == SimOptions.DevicePlacement.DRA && !input.nodes().isEmpty()
                ? new DraDevices(input.nodes()) : null;
        this.cluster = input.nodes().isEmpty() ? null : new Cluster(input.nodes(), draDevices);
        this.steering = input.nodes().isEmpty() ? null : new GpuModelSteering(input.nodes());
        for (KubeObject o : input.queueObjects()) {
            if (o instanceof ResourceFlavor f) {
                flavors.put(f.metadata().name(), f);
            } else if (o instanceof io.berth.api.kueue.LocalQueue lq) {
                clusterQueueOfLocalQueue.put(lq.metadata().key(), lq.clusterQueue());
            }
        }
        engine.applyAll(input.queueObjects());
        // The queues are configured before anything arrives: build their quota tree now, not in the first cycle.
        engine.quotaTree();
    }

    /** Runs the whole trace and returns what happened to every workload. */
    public SimResult run() {
        return run(null);
    }

    /** Runs the whole trace, telling progress (workloads arrived so far; may be null). */
    public SimResult run(LongConsumer progress) {
        return run(progress, null);
    }

    /** Runs the whole trace, telling progress and every cycle (either may be null). */
    public SimResult run(LongConsumer progress, CycleListener cycleListener) {
        this.progress = progress;
        this.cycleListener = cycleListener;
        long start = Long.MAX_VALUE;
        for (SimWorkload w : input.workloads()) {
            WorkloadRecord record = new WorkloadRecord(w, clusterQueueOfLocalQueue.get(w.namespace() + "/" + w.localQueue()));
            Tracked t = new Tracked(steering == null ? w : steering.steer(w), record);
            records.add(record);
            tracked.put(w.key(), t);
            push(w.submitMillis(), Kind.ARRIVAL, t);
            start = Math.min(start, w.submitMillis());
        }
        long end = start == Long.MAX_VALUE ? 0 : start;
        long lastSubmit = input.workloads().stream().mapToLong(SimWorkload::submitMillis).max().orElse(end);
        fragmentationInterval = Math.max(1000, (lastSubmit - end) / 200);
        while (!events.isEmpty()) {
            now = events.peek().time();
            while (!events.isEmpty() && events.peek().time() == now) {
                handle(events.poll());
            }
            placeWaiting();
            runCycles();
            sampleFragmentation();
            sampleDevices();
            long wake = engine.nextWakeUp();
            if (wake != Long.MAX_VALUE) {
                push(Math.max(wake, now + 1), Kind.WAKE_UP, null);
            }
            end = now;
        }
        Map<String, Long> shares = input.configuration().fairSharing().enable() ? engine.weightedShares() : Map.of();
        return new SimResult(input, records, start == Long.MAX_VALUE ? 0 : start, end, cycles, eventCount, shares);
    }

    private void push(long time, Kind kind, Tracked t) {
        events.add(new Event(time, seq++, kind, t, t == null ? 0 : t.epoch));
    }

    private void handle(Event e) {
        eventCount++;
        switch (e.kind()) {
            case ARRIVAL -> {
                engine.apply(WorkloadObjects.of(e.workload().spec));
                waitingForQuota.put(e.workload().spec.key(), e.workload());
                if (progress != null) {
                    progress.accept(++arrived);
                }
            }
            case FINISH -> {
                Tracked t = e.workload();
                if (t.epoch == e.epoch()) {
                    finish(t);
                }
            }
            case WAKE_UP -> {
                // Nothing to do here: the cycles that follow let the engine act on its deadlines.
            }
        }
    }

    /** Runs cycles at the current instant for as long as they change something. */
    private void runCycles() {
        Set<String> lastPending = Set.of();
        for (int i = 0; i < MAX_CYCLES_PER_INSTANT; i++) {
            if (cycleListener != null) {
                cycleListener.beforeCycle();
            }
            CycleResult r = engine.schedule(now);
            if (cycleListener != null) {
                cycleListener.afterCycle(r);
            }
            cycles++;
            r.preempted().forEach(this::preempted);
            r.evicted().keySet().forEach(key -> stop(tracked.get(key), false));
            r.admitted().forEach(this::admitted);
            boolean changed = !r.admitted().isEmpty() || !r.preempted().isEmpty() || !r.evicted().isEmpty()
                    || !r.pending().keySet().equals(lastPending);
            if (!changed || !engine.hasActiveWorkloads()) {
                return;
            }
            lastPending = r.pending().keySet();
        }
    }

    private void admitted(WorkloadInfo w) {
        Tracked t = tracked.get(w.key());
        if (t == null) {
            return;
        }
        t.record.admitted(now, usageByResource(w.admission().usage()));
        waitingForQuota.remove(t.spec.key());
        t.unplaced = podsOf(t.spec, w);
        place(t);
    }

    /** Places what it can of t's pods; starts it once all run. Without nodes it starts at once. */
    private void place(Tracked t) {
        if (cluster != null && !t.unplaced.isEmpty()) {
            List<Binding> placed = cluster.place(t.unplaced, options.gang(), options.scorer());
            t.bindings.addAll(placed);
            List<PodRequest> rest = new ArrayList<>(t.unplaced);
            placed.forEach(b -> rest.remove(b.pod()));
            t.unplaced = rest;
        } else {
            t.unplaced = List.of();
        }
        if (t.unplaced.isEmpty()) {
            waitingForNodes.remove(t.spec.key());
            start(t);
        } else {
            waitingForNodes.put(t.spec.key(), t);
        }
    }

    private void placeWaiting() {
        for (Tracked t : new ArrayList<>(waitingForNodes.values())) {
            place(t);
        }
    }

    private void start(Tracked t) {
        t.runningSince = now;
        engine.setPodsReady(t.spec.key(), true);
        push(now + t.spec.durationMillis(), Kind.FINISH, t);
    }

    private void finish(Tracked t) {
        t.record.runSegment(new RunSegment(t.runningSince, now, true));
        t.record.finished(now);
        release(t);
        engine.finish(t.spec.key());
    }

    private void preempted(Target target) {
        Tracked t = tracked.get(target.workload().key());
        if (t != null) {
            stop(t, true);
        }
    }

    /** Pods are killed: the run so far is lost and the workload will queue again. */
    private void stop(Tracked t, boolean preempted) {
        if (t == null) {
            return;
        }
        if (t.runningSince >= 0) {
            t.record.runSegment(new RunSegment(t.runningSince, now, false));
        }
        if (preempted) {
            t.record.preempted();
        } else {
            t.record.evicted();
        }
        release(t);
        waitingForQuota.put(t.spec.key(), t);
    }

    private void release(Tracked t) {
        if (cluster != null && !t.bindings.isEmpty()) {
            cluster.release(t.bindings);
        }
        t.bindings = new ArrayList<>();
        t.unplaced = List.of();
        t.runningSince = -1;
        t.epoch++;
        waitingForNodes.remove(t.spec.key());
    }

    /**
     * GPU fragmentation (free GPU capacity that no waiting pod could use), sampled about 200 times
     * over the submissions, while work waits.
     */
    private void sampleFragmentation() {
        if (cluster == null || now < nextFragmentationSample || cluster.totalGpus() == 0) {
            return;
        }
        nextFragmentationSample = now + fragmentationInterval;
        List<PodRequest> shapes = new ArrayList<>();
        Set<PodRequest> seen = new HashSet<>();
        for (Tracked t : waitingForNodes.values()) {
            t.unplaced.stream().filter(seen::add).forEach(shapes::add);
        }
        for (Tracked t : waitingForQuota.values()) {
            for (SimPodSet ps : t.spec.podSets()) {
                PodRequest pod = podRequest(ps, ps.nodeSelector(), ps.tolerations());
                if (seen.add(pod)) {
                    shapes.add(pod);
                }
            }
        }
        long fragmented = shapes.stream().anyMatch(p -> p.gpuMilli() > 0) ? cluster.fragmentedGpuMilli(shapes) : 0;
        fragmentation.add(new double[] {now, fragmented});
    }

    private void sampleDevices() {
        if (cluster == null || cluster.totalGpus() == 0) {
            return;
        }
        long used = cluster.usedGpuMilli();
        long partial = cluster.partialFreeGpuMilli();
        long[] last = deviceSamples.isEmpty() ? null : deviceSamples.get(deviceSamples.size() - 1);
        if (last == null || last[1] != used || last[2] != partial) {
            deviceSamples.add(new long[] {now, used, partial});
        }
    }

    /** GPU device state of the last run: allocated and partly used capacity over time. */
    public DeviceSeries devices() {
        int gpus = cluster == null ? 0 : cluster.totalGpus();
        String placement = options.devices().name().toLowerCase(java.util.Locale.ROOT);
        return draDevices == null ? new DeviceSeries(placement, gpus, deviceSamples, 0, 0, 0, null)
                : new DeviceSeries(placement, gpus, deviceSamples, draDevices.attempts(), draDevices.refusals(),
                        draDevices.errors(), draDevices.firstError());
    }

    /** The simulated nodes (null without nodes), for checks. */
    Cluster cluster() {
        return cluster;
    }

    /** The DRA devices (null when counting), for checks. */
    DraDevices draDevices() {
        return draDevices;
    }

    /** GPU fragmentation samples of the last run: {virtual epoch ms, fragmented GPU milli}. */
    public List<double[]> fragmentation() {
        return fragmentation;
    }

    /** The pods of an admission, with the labels and tolerations of the flavors they were given. */
    private List<PodRequest> podsOf(SimWorkload spec, WorkloadInfo w) {
        List<PodRequest> pods = new ArrayList<>();
        for (PodSetAdmission psa : w.admission().podSets()) {
            SimPodSet ps = spec.podSets().stream().filter(p -> p.name().equals(psa.name())).findFirst().orElseThrow();
            Map<String, String> selector = new HashMap<>(ps.nodeSelector());
            List<Toleration> tolerations = new ArrayList<>(ps.tolerations());
            for (String flavorName : psa.flavors()) {
                ResourceFlavor f = flavorName == null ? null : flavors.get(flavorName);
                if (f != null) {
                    selector.putAll(f.nodeLabels());
                    tolerations.addAll(f.tolerations());
                }
            }
            PodRequest pod = podRequest(ps, selector, tolerations);
            for (int i = 0; i < psa.count(); i++) {
                pods.add(pod);
            }
        }
        return pods;
    }

    /** One pod of a pod set as placement sees it (memory from milli-units to bytes). */
    private static PodRequest podRequest(SimPodSet ps, Map<String, String> selector, List<Toleration> tolerations) {
        return new PodRequest(ps.requests().getOrDefault("cpu", 0L), ps.requests().getOrDefault("memory", 0L) / 1000,
                ps.gpuMilli(), selector, tolerations, ps.gpuModels());
    }

    private Map<String, Long> usageByResource(Usage usage) {
        FlavorResources frs = engine.flavorResources();
        Map<String, Long> byResource = new HashMap<>();
        for (int i = 0; i < usage.size(); i++) {
            String resource = frs.resourceName(usage.fr(i));
            byResource.merge(resource, frs.units().toMillis(resource, usage.amount(i)), Quantity::add);
        }
        return byResource;
    }
}
