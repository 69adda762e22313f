package io.berth.cli;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import io.berth.api.io.Manifests;
import io.berth.api.io.Validator;
import io.berth.api.kueue.Workload;
import io.berth.sim.input.AlibabaTrace;
import io.berth.sim.input.BadRowPolicy;
import io.berth.sim.input.KueuePerfGenerator;
import io.berth.sim.input.NodePools;
import io.berth.sim.input.PerfScenario;
import io.berth.sim.input.PerfThresholds;
import io.berth.sim.input.QueueMapping;
import io.berth.sim.input.QueueTemplates;
import io.berth.sim.input.ReadResult;
import io.berth.sim.input.WorkloadCsv;
import io.berth.sim.input.WorkloadManifests;
import io.berth.sim.model.SimInput;
import io.berth.sim.model.SimNode;
import io.berth.sim.model.SimWorkload;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a simulation from the files given to `berth simulate`, recognising each format by
 * its content: Alibaba node/pod CSVs, Berth's workload CSV, Kueue's perf generator, node pools
 * or Node manifests, Workload manifests, and Kueue queue manifests.
 */
final class SimulationInputs {
    /** The assembled input, the warnings about skipped rows, and the perf thresholds when a perf config was given. */
    record Loaded(SimInput input, List<InputError> warnings, PerfThresholds thresholds) {
    }

    private SimulationInputs() {
    }

    static Loaded load(List<Path> workloadFiles, List<Path> nodeFiles, List<Path> queueFiles, String mappingRule,
                       String namespace, BadRowPolicy policy) throws IOException {
        List<InputError> warnings = new ArrayList<>();
        List<SimNode> nodes = new ArrayList<>();
        for (Path f : nodeFiles) {
            if (f.toString().endsWith(".csv")) {
                ReadResult<SimNode> r = AlibabaTrace.readNodes(f, policy);
                nodes.addAll(r.items());
                warnings.addAll(r.warnings());
            } else {
                nodes.addAll(NodePools.read(f));
            }
        }
        QueueMapping mapping;
        try {
            mapping = QueueMapping.parse(mappingRule, namespace);
        } catch (IllegalArgumentException e) {
            throw new InputException(List.of(new InputError(null, 0, null, "--queue-mapping", e.getMessage())));
        }
        List<SimWorkload> workloads = new ArrayList<>();
        List<KubeObject> queueObjects = new ArrayList<>();
        Configuration config = Configuration.DEFAULT;
        PerfThresholds thresholds = null;
        List<Path> manifests = new ArrayList<>();
        for (Path f : workloadFiles) {
            String head = firstLine(f);
            if (f.toString().endsWith(".csv") && head.contains("gpu_milli")) {
                ReadResult<SimWorkload> r = AlibabaTrace.readPods(f, mapping, policy);
                workloads.addAll(r.items());
                warnings.addAll(r.warnings());
            } else if (f.toString().endsWith(".csv")) {
                ReadResult<SimWorkload> r = WorkloadCsv.read(f, policy);
                workloads.addAll(r.items());
                warnings.addAll(r.warnings());
            } else if (Files.readString(f).lines().anyMatch(l -> l.startsWith("cohorts:"))) {
                PerfScenario perf = KueuePerfGenerator.read(f);
                workloads.addAll(perf.workloads());
                queueObjects.addAll(perf.queueObjects());
                thresholds = perf.thresholds();
            } else {
                manifests.add(f);
            }
        }
        if (!manifests.isEmpty()) {
            WorkloadManifests.Result r = WorkloadManifests.read(manifests);
            workloads.addAll(r.workloads());
            queueObjects.addAll(r.queueObjects());
            config = r.configuration();
            warnings.addAll(r.warnings());
        }
        if (!queueFiles.isEmpty()) {
            Manifests m = queueManifests(queueFiles);
            queueObjects = m.objects().stream().filter(o -> !(o instanceof Workload)).toList();
            config = m.configuration();
        } else if (queueObjects.isEmpty()) {
            if (nodes.isEmpty()) {
                throw new InputException(List.of(new InputError(null, 0, null, "--queues",
                        "give Kueue queue manifests with --queues, or nodes with --nodes to derive default queues from")));
            }
            queueObjects = QueueTemplates.forTenants(mapping.localQueues(workloads), namespace, nodes);
        }
        workloads.sort(java.util.Comparator.comparingLong(SimWorkload::submitMillis));
        return new Loaded(new SimInput(queueObjects, config, nodes, workloads), warnings, thresholds);
    }

    /** Kueue manifests (queues, flavors, Configuration), validated as `berth schedule` does. */
    static Manifests queueManifests(List<Path> files) {
        Manifests m = ManifestReaders.checkingSelectors().read(files);
        new Validator().validate(m);
        return m;
    }

    private static String firstLine(Path f) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(f)) {
            String line = r.readLine();
            return line == null ? "" : line;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(List.of(new InputError(f.toString(), 0, null, null, "cannot read: no such file")));
        }
    }
}
