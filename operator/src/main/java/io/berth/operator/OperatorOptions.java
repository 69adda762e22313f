package io.berth.operator;

import io.berth.api.config.Configuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run the operator. namespaces: where Jobs, Workloads and LocalQueues are watched (empty:
 * all). With leaderElect, replicas compete for the Lease leaseNamespace/leaseName and only the
 * holder reconciles. port: HTTP (metrics, visibility, probes, webhook); -1 for none, 0 for any.
 */
public record OperatorOptions(List<String> namespaces, Configuration configuration, boolean leaderElect,
                              String leaseNamespace, String leaseName, String identity, Duration leaseDuration,
                              Duration renewDeadline, Duration retryPeriod, int port, Webhook webhook) {
    /** The Job webhook over HTTPS on its own port, with a PKCS#12 keystore; null for no HTTPS webhook. */
    public record Webhook(int port, Path keystore, String password) {
    }

    public static final String DEFAULT_LEASE = "berth-operator-leader";

    public OperatorOptions {
        namespaces = List.copyOf(namespaces);
    }

    /** Defaults as Kubernetes controllers use them: 15 s lease, 10 s renew deadline, 2 s retry. */
    public static OperatorOptions defaults(Configuration configuration, String identity) {
        return new OperatorOptions(List.of(), configuration, false, "default", DEFAULT_LEASE, identity,
                Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), 8080, null);
    }

    public OperatorOptions withNamespaces(List<String> ns) {
        return new OperatorOptions(ns, configuration, leaderElect, leaseNamespace, leaseName, identity, leaseDuration,
                renewDeadline, retryPeriod, port, webhook);
    }

    public OperatorOptions withLeaderElection(String namespace, Duration lease, Duration renew, Duration retry) {
        return new OperatorOptions(namespaces, configuration, true, namespace, leaseName, identity, lease, renew, retry, port,
                webhook);
    }

    public OperatorOptions withPort(int p) {
        return new OperatorOptions(namespaces, configuration, leaderElect, leaseNamespace, leaseName, identity,
                leaseDuration, renewDeadline, retryPeriod, p, webhook);
    }

    public OperatorOptions withWebhook(Webhook w) {
        return new OperatorOptions(namespaces, configuration, leaderElect, leaseNamespace, leaseName, identity,
                leaseDuration, renewDeadline, retryPeriod, port, w);
    }
}
