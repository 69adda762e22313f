package io.berth.devices.quota;

import io.berth.api.resource.Device;
import io.berth.api.resource.DeviceClass;
import io.berth.api.resource.Node;
import io.berth.api.resource.ResourceSlice;
import io.berth.devices.cel.DeviceInput;
import io.berth.devices.cel.DeviceInputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DeviceClasses and ResourceSlices that device quota reads, kept up to date object by object.
 * {@link #devicesOf} lists a driver's devices as Kueue's quota sources see them: per pool only the
 * newest generation, only complete pools (as many slices as {@code resourceSliceCount}), wherever the
 * devices are. The list of each driver is built once and rebuilt only after one of its slices changed.
 * Nodes are kept too (for devices counted per node); {@link #version} moves on every change.
 */
public final class DeviceCatalog {
    /** One device with the CEL view a quota selector evaluates (driver, attributes, capacity). */
    public record CatalogDevice(String driver, Device device, DeviceInput input) {
    }

    private final Map<String, DeviceClass> classes = new HashMap<>();
    private final Map<String, ResourceSlice> slices = new HashMap<>();
    private final Map<String, List<CatalogDevice>> byDriver = new HashMap<>();
    private final Map<String, Node> nodes = new TreeMap<>();
    private long version;

    public void put(DeviceClass c) {
        version++;
        classes.put(c.metadata().name(), c);
    }

    public void put(Node n) {
        version++;
        nodes.put(n.metadata().name(), n);
    }

    public void removeNode(String name) {
        version++;
        nodes.remove(name);
    }

    /** Moves on with every change of a class, slice or node. */
    public long version() {
        return version;
    }

    /** The nodes, by name. */
    public Collection<Node> nodes() {
        return nodes.values();
    }

    /** Every ResourceSlice, by name. */
    public List<ResourceSlice> slices() {
        return slices.values().stream().sorted(Comparator.comparing(s -> s.metadata().name())).toList();
    }

    public void put(ResourceSlice s) {
        version++;
        ResourceSlice old = slices.put(s.metadata().name(), s);
        if (old != null) {
            byDriver.remove(old.driver());
        }
        byDriver.remove(s.driver());
    }

    public void removeClass(String name) {
        version++;
        classes.remove(name);
    }

    public void removeSlice(String name) {
        version++;
        ResourceSlice old = slices.remove(name);
        if (old != null) {
            byDriver.remove(old.driver());
        }
    }

    /** The DeviceClass, or null. */
    public DeviceClass deviceClass(String name) {
        return classes.get(name);
    }

    /**
     * The DeviceClass whose devices serve plain requests of the extended resource, or null: of those
     * declaring it, the one created last, the first by name among those created at the same time
     * (as Kubernetes picks it).
     */
    public DeviceClass classForExtendedResource(String extendedResourceName) {
        DeviceClass chosen = null;
        for (DeviceClass c : classes.values()) {
            if (extendedResourceName.equals(c.extendedResourceName()) && (chosen == null || servesBefore(c, chosen))) {
                chosen = c;
            }
        }
        return chosen;
    }

    private static boolean servesBefore(DeviceClass a, DeviceClass b) {
        int byTime = createdAt(a).compareTo(createdAt(b));
        return byTime != 0 ? byTime > 0 : a.metadata().name().compareTo(b.metadata().name()) < 0;
    }

    private static Instant createdAt(DeviceClass c) {
        return c.metadata().creationTimestamp() == null ? Instant.MIN : c.metadata().creationTimestamp();
    }

    /** The devices of the driver's complete pools, pools by name, slices by name, devices in slice order. */
    public List<CatalogDevice> devicesOf(String driver) {
        return byDriver.computeIfAbsent(driver, this::gather);
    }

    private List<CatalogDevice> gather(String driver) {
        Map<String, List<ResourceSlice>> pools = new TreeMap<>();
        for (ResourceSlice s : slices.values()) {
            if (s.driver().equals(driver)) {
                pools.computeIfAbsent(s.pool(), k -> new ArrayList<>()).add(s);
            }
        }
        List<CatalogDevice> out = new ArrayList<>();
        for (List<ResourceSlice> pool : pools.values()) {
            long newest = pool.stream().mapToLong(ResourceSlice::generation).max().orElse(0);
            List<ResourceSlice> current = pool.stream().filter(s -> s.generation() == newest)
                    .sorted(Comparator.comparing(s -> s.metadata().name())).toList();
            if (current.size() != current.get(0).resourceSliceCount()) {
                continue; // incomplete: its devices are not counted, as in Kueue
            }
            for (ResourceSlice s : current) {
                for (Device d : s.devices()) {
                    out.add(new CatalogDevice(driver, d, DeviceInputs.of(driver, d, false)));
                }
            }
        }
        return List.copyOf(out);
    }
}
