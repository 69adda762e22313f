package io.berth.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.config.Configuration;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An operator that may not list what it watches says so and stops, instead of waiting forever unready. */
class OperatorFailureTest {
    @Test
    void missingCrdsAreAFailureWithTheReason() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(); // no CRUD: every list is 404 Not Found
        server.init();
        try (var client = server.createClient();
             Operator operator = new Operator(client, OperatorOptions.defaults(Configuration.DEFAULT, "x").withPort(-1),
                     Clock.systemUTC())) {
            operator.start();
            String reason = operator.failed().get(30, TimeUnit.SECONDS);
            assertThat(reason).startsWith("cannot watch the cluster: ").contains("Not Found")
                    .endsWith("(are Kueue's CRDs installed? kubectl apply -f deploy/crds/)");
            assertThat(operator.ready()).isFalse();
        } finally {
            server.destroy();
        }
    }
}
