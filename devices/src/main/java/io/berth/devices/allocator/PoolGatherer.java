package io.berth.devices.allocator;

import io.berth.api.resource.CounterConsumption;
import io.berth.api.resource.CounterSet;
import io.berth.api.resource.Device;
import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceSlice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the pools reachable from a node: only the newest generation of each pool counts; a pool
 * with fewer slices than resourceSliceCount is incomplete; duplicate device or counter set names and
 * references to unknown counters make it invalid. Pools come sorted by driver, then name.
 */
final class PoolGatherer {
    private PoolGatherer() {
    }

    static List<Pool> gather(List<ResourceSlice> slices, Node node) {
        Map<String, List<ResourceSlice>> byPool = new LinkedHashMap<>();
        for (ResourceSlice s : slices) {
            byPool.computeIfAbsent(s.driver() + "\u0000" + s.pool(), k -> new ArrayList<>()).add(s);
        }
        List<Pool> pools = new ArrayList<>();
        for (List<ResourceSlice> group : byPool.values()) {
            List<ResourceSlice> relevant = group.stream().filter(s -> relevant(s, node)).toList();
            if (relevant.isEmpty()) {
                continue;
            }
            // The newest generation among the slices reachable from the node; if those slices are not all
            // of that generation's pool, the other slices decide: a newer generation elsewhere makes this one
            // obsolete (the pool is skipped), missing slices make the pool incomplete.
            long generation = relevant.stream().mapToLong(ResourceSlice::generation).max().orElse(0);
            List<ResourceSlice> reachable = sortedAt(relevant, generation);
            List<ResourceSlice> current = reachable;
            ResourceSlice first = reachable.get(0);
            if (reachable.size() != first.resourceSliceCount()) {
                if (group.stream().anyMatch(s -> s.generation() > generation)) {
                    continue;
                }
                current = sortedAt(group, generation);
            }
            Pool pool = new Pool(first.driver(), first.pool());
            pools.add(pool);
            if (current.size() != first.resourceSliceCount()) {
                pool.incomplete = true;
                continue;
            }
            build(pool, current, reachable, node);
        }
        // By driver and name; pools with devices that have binding conditions come after all others.
        pools.sort(Comparator.comparing((Pool p) -> p.devices.stream().anyMatch(c -> c.device.bindingConditions()))
                .thenComparing(p -> p.driver).thenComparing(p -> p.name));
        int order = 0;
        for (Pool p : pools) {
            List<Candidate> renumbered = new ArrayList<>();
            for (Candidate c : p.devices) {
                renumbered.add(new Candidate(order++, p, c.slice, c.device));
            }
            p.devices.clear();
            p.devices.addAll(renumbered);
        }
        return pools;
    }

    private static List<ResourceSlice> sortedAt(List<ResourceSlice> slices, long generation) {
        return slices.stream().filter(s -> s.generation() == generation)
                .sorted(Comparator.comparing(s -> s.metadata().name())).toList();
    }

    private static boolean relevant(ResourceSlice s, Node node) {
        if (!s.sharedCounters().isEmpty()) {
            return true;
        }
        if (s.perDeviceNodeSelection()) {
            return s.devices().stream().anyMatch(d -> deviceReachable(d, node));
        }
        return NodeMatch.matches(node, s.nodeName(), s.allNodes(), s.nodeSelector());
    }

    private static boolean deviceReachable(Device d, Node node) {
        return NodeMatch.matches(node, d.nodeName(), d.allNodes(), d.nodeSelector());
    }

    private static boolean slicesDevicesReachable(ResourceSlice s, Node node) {
        return s.perDeviceNodeSelection() || NodeMatch.matches(node, s.nodeName(), s.allNodes(), s.nodeSelector());
    }

    private static void build(Pool pool, List<ResourceSlice> current, List<ResourceSlice> relevant, Node node) {
        for (ResourceSlice s : current) {
            for (CounterSet set : s.sharedCounters()) {
                if (pool.counterSets.putIfAbsent(set.name(), Map.copyOf(set.counters())) != null) {
                    pool.invalidReason = "duplicate counter set name " + set.name();
                    return;
                }
            }
        }
        Set<String> names = new HashSet<>();
        for (ResourceSlice s : relevant) {
            if (!slicesDevicesReachable(s, node)) {
                continue;
            }
            for (Device d : s.devices()) {
                if (!names.add(d.name())) {
                    pool.invalidReason = "duplicate device name " + d.name();
                    pool.devices.clear();
                    return;
                }
                if (!s.perDeviceNodeSelection() || deviceReachable(d, node)) {
                    pool.devices.add(new Candidate(0, pool, s, d));
                }
            }
        }
        for (ResourceSlice s : current) {
            for (Device d : s.devices()) {
                pool.allDevices.putIfAbsent(d.name(), d);
                String problem = counterProblem(pool.counterSets, d);
                if (problem != null) {
                    pool.invalidReason = problem;
                    pool.devices.clear();
                    return;
                }
            }
        }
    }

    private static String counterProblem(Map<String, Map<String, BigDecimal>> sets, Device d) {
        for (CounterConsumption c : d.consumesCounters()) {
            Map<String, BigDecimal> set = sets.get(c.counterSet());
            if (set == null) {
                return "counter set " + c.counterSet() + " not found";
            }
            for (String counter : c.counters().keySet()) {
                if (!set.containsKey(counter)) {
                    return "counter " + counter + " not found in counter set " + c.counterSet();
                }
            }
        }
        return null;
    }
}
