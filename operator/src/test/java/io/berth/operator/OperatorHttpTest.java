package io.berth.operator;

import static io.berth.operator.MockCluster.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.config.Configuration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator's HTTP port on a live operator: probes, visibility with positions, Kueue's metric names. */
class OperatorHttpTest {
    private MockCluster cluster;
    private Operator operator;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() throws Exception {
        cluster = new MockCluster();
        cluster.applyQueues("1");
        operator = new Operator(cluster.newClient(), OperatorOptions.defaults(Configuration.DEFAULT, "http").withPort(0),
                Clock.systemUTC());
        operator.start();
        Await.until("ready", operator::ready);
    }

    @AfterEach
    void tearDown() {
        operator.close();
        cluster.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesProbesVisibilityAndMetrics() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);

        cluster.job("running", "1", "high"); // equal priority: the later high one cannot preempt it
        Await.until("running runs", () -> running(cluster.getJob("running")));
        cluster.job("second", "1", null);
        cluster.job("third", "1", "high");
        String path = "/apis/visibility.kueue.x-k8s.io/v1beta2/clusterqueues/cq/pendingworkloads";
        Await.until("two pending", () -> operator.snapshot().pendingIn("cq").size() == 2);

        HttpResponse<String> cq = get(path);
        assertThat(cq.statusCode()).isEqualTo(200);
        // The high-priority Job's workload is first in the queue.
        assertThat(cq.body()).containsPattern("\"name\":\"job-third-[0-9a-f]{5}\".*\"priority\":1000,"
                + "\"localQueueName\":\"lq\",\"positionInClusterQueue\":0,\"positionInLocalQueue\":0");
        assertThat(cq.body()).containsPattern("\"name\":\"job-second-[0-9a-f]{5}\".*\"positionInClusterQueue\":1");
        HttpResponse<String> paged = get("/apis/visibility.kueue.x-k8s.io/v1beta2/namespaces/team/localqueues/lq"
                + "/pendingworkloads?limit=1&offset=1");
        assertThat(paged.body()).contains("job-second-").doesNotContain("job-third-");
        assertThat(get("/apis/visibility.kueue.x-k8s.io/v1beta2/clusterqueues/nope/pendingworkloads").statusCode())
                .isEqualTo(404);
        assertThat(get(path + "?limit=x").statusCode()).isEqualTo(400);

        String metrics = get("/metrics").body();
        assertThat(metrics)
                .contains("kueue_admitted_workloads_total{cluster_queue=\"cq\",priority_class=\"high\",replica_role=\"standalone\"} 1.0")
                .contains("kueue_pending_workloads{cluster_queue=\"cq\",replica_role=\"standalone\",status=\"inadmissible\"}")
                .contains("kueue_cluster_queue_status{cluster_queue=\"cq\",replica_role=\"standalone\",status=\"active\"} 1.0")
                .contains("kueue_cluster_queue_nominal_quota{cluster_queue=\"cq\",cohort=\"\",flavor=\"on-demand\","
                        + "replica_role=\"standalone\",resource=\"cpu\"} 1.0")
                .contains("kueue_cluster_queue_resource_usage{cluster_queue=\"cq\",cohort=\"\",flavor=\"on-demand\","
                        + "replica_role=\"standalone\",resource=\"cpu\"} 1.0")
                .contains("kueue_admission_attempts_total{", "kueue_admission_attempt_duration_seconds_bucket{",
                        "kueue_admission_wait_time_seconds_bucket{")
                .as("as Kueue, no weighted share without fair sharing").doesNotContain("weighted_share");
    }
}
