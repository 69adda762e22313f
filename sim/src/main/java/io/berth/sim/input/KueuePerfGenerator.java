package io.berth.sim.input;

import io.berth.api.KubeObject;
import io.berth.api.core.LabelSelector;
import io.berth.api.core.Namespace;
import io.berth.api.core.ObjectMeta;
import io.berth.api.io.InputException;
import io.berth.api.io.Problems;
import io.berth.api.io.YamlNode;
import io.berth.api.kueue.BorrowWithinCohort;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.ClusterQueuePreemption;
import io.berth.api.kueue.FlavorFungibility;
import io.berth.api.kueue.FlavorQuotas;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.PreemptionPolicy;
import io.berth.api.kueue.QueueingStrategy;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.ResourceGroup;
import io.berth.api.kueue.ResourceQuota;
import io.berth.api.kueue.StopPolicy;
import io.berth.sim.model.SimPodSet;
import io.berth.sim.model.SimWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kueue's scheduler performance generator ({@code test/performance/scheduler/configs/<name>/generator.yaml}),
 * expanded as Kueue's generator does it:
 * <ul>
 * <li>one ResourceFlavor {@value #FLAVOR} (Kueue names it {@code rf}; the name changes nothing);</li>
 * <li>per {@code cohorts[]} entry, {@code count} cohorts {@code <className>-<i>} (implicit: no Cohort objects);</li>
 * <li>per cohort and {@code queuesSets[q]} entry, {@code count} ClusterQueues
 * {@code <className>-<q>-<j>-<cohort>} (e.g. {@code cq-0-3-cohort-1}) with resource {@code cpu} in flavor
 * {@value #FLAVOR}: {@code nominalQuota}, {@code borrowingLimit}, {@code preemption.reclaimWithinCohort}
 * and {@code withinClusterQueue} (default Never), namespaceSelector {} and the label
 * {@value #CLASS_LABEL}{@code =<className>}; each with a Namespace and a LocalQueue of the same name;</li>
 * <li>per ClusterQueue and {@code workloadsSets[s]} entry, {@code count} rounds over its {@code workloads}
 * templates; each workload is created one {@code creationIntervalMs} after the previous one of its set
 * (Kueue waits the interval before each creation, so the first comes at one interval, all sets starting
 * at time 0), named {@code <className>-<s>-<round>-<t>}, one pod set {@code main} of {@code podCount}
 * (default 1) pods requesting {@code request} cpus, with {@code priority}, running {@code runtimeMs},
 * class {@code className}.</li>
 * </ul>
 * Workloads come back in creation order (ties in generation order). TAS and DRA settings
 * ({@code topology}, {@code dra}, {@code resourceFlavor}, {@code tas*}, {@code devices}) are rejected.
 */
public final class KueuePerfGenerator {
    public static final String FLAVOR = "default";
    /** Kueue's label for the class of a generated ClusterQueue or workload. */
    public static final String CLASS_LABEL = "kueue.x-k8s.io/performance-scheduler-class";
    static final String RANGE_SPEC = "rangespec.yaml";
    private static final Map<String, PreemptionPolicy> RECLAIM = policies(
            PreemptionPolicy.Never, PreemptionPolicy.LowerPriority, PreemptionPolicy.Any);
    private static final Map<String, PreemptionPolicy> WITHIN = policies(
            PreemptionPolicy.Never, PreemptionPolicy.LowerPriority, PreemptionPolicy.LowerOrNewerEqualPriority);
    private static final String UNSUPPORTED = "; the simulator does not model Kueue's TAS or DRA performance settings";

    private KueuePerfGenerator() {
    }

    /** Reads generator.yaml, and rangespec.yaml when it is in the same directory. */
    public static PerfScenario read(Path generatorYaml) {
        Path rangeSpec = generatorYaml.toAbsolutePath().resolveSibling(RANGE_SPEC);
        PerfThresholds thresholds = Files.isRegularFile(rangeSpec) ? PerfThresholds.read(rangeSpec) : null;
        return generate(generatorYaml, thresholds);
    }

    private record Template(String className, long runtimeMs, int priority, long requestMilli, int podCount) {
    }

    private record WorkloadsSet(long count, long intervalMs, List<Template> templates) {
    }

    private record QueuesSet(String className, long count, long nominalQuota, Long borrowingLimit,
                             PreemptionPolicy reclaim, PreemptionPolicy within, List<WorkloadsSet> workloadsSets) {
    }

    private record CohortSet(String className, long count, List<QueuesSet> queuesSets) {
    }

    private static PerfScenario generate(Path file, PerfThresholds thresholds) {
        List<YamlFiles.Doc> docs = YamlFiles.read(file);
        Problems problems = new Problems();
        problems.at(file.toString(), docs.isEmpty() ? 1 : docs.get(0).number());
        if (docs.size() != 1) {
            problems.add(null, "expected one YAML document with cohorts:, found " + docs.size());
            throw new InputException(problems.all());
        }
        YamlNode root = YamlNode.root(docs.get(0).root(), problems);
        List<CohortSet> cohortSets = parse(root, problems);
        problems.throwIfAny();
        return expand(cohortSets, thresholds, problems);
    }

    private static List<CohortSet> parse(YamlNode root, Problems problems) {
        List<CohortSet> out = new ArrayList<>();
        if (!root.isMapping()) {
            root.expected("a mapping with cohorts:");
            return out;
        }
        for (String key : List.of("topology", "dra", "resourceFlavor")) {
            if (root.get(key).present()) {
                root.get(key).error("not supported" + UNSUPPORTED);
            }
        }
        root.onlyKeys(List.of("cohorts", "topology", "dra", "resourceFlavor"));
        List<YamlNode> cohorts = root.get("cohorts").items();
        if (cohorts.isEmpty() && problems.size() == 0) {
            root.get("cohorts").error("required: expected at least one cohort set (className, count, queuesSets)");
        }
        for (YamlNode c : cohorts) {
            c.onlyKeys(List.of("className", "count", "queuesSets"));
            List<QueuesSet> queuesSets = new ArrayList<>();
            for (YamlNode q : c.get("queuesSets").items()) {
                queuesSets.add(queuesSet(q));
            }
            out.add(new CohortSet(className(c), count(c), queuesSets));
        }
        return out;
    }

    private static QueuesSet queuesSet(YamlNode q) {
        for (String key : List.of("deviceNominalQuota", "deviceBorrowingLimit")) {
            if (q.get(key).present()) {
                q.get(key).error("not supported" + UNSUPPORTED);
            }
        }
        q.onlyKeys(List.of("className", "count", "nominalQuota", "borrowingLimit", "reclaimWithinCohort",
                "withinClusterQueue", "workloadsSets", "deviceNominalQuota", "deviceBorrowingLimit"));
        YamlNode nominal = q.get("nominalQuota");
        if (!nominal.present()) {
            nominal.error("required: expected the cpu quota of each ClusterQueue, such as 20");
        }
        List<WorkloadsSet> sets = new ArrayList<>();
        for (YamlNode w : q.get("workloadsSets").items()) {
            w.onlyKeys(List.of("count", "creationIntervalMs", "workloads"));
            List<Template> templates = new ArrayList<>();
            for (YamlNode t : w.get("workloads").items()) {
                templates.add(template(t));
            }
            Long interval = w.get("creationIntervalMs").wholeNumber(0);
            sets.add(new WorkloadsSet(count(w), interval == null ? 0 : interval, templates));
        }
        Long quota = nominal.nonNegativeQuantity();
        return new QueuesSet(className(q), count(q), quota == null ? 0 : quota,
                q.get("borrowingLimit").nonNegativeQuantity(),
                policy(q.get("reclaimWithinCohort"), RECLAIM), policy(q.get("withinClusterQueue"), WITHIN), sets);
    }

    private static Template template(YamlNode t) {
        for (String key : List.of("tasConstraint", "tasLevel", "sliceSize", "devices")) {
            if (t.get(key).present()) {
                t.get(key).error("not supported" + UNSUPPORTED);
            }
        }
        t.onlyKeys(List.of("className", "runtimeMs", "priority", "request", "podCount",
                "tasConstraint", "tasLevel", "sliceSize", "devices"));
        Long runtime = t.get("runtimeMs").wholeNumber(0);
        if (!t.get("runtimeMs").present()) {
            t.get("runtimeMs").error("required: expected how long each workload runs once admitted, in ms");
        }
        Long priority = t.get("priority").wholeNumber(Integer.MIN_VALUE);
        if (priority != null && priority > Integer.MAX_VALUE) {
            t.get("priority").error("expected a 32-bit priority, found " + priority);
            priority = null;
        }
        YamlNode requestField = t.get("request");
        if (!requestField.present()) {
            requestField.error("required: expected the cpus each pod requests, such as 1 or 500m");
        }
        Long request = requestField.nonNegativeQuantity();
        Long pods = t.get("podCount").wholeNumber(1);
        if (pods != null && pods > Integer.MAX_VALUE) {
            t.get("podCount").error("expected at most " + Integer.MAX_VALUE + " pods, found " + pods);
            pods = null;
        }
        return new Template(className(t), runtime == null ? 0 : runtime, priority == null ? 0 : priority.intValue(),
                request == null ? 0 : request, pods == null ? 1 : pods.intValue());
    }

    private static String className(YamlNode node) {
        YamlNode f = node.get("className");
        String name = f.requiredText("a class name such as cq or small");
        if (name != null && !Values.isDnsLabel(name)) {
            f.error("invalid class name " + Values.quote(name)
                    + ": expected lowercase letters, digits and '-', as it becomes part of object names");
        }
        return name;
    }

    private static long count(YamlNode node) {
        YamlNode f = node.get("count");
        if (!f.present()) {
            f.error("required: expected a whole number");
        }
        Long n = f.wholeNumber(0);
        return n == null ? 0 : n;
    }

    private static PreemptionPolicy policy(YamlNode f, Map<String, PreemptionPolicy> allowed) {
        String s = f.text();
        if (s == null) {
            return PreemptionPolicy.Never;
        }
        PreemptionPolicy p = allowed.get(s);
        if (p == null) {
            f.error("unknown value " + Values.quote(s) + "; expected one of " + String.join(", ", allowed.keySet()));
            return PreemptionPolicy.Never;
        }
        return p;
    }

    private static PerfScenario expand(List<CohortSet> cohortSets, PerfThresholds thresholds, Problems problems) {
        List<KubeObject> clusterQueues = new ArrayList<>();
        List<KubeObject> namespaces = new ArrayList<>();
        List<KubeObject> localQueues = new ArrayList<>();
        List<SimWorkload> workloads = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int cs = 0; cs < cohortSets.size(); cs++) {
            CohortSet cohortSet = cohortSets.get(cs);
            for (long ci = 0; ci < cohortSet.count(); ci++) {
                String cohort = cohortSet.className() + "-" + ci;
                for (int qs = 0; qs < cohortSet.queuesSets().size(); qs++) {
                    QueuesSet queuesSet = cohortSet.queuesSets().get(qs);
                    for (long qi = 0; qi < queuesSet.count(); qi++) {
                        String name = queuesSet.className() + "-" + qs + "-" + qi + "-" + cohort;
                        if (!Values.isDnsLabel(name)) {
                            problems.add("cohorts[" + cs + "].queuesSets[" + qs + "].className", "generates the name "
                                    + Values.quote(name) + ", which is longer than 63 characters; expected shorter class names");
                            throw new InputException(problems.all());
                        }
                        if (!names.add(name)) {
                            problems.add("cohorts[" + cs + "].className", "generates ClusterQueue " + Values.quote(name)
                                    + " twice; expected cohort sets with different class names");
                            throw new InputException(problems.all());
                        }
                        clusterQueues.add(clusterQueue(name, cohort, queuesSet));
                        namespaces.add(new Namespace(new ObjectMeta(name, null, Map.of(), Map.of(), null, null)));
                        localQueues.add(new LocalQueue(new ObjectMeta(name, name, Map.of(), Map.of(), null, null), name,
                                StopPolicy.None, 1000));
                        addWorkloads(name, queuesSet, workloads);
                    }
                }
            }
        }
        workloads.sort(Comparator.comparingLong(SimWorkload::submitMillis)); // stable: generation order among ties
        List<KubeObject> objects = new ArrayList<>();
        objects.add(new ResourceFlavor(ObjectMeta.named(FLAVOR), Map.of(), List.of(), List.of()));
        objects.addAll(clusterQueues);
        objects.addAll(namespaces);
        objects.addAll(localQueues);
        return new PerfScenario(objects, workloads, thresholds);
    }

    private static ClusterQueue clusterQueue(String name, String cohort, QueuesSet q) {
        ResourceGroup group = new ResourceGroup(List.of("cpu"), List.of(new FlavorQuotas(FLAVOR,
                List.of(new ResourceQuota("cpu", q.nominalQuota(), q.borrowingLimit(), null)))));
        ObjectMeta meta = new ObjectMeta(name, null, Map.of(CLASS_LABEL, q.className()), Map.of(), null, null);
        return new ClusterQueue(meta, cohort, List.of(group), LabelSelector.EVERYTHING, QueueingStrategy.BestEffortFIFO,
                FlavorFungibility.DEFAULT, new ClusterQueuePreemption(q.reclaim(), BorrowWithinCohort.NEVER, q.within()),
                StopPolicy.None, 1000, null);
    }

    private static void addWorkloads(String queue, QueuesSet q, List<SimWorkload> out) {
        for (int s = 0; s < q.workloadsSets().size(); s++) {
            WorkloadsSet set = q.workloadsSets().get(s);
            long created = 0;
            for (long round = 0; round < set.count(); round++) {
                for (int t = 0; t < set.templates().size(); t++) {
                    Template tpl = set.templates().get(t);
                    created += set.intervalMs(); // Kueue waits the interval, then creates
                    SimPodSet main = new SimPodSet("main", tpl.podCount(), null, Map.of("cpu", tpl.requestMilli()),
                            null, null, null);
                    out.add(new SimWorkload(queue, tpl.className() + "-" + s + "-" + round + "-" + t, queue,
                            tpl.priority(), tpl.className(), created, tpl.runtimeMs(), List.of(main)));
                }
            }
        }
    }

    private static Map<String, PreemptionPolicy> policies(PreemptionPolicy... values) {
        Map<String, PreemptionPolicy> out = new LinkedHashMap<>();
        for (PreemptionPolicy p : values) {
            out.put(p.name(), p);
        }
        return out;
    }
}
