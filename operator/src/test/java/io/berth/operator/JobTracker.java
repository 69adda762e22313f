package io.berth.operator;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Watches the Jobs of the test namespace and remembers the most that ever ran (unsuspended, unfinished) at once. */
final class JobTracker implements AutoCloseable {
    private final Map<String, Boolean> runningNow = new ConcurrentHashMap<>();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final Watch watch;

    JobTracker(MockCluster cluster) {
        watch = cluster.client.batch().v1().jobs().inNamespace(MockCluster.NS).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                boolean finished = job.getStatus() != null && job.getStatus().getConditions() != null
                        && job.getStatus().getConditions().stream().anyMatch(c -> "Complete".equals(c.getType()));
                runningNow.put(job.getMetadata().getName(), action != Action.DELETED && MockCluster.running(job) && !finished);
                long n = runningNow.values().stream().filter(b -> b).count();
                maxRunning.accumulateAndGet((int) n, Math::max);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    int maxRunning() {
        return maxRunning.get();
    }

    @Override
    public void close() {
        watch.close();
    }
}
