package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.berth.api.config.Configuration;
import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import io.berth.api.io.Manifests;
import io.berth.operator.Operator;
import io.berth.operator.OperatorOptions;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** berth operator: the Kubernetes controller (Kueue's API and batch/v1 Jobs) on a real cluster. */
@Command(name = "operator", mixinStandardHelpOptions = true,
        description = {
            "Run Berth as a Kubernetes controller: admit Kueue Workloads and batch/v1 Jobs as Kueue would.",
            "Watches Kueue's kueue.x-k8s.io objects, Namespaces and Jobs and writes the decisions back (Workload "
                + "and queue status, Job suspend). Serves /healthz, /readyz, /metrics, the visibility API and the Job "
                + "webhook on --port."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:failed run", "2:bad input or usage"})
final class OperatorCommand implements Callable<Integer> {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig file (default: in-cluster service account, then $KUBECONFIG or ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--namespace", paramLabel = "NS",
            description = "Watch Jobs, Workloads and LocalQueues only in this namespace (repeatable; default: all).")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--leader-elect", description = "Compete for a coordination.k8s.io Lease; only the holder acts.")
    boolean leaderElect;

    @Option(names = "--lease-namespace", paramLabel = "NS",
            description = "Namespace of the leader election Lease (default: $POD_NAMESPACE, else default).")
    String leaseNamespace;

    @Option(names = "--identity", paramLabel = "ID", description = "This replica's identity (default: $HOSTNAME).")
    String identity;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A Kueue Configuration (config.kueue.x-k8s.io): fairSharing, waitForPodsReady, "
                    + "admissionFairSharing, resources.deviceClassMappings and Berth's berth: block.")
    Path configFile;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "HTTP port for probes, metrics, visibility and the webhook (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--webhook-keystore", paramLabel = "FILE",
            description = "PKCS#12 keystore with the webhook's serving certificate: serves the Job webhook over HTTPS "
                    + "on --webhook-port (password in $BERTH_WEBHOOK_KEYSTORE_PASSWORD).")
    Path webhookKeystore;

    @Option(names = "--webhook-port", paramLabel = "PORT", defaultValue = "9443",
            description = "HTTPS port of the Job webhook with --webhook-keystore (default: ${DEFAULT-VALUE}).")
    int webhookPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            err.println("berth operator: --port: expected a port from 0 to 65535, got " + port);
            return 2;
        }
        for (String ns : namespaces) {
            if (!DNS_LABEL.matcher(ns).matches()) {
                err.println("berth operator: --namespace: invalid namespace \"" + ns
                        + "\": expected a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)");
                return 2;
            }
        }
        if (webhookPort < 0 || webhookPort > 65535) {
            err.println("berth operator: --webhook-port: expected a port from 0 to 65535, got " + webhookPort);
            return 2;
        }
        if (webhookKeystore != null && (!Files.isReadable(webhookKeystore) || Files.isDirectory(webhookKeystore))) {
            err.println("berth operator: --webhook-keystore: cannot read " + webhookKeystore
                    + ": expected a readable PKCS#12 keystore file");
            return 2;
        }
        Configuration configuration = Configuration.DEFAULT;
        if (configFile != null) {
            configuration = readConfiguration(configFile, err);
            if (configuration == null) {
                return 2;
            }
        }
        Config config;
        if (kubeconfig != null) {
            if (!Files.isReadable(kubeconfig) || Files.isDirectory(kubeconfig)) {
                err.println("berth operator: --kubeconfig: cannot read " + kubeconfig + ": expected a readable kubeconfig file");
                return 2;
            }
            try {
                config = Config.fromKubeconfig(Files.readString(kubeconfig));
            } catch (RuntimeException e) {
                err.println("berth operator: --kubeconfig: " + kubeconfig + ": not a usable kubeconfig: " + e.getMessage());
                return 2;
            }
        } else {
            config = Config.autoConfigure(null);
        }
        String id = identity != null ? identity : System.getenv().getOrDefault("HOSTNAME", "berth-" + UUID.randomUUID());
        String leaseNs = leaseNamespace != null ? leaseNamespace : System.getenv().getOrDefault("POD_NAMESPACE", "default");
        OperatorOptions options = OperatorOptions.defaults(configuration, id).withNamespaces(namespaces).withPort(port);
        if (leaderElect) {
            options = options.withLeaderElection(leaseNs, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
        }
        if (webhookKeystore != null) {
            options = options.withWebhook(new OperatorOptions.Webhook(webhookPort, webhookKeystore,
                    System.getenv().getOrDefault("BERTH_WEBHOOK_KEYSTORE_PASSWORD", "")));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
             Operator operator = new Operator(client, options, Clock.systemUTC())) {
            try {
                operator.start();
            } catch (IllegalArgumentException e) {
                err.println("berth operator: --webhook-keystore: " + e.getMessage());
                return 2;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                operator.close();
                stopped.countDown();
            }, "berth-shutdown"));
            operator.failed().thenRun(stopped::countDown);
            err.println("berth operator: serving on port " + operator.port() + " as " + id
                    + (leaderElect ? " (leader election on Lease " + leaseNs + "/" + options.leaseName() + ")" : ""));
            stopped.await();
            String failure = operator.failed().getNow(null);
            if (failure != null) {
                err.println("berth operator: " + failure);
                return 1;
            }
        }
        return 0;
    }

    /** The file's Configuration; null (after printing located errors) when it is not one. */
    static Configuration readConfiguration(Path file, PrintWriter err) {
        Manifests manifests;
        try {
            manifests = ManifestReaders.checkingSelectors().read(List.of(file));
        } catch (InputException e) {
            for (InputError error : e.errors()) {
                err.println("error: " + error);
            }
            return null;
        }
        if (!manifests.objects().isEmpty()) {
            err.println("error: " + file + ": " + manifests.objects().get(0).ref()
                    + ": expected only a config.kueue.x-k8s.io Configuration in --config");
            return null;
        }
        if (!hasConfigurationDocument(file)) {
            err.println("error: " + file + ": expected a config.kueue.x-k8s.io Configuration (kind: Configuration)");
            return null;
        }
        return manifests.configuration();
    }

    /** Whether the (already validated) file has a document of kind Configuration. */
    private static boolean hasConfigurationDocument(Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && "Configuration".equals(doc.path("kind").asText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
