package io.berth.core.workload;

import io.berth.api.kueue.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The workloads whose device charges depend on device objects (claim templates, DeviceClasses,
 * ResourceSlices), as last applied. When one of those objects changes, the ones not holding quota
 * are charged again, once, before the next cycle; nothing is recomputed when nothing changed.
 */
public final class ClaimingWorkloads {
    private final Map<String, Workload> manifests = new TreeMap<>();
    private boolean changed;

    /** Records the workload's latest manifest when it claims devices, else forgets it. */
    public void track(Workload w, boolean claims) {
        if (claims) {
            manifests.put(w.metadata().key(), w);
        } else {
            manifests.remove(w.metadata().key());
        }
    }

    public void forget(String key) {
        manifests.remove(key);
    }

    /** A device object changed: the workloads tracked now must be charged again. */
    public void devicesChanged() {
        changed |= !manifests.isEmpty();
    }

    /**
     * The manifests to apply again (in key order), empty unless devices changed. Left out: workloads
     * admitted now, and those whose manifest carries an admission (applied again, it would admit them).
     */
    public List<Workload> toRecharge(Predicate<String> admitted) {
        if (!changed) {
            return List.of();
        }
        changed = false;
        List<Workload> out = new ArrayList<>();
        manifests.forEach((key, w) -> {
            if (!admitted.test(key) && !w.hasQuotaReservation()) {
                out.add(w);
            }
        });
        return out;
    }
}
