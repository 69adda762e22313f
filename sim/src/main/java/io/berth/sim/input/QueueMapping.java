package io.berth.sim.input;

import io.berth.sim.model.SimWorkload;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * How rows of a trace without tenants are given LocalQueues, all in one namespace. Written as a
 * rule (e.g. on the command line):
 * <ul>
 * <li>{@code column:<name>}: the LocalQueue named after the row's value in that column, as a
 * Kubernetes name ({@code LS} becomes {@code ls}, {@code Best Effort} becomes {@code best-effort});
 * an empty value makes the row a bad row;</li>
 * <li>{@code hash:<N>}: one of {@code tenant-0} .. {@code tenant-<N-1>}, by a stable hash of the
 * workload's name (64-bit FNV-1a of its UTF-8 bytes, unsigned, modulo N), the same on every run
 * and machine;</li>
 * <li>{@code single:<localQueue>}: every row to that LocalQueue.</li>
 * </ul>
 */
public sealed interface QueueMapping permits QueueMapping.Column, QueueMapping.Hash, QueueMapping.Single {
    String DEFAULT_NAMESPACE = "default";

    /** The namespace of every workload and LocalQueue. */
    String namespace();

    /** The trace column the rule reads, or null. */
    default String column() {
        return null;
    }

    /** The LocalQueues known before reading (hash and single); empty for column. */
    List<String> declaredQueues();

    /**
     * The LocalQueue of a row. columns gives the row's (trimmed) value of a column, null when empty.
     *
     * @throws IllegalArgumentException when the row's value cannot name a LocalQueue (the reader
     *                                  reports it as a bad row)
     */
    String localQueue(String workloadName, Function<String, String> columns);

    /** The rule as written, e.g. {@code hash:4}. */
    String rule();

    /**
     * Parses a rule: {@code column:<name>}, {@code hash:<N>} or {@code single:<localQueue>}.
     *
     * @throws IllegalArgumentException with a message saying what was expected
     */
    static QueueMapping parse(String rule, String namespace) {
        String expected = "expected column:<name>, hash:<N> or single:<localQueue>";
        int colon = rule == null ? -1 : rule.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid queue mapping " + Values.quote(String.valueOf(rule)) + ": " + expected);
        }
        String kind = rule.substring(0, colon);
        String arg = rule.substring(colon + 1);
        switch (kind) {
            case "column":
                return new Column(arg, namespace);
            case "hash":
                try {
                    return new Hash(Integer.parseInt(arg), namespace);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid queue mapping " + Values.quote(rule)
                            + ": expected a whole number of tenants after hash:, such as hash:4");
                }
            case "single":
                return new Single(arg, namespace);
            default:
                throw new IllegalArgumentException("invalid queue mapping " + Values.quote(rule) + ": " + expected);
        }
    }

    /**
     * The LocalQueues the workloads use, declared ones first (in order), then the others sorted by
     * name: the tenants for {@link QueueTemplates#forTenants}.
     */
    default List<String> localQueues(List<SimWorkload> workloads) {
        Set<String> out = new LinkedHashSet<>(declaredQueues());
        Set<String> used = new TreeSet<>();
        for (SimWorkload w : workloads) {
            used.add(w.localQueue());
        }
        out.addAll(used);
        return new ArrayList<>(out);
    }

    private static String checkNamespace(String namespace) {
        String ns = namespace == null ? DEFAULT_NAMESPACE : namespace;
        if (!Values.isDnsLabel(ns)) {
            throw new IllegalArgumentException("invalid namespace " + Values.quote(ns)
                    + ": expected a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)");
        }
        return ns;
    }

    /** {@code column:<name>}: the LocalQueue named after the row's value in that column. */
    record Column(String column, String namespace) implements QueueMapping {
        public Column {
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException("invalid queue mapping \"column:\": expected a column name, such as column:qos");
            }
            namespace = checkNamespace(namespace);
        }

        @Override
        public List<String> declaredQueues() {
            return List.of();
        }

        @Override
        public String localQueue(String workloadName, Function<String, String> columns) {
            String value = columns.apply(column);
            if (value == null) {
                throw new IllegalArgumentException("empty; expected a value naming the LocalQueue (queue mapping " + rule() + ")");
            }
            String name = Values.toName(value);
            if (name.isEmpty()) {
                throw new IllegalArgumentException(Values.quote(value)
                        + " cannot name a LocalQueue: expected letters or digits (queue mapping " + rule() + ")");
            }
            return name;
        }

        @Override
        public String rule() {
            return "column:" + column;
        }
    }

    /** {@code hash:<N>}: tenant-0 .. tenant-(N-1) by a stable hash of the workload name. */
    record Hash(int tenants, String namespace) implements QueueMapping {
        public Hash {
            if (tenants < 1) {
                throw new IllegalArgumentException("invalid queue mapping \"hash:" + tenants
                        + "\": expected at least 1 tenant");
            }
            namespace = checkNamespace(namespace);
        }

        @Override
        public List<String> declaredQueues() {
            return IntStream.range(0, tenants).mapToObj(i -> "tenant-" + i).toList();
        }

        @Override
        public String localQueue(String workloadName, Function<String, String> columns) {
            return "tenant-" + Long.remainderUnsigned(Values.fnv1a64(workloadName), tenants);
        }

        @Override
        public String rule() {
            return "hash:" + tenants;
        }
    }

    /** {@code single:<localQueue>}: one LocalQueue for everything. */
    record Single(String localQueue, String namespace) implements QueueMapping {
        public Single {
            if (localQueue == null || !Values.isDnsSubdomain(localQueue)) {
                throw new IllegalArgumentException("invalid queue mapping \"single:" + localQueue
                        + "\": expected a LocalQueue name (lowercase letters, digits, '-' and '.')");
            }
            namespace = checkNamespace(namespace);
        }

        @Override
        public List<String> declaredQueues() {
            return List.of(localQueue);
        }

        @Override
        public String localQueue(String workloadName, Function<String, String> columns) {
            return localQueue;
        }

        @Override
        public String rule() {
            return "single:" + localQueue;
        }
    }
}
