package io.berth.operator;

import static io.berth.operator.MockCluster.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.config.Configuration;
import io.berth.operator.kube.KueueApi;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Restarts and replicas: the cache is rebuilt from the API server, nothing is admitted twice, only the leader acts. */
class OperatorSafetyTest {
    private MockCluster cluster;
    private final List<Operator> operators = new ArrayList<>();

    @BeforeEach
    void setUp() {
        cluster = new MockCluster();
    }

    @AfterEach
    void tearDown() {
        operators.forEach(Operator::close);
        cluster.close();
    }

    private Operator start(OperatorOptions options) throws Exception {
        Operator op = new Operator(cluster.newClient(), options, Clock.systemUTC());
        operators.add(op);
        op.start();
        return op;
    }

    private Operator standalone(String identity) throws Exception {
        Operator op = start(OperatorOptions.defaults(Configuration.DEFAULT, identity).withPort(-1));
        Await.until(identity + " is ready", op::ready);
        return op;
    }

    private Operator replica(String identity) throws Exception {
        return start(OperatorOptions.defaults(Configuration.DEFAULT, identity).withPort(0)
                .withLeaderElection("default", Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200)));
    }

    private static int get(Operator op, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + op.port() + path))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private List<String> runningJobs() {
        return cluster.client.batch().v1().jobs().inNamespace(MockCluster.NS).list().getItems().stream()
                .filter(j -> running(j) && (j.getStatus() == null || j.getStatus().getConditions() == null
                        || j.getStatus().getConditions().isEmpty()))
                .map(j -> j.getMetadata().getName()).sorted().toList();
    }

    private Map<String, Long> quotaReservedEventsByWorkload() {
        return cluster.client.v1().events().inNamespace(MockCluster.NS).list().getItems().stream()
                .filter(e -> "QuotaReserved".equals(e.getReason()))
                .collect(Collectors.groupingBy(e -> e.getInvolvedObject().getName(), Collectors.counting()));
    }

    @Test
    void killedAndRestartedInTheMiddleOfAStreamAdmitsNothingTwice() throws Exception {
        cluster.applyQueues("2");
        try (JobTracker tracker = new JobTracker(cluster)) {
            Operator first = standalone("first");
            for (int i = 0; i < 4; i++) {
                cluster.job("job-" + i, "1", null);
            }
            Await.until("two jobs run", () -> runningJobs().size() == 2);
            first.close(); // killed: the next instance knows only what the API server holds

            for (int i = 4; i < 8; i++) {
                cluster.job("job-" + i, "1", null);
            }
            standalone("second");
            int completed = 0;
            while (completed < 8) {
                Await.until("a job runs", () -> !runningJobs().isEmpty());
                cluster.complete(runningJobs().get(0));
                completed++;
                if (completed == 3) {
                    operators.get(1).close();
                    standalone("third");
                }
            }
            Await.until("every job finished its workload", () -> cluster.client.batch().v1().jobs()
                    .inNamespace(MockCluster.NS).list().getItems().stream().allMatch(j -> MockCluster.condition(
                            cluster.workloadOf(j.getMetadata().getName()), "Finished") != null));
            assertThat(tracker.maxRunning()).isEqualTo(2);
        }
        Map<String, Long> reserved = quotaReservedEventsByWorkload();
        assertThat(reserved.values()).as("no workload reserved quota twice").allMatch(n -> n == 1);
        // Events are best effort: an instance killed between its status write and its Event loses
        // the Event (at most one per kill), never the admission, which every Finished workload had.
        assertThat(reserved).hasSizeGreaterThanOrEqualTo(8 - 2);
    }

    @Test
    void onlyTheLeaderActsAndAnotherReplicaTakesOver() throws Exception {
        cluster.applyQueues("2");
        Operator a = replica("replica-a");
        Operator b = replica("replica-b");
        Await.until("one replica leads", () -> a.isLeader() || b.isLeader());
        Operator leader = a.isLeader() ? a : b;
        Operator follower = leader == a ? b : a;
        assertThat(follower.isLeader()).isFalse();

        cluster.job("before", "1", null);
        Await.until("before runs", () -> running(cluster.getJob("before")));
        String visibility = "/apis/visibility.kueue.x-k8s.io/v1beta2/clusterqueues/cq/pendingworkloads";
        Await.until("the leader serves the visibility API", () -> {
            try {
                return get(leader, visibility) == 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(get(follower, visibility)).as("a standby replica does not answer for the leader").isEqualTo(503);
        assertThat(get(follower, "/readyz")).as("a standby replica is ready to take over").isEqualTo(200);
        leader.close();
        Await.until("the other replica leads", follower::isLeader);
        cluster.job("after", "1", null);
        Await.until("after runs", () -> running(cluster.getJob("after")));

        List<Event> reserved = cluster.client.v1().events().inNamespace(MockCluster.NS).list().getItems().stream()
                .filter(e -> "QuotaReserved".equals(e.getReason())).toList();
        String leaderId = leader == a ? "replica-a" : "replica-b";
        String followerId = leader == a ? "replica-b" : "replica-a";
        Job before = cluster.getJob("before");
        assertThat(reserved).hasSize(2);
        assertThat(reserved).filteredOn(e -> e.getInvolvedObject().getName().startsWith("job-before-"))
                .singleElement().satisfies(e -> assertThat(e.getReportingInstance()).isEqualTo(leaderId));
        assertThat(reserved).filteredOn(e -> e.getInvolvedObject().getName().startsWith("job-after-"))
                .singleElement().satisfies(e -> assertThat(e.getReportingInstance()).isEqualTo(followerId));
        assertThat(running(before)).isTrue();
    }

    @Test
    void workloadAdmittedBeforeTheOperatorStartsKeepsItsQuota() throws Exception {
        cluster.applyQueues("2");
        // As Kueue (or an earlier Berth) left it: admitted, holding both CPUs.
        cluster.apply("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: Workload
                metadata: {name: running, namespace: team}
                spec:
                  queueName: lq
                  podSets:
                  - name: main
                    count: 2
                    template: {spec: {containers: [{name: c, resources: {requests: {cpu: "1"}}}]}}
                """);
        var ops = cluster.client.genericKubernetesResources(KueueApi.WORKLOAD).inNamespace(MockCluster.NS);
        var running = ops.withName("running").get();
        running.setAdditionalProperty("status", Map.of(
                "admission", Map.of("clusterQueue", "cq", "podSetAssignments", List.of(Map.of("name", "main",
                        "flavors", Map.of("cpu", "on-demand"), "resourceUsage", Map.of("cpu", "2"), "count", 2))),
                "conditions", List.of(Map.of("type", "QuotaReserved", "status", "True", "reason", "QuotaReserved",
                        "message", "Quota reserved in ClusterQueue cq", "lastTransitionTime", "2026-01-01T00:00:00Z"))));
        ops.resource(running).updateStatus();

        standalone("fresh");
        cluster.job("newcomer", "1", null);
        Await.until("newcomer waits with a reason", () -> MockCluster.condition(cluster.workloadOf("newcomer"),
                "QuotaReserved") != null);
        assertThat(MockCluster.condition(cluster.workloadOf("newcomer"), "QuotaReserved"))
                .containsEntry("status", "False").containsEntry("reason", "WaitingForQuota");
        assertThat(running(cluster.getJob("newcomer"))).isFalse();
        assertThat(MockCluster.condition(ops.withName("running").get(), "QuotaReserved")).containsEntry("status", "True");
    }
}
