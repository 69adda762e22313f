package io.berth.operator;

import io.berth.operator.http.HttpEndpoints;
import io.berth.operator.http.OperatorMetrics;
import io.berth.operator.http.WebhookServer;
import io.berth.operator.status.QueueSnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * `berth operator`: the reconcile loop, optionally behind leader election on a
 * coordination.k8s.io Lease (replicas that do not hold it only serve probes and metrics), and the
 * HTTP endpoints. Each time this replica starts leading, the loop starts from a fresh cache and
 * engine, rebuilt from the API server; when it stops leading, the loop stops before anything
 * else is written.
 */
public final class Operator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Operator.class);

    private final KubernetesClient client;
    private final OperatorOptions options;
    private final Clock clock;
    private final OperatorMetrics metrics;
    private HttpEndpoints http;
    private WebhookServer webhook;
    private CompletableFuture<?> election;
    private volatile ReconcileLoop loop;
    private volatile Thread loopThread;
    private volatile boolean leading;
    private final CompletableFuture<String> failed = new CompletableFuture<>();

    public Operator(KubernetesClient client, OperatorOptions options, Clock clock) {
        this.client = client;
        this.options = options;
        this.clock = clock;
        this.metrics = new OperatorMetrics(options.leaderElect() ? "follower" : "standalone");
    }

    public void start() throws IOException {
        if (options.port() >= 0) {
            http = new HttpEndpoints(options.port(), this::snapshot, this::ready, this::isLeader, metrics);
        }
        if (options.webhook() != null) {
            webhook = new WebhookServer(options.webhook().port(), options.webhook().keystore(),
                    options.webhook().password().toCharArray());
        }
        if (!options.leaderElect()) {
            startLoop();
            return;
        }
        var config = new LeaderElectionConfigBuilder()
                .withName(options.leaseName())
                .withLock(new LeaseLock(options.leaseNamespace(), options.leaseName(), options.identity()))
                .withLeaseDuration(options.leaseDuration())
                .withRenewDeadline(options.renewDeadline())
                .withRetryPeriod(options.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::startLeading, this::stopLeading,
                        leader -> LOG.info("leader is {}", leader)))
                .build();
        election = client.leaderElector().withConfig(config).build().start();
    }

    private synchronized void startLeading() {
        LOG.info("{} is the leader", options.identity());
        leading = true;
        metrics.setRole("leader");
        startLoop();
    }

    private synchronized void stopLeading() {
        LOG.info("{} stopped leading", options.identity());
        leading = false;
        metrics.setRole("follower");
        stopLoop();
    }

    private synchronized void startLoop() {
        ReconcileLoop next = new ReconcileLoop(client, options.namespaces(), options.configuration(), metrics, clock,
                options.identity(), failed::complete);
        Thread t = new Thread(next, "berth-reconcile");
        t.setDaemon(true);
        loop = next;
        loopThread = t;
        t.start();
    }

    private synchronized void stopLoop() {
        ReconcileLoop current = loop;
        Thread t = loopThread;
        loop = null;
        loopThread = null;
        if (current != null) {
            current.stop();
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether this replica holds the lease (always true without leader election once started). */
    public boolean isLeader() {
        return options.leaderElect() ? leading : loop != null;
    }

    /** Ready: a follower is ready to take over; the acting replica once its cache is rebuilt. */
    public boolean ready() {
        ReconcileLoop l = loop;
        return l == null ? options.leaderElect() : l.ready();
    }

    public QueueSnapshot snapshot() {
        ReconcileLoop l = loop;
        return l == null ? QueueSnapshot.EMPTY : l.snapshot();
    }

    /** Completes with a reason when the operator cannot go on (e.g. it may not list what it watches). */
    public CompletableFuture<String> failed() {
        return failed;
    }

    public OperatorMetrics metrics() {
        return metrics;
    }

    /** The bound HTTPS webhook port, or -1 without it. */
    public int webhookPort() {
        return webhook == null ? -1 : webhook.port();
    }

    /** The bound HTTP port, or -1 without HTTP. */
    public int port() {
        return http == null ? -1 : http.port();
    }

    @Override
    public void close() {
        if (election != null) {
            election.cancel(true);
        }
        stopLoop();
        if (http != null) {
            http.close();
        }
        if (webhook != null) {
            webhook.close();
        }
    }
}
