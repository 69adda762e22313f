package io.berth.operator;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.api.kueue.Admission;
import io.berth.api.kueue.Condition;
import io.berth.api.kueue.LocalQueue;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.Workload;
import io.berth.core.Engine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Objects;

/**
 * Feeds cluster objects (already read into api records) to the unchanged engine, exactly once per
 * meaningful change. It keeps a ledger of the admissions this operator wrote: the informer's copy
 * of a Workload may lag behind our own status write, and applying that stale copy would take its
 * quota away and admit it again. The ledger wins until the cache shows the same admission.
 * Deleting a queue object rebuilds the engine from the objects held here (the engine has no
 * delete for them); admitted workloads keep their quota through their status. Device objects
 * (claim templates, DeviceClasses, ResourceSlices) are applied and deleted in place.
 */
final class EngineFeed {
    /** What this operator last wrote for a workload: its admission (null: released) and when. */
    record Written(Admission admission, Instant at) {
    }

    private final Configuration config;
    private Engine engine;
    private final Map<String, KubeObject> queueObjects = new TreeMap<>();
    private final Map<String, ResourceFlavor> flavors = new TreeMap<>();
    private final Map<String, LocalQueue> localQueues = new TreeMap<>();
    private final Map<String, Workload> workloads = new TreeMap<>();
    private final Map<String, Workload> applied = new HashMap<>();
    private final Map<String, Written> ledger = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    /** Pods readiness last seen on each workload's Job: the cached condition may lag behind it. */
    private final Map<String, Boolean> podsReady = new HashMap<>();

    EngineFeed(Configuration config) {
        this.config = config;
        this.engine = new Engine(config);
    }

    Engine engine() {
        return engine;
    }

    Map<String, ResourceFlavor> flavors() {
        return flavors;
    }

    Map<String, LocalQueue> localQueues() {
        return localQueues;
    }

    /** Adds or replaces a queue object, priority class or namespace; returns whether the engine saw a change. */
    boolean upsert(KubeObject object) {
        if (object instanceof Workload w) {
            return upsertWorkload(w);
        }
        String key = object.kind() + "/" + object.metadata().key();
        if (object.equals(queueObjects.get(key))) {
            return false;
        }
        queueObjects.put(key, object);
        if (object instanceof ResourceFlavor f) {
            flavors.put(f.metadata().name(), f);
        } else if (object instanceof LocalQueue lq) {
            localQueues.put(lq.metadata().key(), lq);
        }
        engine.apply(object); // a device object: pending workloads that claim devices are charged again
        return true;
    }

    /** A queue object, priority class or namespace is gone: the engine is rebuilt without it. */
    boolean deleteQueueObject(String kind, String key) {
        if (queueObjects.remove(kind + "/" + key) == null) {
            return false;
        }
        if (engine.deleteDeviceObject(kind, key)) {
            return true; // device objects are forgotten in place
        }
        if (kind.equals("ResourceFlavor")) {
            flavors.remove(key);
        } else if (kind.equals("LocalQueue")) {
            localQueues.remove(key);
        }
        rebuild();
        return true;
    }

    /** Rebuilds the engine from the objects held here (after a delete, or a write that failed half-way). */
    void rebuild() {
        engine = new Engine(config);
        List<KubeObject> all = new ArrayList<>(queueObjects.values());
        applied.clear();
        for (Workload w : workloads.values()) {
            if (!finished.contains(w.metadata().key())) {
                Workload view = overlay(w);
                all.add(view);
                applied.put(w.metadata().key(), engineView(view));
            }
        }
        engine.applyAll(all);
        podsReady.forEach(engine::setPodsReady);
    }

    private boolean upsertWorkload(Workload w) {
        String key = w.metadata().key();
        workloads.put(key, w);
        if (finished.contains(key)) {
            return false; // finished for good; an older copy still in flight must not take quota again
        }
        if (w.condition("Finished").map(Condition::isTrue).orElse(false)) {
            return markFinished(key);
        }
        Written mine = ledger.get(key);
        if (mine != null && Objects.equals(mine.admission(), w.hasQuotaReservation() ? w.admission() : null)) {
            ledger.remove(key); // the cache caught up with our write
        }
        Workload view = overlay(w);
        Workload engineView = engineView(view);
        if (engineView.equals(applied.get(key))) {
            return false;
        }
        applied.put(key, engineView);
        engine.apply(view);
        Boolean ready = podsReady.get(key);
        if (ready != null) {
            engine.setPodsReady(key, ready);
        }
        return true;
    }

    /** The workload finished: its quota is released for good. */
    boolean markFinished(String key) {
        if (!finished.add(key)) {
            return false;
        }
        ledger.remove(key);
        applied.remove(key);
        podsReady.remove(key);
        engine.finish(key);
        return true;
    }

    boolean isFinished(String key) {
        return finished.contains(key);
    }

    void deleteWorkload(String key) {
        podsReady.remove(key);
        workloads.remove(key);
        applied.remove(key);
        ledger.remove(key);
        finished.remove(key);
        engine.remove(key);
    }

    /** Records a status write of ours (admission, or null when the quota was released). */
    void wrote(String key, Admission admission, Instant at) {
        ledger.put(key, new Written(admission, at));
        Workload w = workloads.get(key);
        if (w != null) {
            applied.put(key, engineView(overlay(w)));
        }
    }

    /** Whether all pods of an admitted workload are ready (waitForPodsReady), from its Job. */
    void podsReady(String key, boolean ready) {
        podsReady.put(key, ready);
        engine.setPodsReady(key, ready);
    }

    /** The admission a workload holds as far as this operator knows (its own writes first), or null. */
    Admission admissionOf(String key) {
        Written mine = ledger.get(key);
        if (mine != null) {
            return mine.admission();
        }
        Workload w = workloads.get(key);
        return w != null && w.hasQuotaReservation() ? w.admission() : null;
    }

    Workload workload(String key) {
        return workloads.get(key);
    }

    /** The cluster's copy with our own last write laid over it. */
    private Workload overlay(Workload w) {
        Written mine = ledger.get(w.metadata().key());
        if (mine == null) {
            return w;
        }
        List<Condition> conditions = new ArrayList<>();
        w.conditions().stream().filter(c -> !c.type().equals(Workload.QUOTA_RESERVED)).forEach(conditions::add);
        conditions.add(new Condition(Workload.QUOTA_RESERVED, mine.admission() != null ? "True" : "False",
                null, null, mine.at()));
        return w.withStatus(mine.admission(), conditions);
    }

    /**
     * What the engine reads of a workload; status noise (messages, other conditions) left out.
     * PodsReady is fed from the Job directly ({@link #podsReady}), so its echo is not a change.
     */
    private static Workload engineView(Workload w) {
        List<Condition> kept = new ArrayList<>();
        for (Condition c : w.conditions()) {
            if (c.type().equals(Workload.QUOTA_RESERVED)) {
                kept.add(new Condition(c.type(), c.status(), null, null,
                        c.type().equals(Workload.QUOTA_RESERVED) && c.isTrue() ? c.lastTransitionTime() : null));
            }
        }
        return w.withStatus(w.hasQuotaReservation() ? w.admission() : null, kept);
    }
}
