package io.berth.sim.input;

import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimWorkload;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the Alibaba GPU cluster trace v2023 ("openb", alibaba/clusterdata cluster-trace-gpu-v2023).
 * Columns are found by name in the header, in any order; other columns are ignored.
 *
 * <p>Nodes ({@code sn,cpu_milli,memory_mib,gpu,model}): one {@link SimNode} per row, labelled
 * {@code kubernetes.io/hostname=<sn>} and, with GPUs, {@link SimNode#GPU_MODEL_LABEL}{@code =<model>}.
 *
 * <p>Pods ({@code name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,
 * deletion_time,scheduled_time}, times in seconds): one {@link SimWorkload} per row with one pod set
 * {@code main} of one pod; submitted at creation_time, running deletion_time - scheduled_time;
 * requests cpu (milli-cores), memory (MiB as bytes) and {@code nvidia.com/gpu} (num_gpu x 1000 for
 * whole GPUs, gpu_milli for a share of one GPU); gpuModels from gpu_spec ('|'-separated, repeats
 * dropped); class = qos; LocalQueue and namespace from a {@link QueueMapping}. A pod never scheduled
 * (empty scheduled_time, as the trace's Pending pods) or with a missing or negative duration is a
 * bad row. Workloads come back in submission order (file order among equal times).
 */
public final class AlibabaTrace {
    static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
    static final List<String> NODE_COLUMNS = List.of("sn", "cpu_milli", "memory_mib", "gpu", "model");
    static final List<String> POD_COLUMNS = List.of("name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli",
            "gpu_spec", "qos", "pod_phase", "creation_time", "deletion_time", "scheduled_time");
    /** Columns a pod row must have; pod_phase is informative only. */
    static final List<String> REQUIRED_POD_COLUMNS = List.of("name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli",
            "gpu_spec", "qos", "creation_time", "deletion_time", "scheduled_time");

    private AlibabaTrace() {
    }

    /** Reads a node list (openb_node_list_*.csv). */
    public static ReadResult<SimNode> readNodes(Path csv, BadRowPolicy policy) {
        CsvTable table = CsvTable.read(csv, NODE_COLUMNS, null);
        BadRows bad = new BadRows(policy);
        List<SimNode> nodes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            RowCheck c = new RowCheck(row);
            c.object(c.text("sn"));
            if (!c.sizeMatches(table.header().size())) { // values of a short or long row may be in the wrong columns
                bad.skip(c.errors());
                continue;
            }
            String sn = c.required("sn", "the node's name");
            c.object(sn);
            Integer first = sn == null ? null : seen.putIfAbsent(sn, row.line());
            if (first != null) {
                c.error("sn", "duplicate node " + Values.quote(sn) + "; first on line " + first);
            }
            Long cpu = c.whole("cpu_milli", 0, true);
            Long mib = c.whole("memory_mib", 0, true);
            Long gpus = c.whole("gpu", 0, true);
            String model = c.text("model");
            if (gpus != null && gpus > Integer.MAX_VALUE) {
                c.error("gpu", "expected at most " + Integer.MAX_VALUE + " GPUs, found " + gpus);
            } else if (gpus != null && gpus > 0 && model == null) {
                c.error("model", "empty; expected the GPU model of a node with " + gpus + " GPUs");
            } else if (gpus != null && gpus == 0 && model != null) {
                c.error("model", "GPU model " + Values.quote(model) + " on a node without GPUs; expected gpu > 0 or an empty model");
            }
            Long bytes = mib == null ? null : multiply(c, "memory_mib", mib, Values.MIB);
            if (!c.ok()) {
                bad.skip(c.errors());
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(HOSTNAME_LABEL, sn);
            if (gpus > 0) {
                labels.put(SimNode.GPU_MODEL_LABEL, model);
            }
            nodes.add(new SimNode(sn, labels, List.of(), cpu, bytes, gpus.intValue(), gpus > 0 ? model : null));
        }
        return bad.result(nodes);
    }

    /** Reads a pod list (openb_pod_list_*.csv), mapping rows to LocalQueues with mapping. */
    public static ReadResult<SimWorkload> readPods(Path csv, QueueMapping mapping, BadRowPolicy policy) {
        List<String> required = new ArrayList<>(REQUIRED_POD_COLUMNS);
        if (mapping.column() != null && !required.contains(mapping.column())) {
            required.add(mapping.column());
        }
        CsvTable table = CsvTable.read(csv, required, null);
        BadRows bad = new BadRows(policy);
        List<SimWorkload> workloads = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            RowCheck c = new RowCheck(row);
            c.object(c.text("name"));
            if (!c.sizeMatches(table.header().size())) { // values of a short or long row may be in the wrong columns
                bad.skip(c.errors());
                continue;
            }
            SimWorkload w = pod(c, mapping, seen);
            if (c.ok()) {
                workloads.add(w);
            } else {
                bad.skip(c.errors());
            }
        }
        workloads.sort(Comparator.comparingLong(SimWorkload::submitMillis)); // stable: file order among ties
        return bad.result(workloads);
    }

    private static SimWorkload pod(RowCheck c, QueueMapping mapping, Map<String, Integer> seen) {
        String name = c.required("name", "the pod's name");
        c.object(name);
        Integer first = name == null ? null : seen.putIfAbsent(name, c.line());
        if (first != null) {
            c.error("name", "duplicate pod " + Values.quote(name) + "; first on line " + first);
        }
        Long cpu = c.whole("cpu_milli", 0, true);
        Long mib = c.whole("memory_mib", 0, true);
        Long gpu = gpuMilli(c);
        List<String> models = gpuModels(c.text("gpu_spec"));
        String qos = c.required("qos", "the pod's QoS class, such as LS or BE");
        BigDecimal created = c.nonNegative("creation_time", "seconds");
        BigDecimal deleted = c.nonNegative("deletion_time", "seconds");
        BigDecimal scheduled = c.nonNegative("scheduled_time", "seconds");
        if (c.text("creation_time") == null) {
            c.error("creation_time", "empty; expected the pod's creation time in seconds");
        }
        if (c.text("scheduled_time") == null) {
            String phase = c.text("pod_phase");
            c.error("scheduled_time", "empty: the pod was never scheduled" + (phase == null ? "" : " (pod_phase " + phase + ")")
                    + ", so it has no duration; expected the time it was scheduled, in seconds");
        } else if (c.text("deletion_time") == null) {
            c.error("deletion_time", "empty: the pod has no end, so no duration; expected the time it was deleted, in seconds");
        } else if (scheduled != null && deleted != null && deleted.compareTo(scheduled) < 0) {
            c.error("deletion_time", "negative duration: deleted at " + deleted.toPlainString() + " s, before it was scheduled at "
                    + scheduled.toPlainString() + " s; expected deletion_time >= scheduled_time");
        }
        String queue = null;
        boolean reported = "qos".equals(mapping.column()) && qos == null; // already reported as empty
        try {
            queue = reported ? null : mapping.localQueue(name == null ? "" : name, c::text);
        } catch (IllegalArgumentException e) {
            c.error(mapping.column(), e.getMessage());
        }
        Long memory = mib == null ? null : multiply(c, "memory_mib", mib, Values.MIB * 1000);
        if (!c.ok()) {
            return null;
        }
        Map<String, Long> requests = new LinkedHashMap<>();
        requests.put("cpu", cpu);
        requests.put("memory", memory);
        if (gpu > 0) {
            requests.put(SimPodSet.GPU, gpu);
        }
        SimPodSet main = new SimPodSet("main", 1, null, requests, models, null, null);
        long submit = Values.secondsToMillis(created);
        long duration = Values.secondsToMillis(deleted.subtract(scheduled));
        return new SimWorkload(mapping.namespace(), name, queue, 0, qos, submit, duration, List.of(main));
    }

    /** nvidia.com/gpu per pod in milli-GPUs: num_gpu x 1000 for whole GPUs, gpu_milli for a share of one. */
    private static Long gpuMilli(RowCheck c) {
        Long num = c.whole("num_gpu", 0, true);
        Long milli = c.whole("gpu_milli", 0, false);
        if (num == null) {
            return null;
        }
        if (num == 0) {
            if (milli != null && milli != 0) {
                c.error("gpu_milli", "a GPU share of " + milli + " with num_gpu 0; expected num_gpu 1 for a share, or gpu_milli 0");
                return null;
            }
            return 0L;
        }
        if (milli == null || milli == 1000) {
            return multiply(c, "num_gpu", num, 1000);
        }
        if (milli < 1 || milli > 1000) {
            c.error("gpu_milli", "expected 1..1000 thousandths of a GPU (1000 or empty for whole GPUs), found " + milli);
            return null;
        }
        if (num != 1) {
            c.error("gpu_milli", "a share of " + milli + " thousandths of a GPU with num_gpu " + num
                    + "; expected num_gpu 1 for a share, or gpu_milli 1000 for whole GPUs");
            return null;
        }
        return milli;
    }

    private static List<String> gpuModels(String spec) {
        if (spec == null) {
            return List.of();
        }
        LinkedHashSet<String> models = new LinkedHashSet<>();
        Arrays.stream(spec.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).forEach(models::add);
        return List.copyOf(models);
    }

    private static Long multiply(RowCheck c, String column, long value, long factor) {
        try {
            return Math.multiplyExact(value, factor);
        } catch (ArithmeticException e) {
            c.error(column, "too large: " + value + " does not fit in milli-units");
            return null;
        }
    }
}
