package io.berth.operator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Job webhook over HTTPS with a PKCS#12 keystore, as the API server calls it. */
class WebhookServerTest {
    @TempDir
    Path dir;

    private Path keystore(String password) throws Exception {
        Path ks = dir.resolve("webhook.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "webhook", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost", "-validity", "1", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return ks;
    }

    /** The test trusts the self-signed certificate it just made; the API server uses the caBundle. */
    private static SSLContext trustAll() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return ctx;
    }

    @Test
    void answersAdmissionReviewsOverHttps() throws Exception {
        try (WebhookServer server = new WebhookServer(0, keystore("s3cret"), "s3cret".toCharArray())) {
            HttpClient client = HttpClient.newBuilder().sslContext(trustAll()).build();
            String review = """
                    {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u1","operation":"CREATE",
                     "kind":{"group":"batch","version":"v1","kind":"Job"},
                     "object":{"kind":"Job","metadata":{"name":"pi","labels":{"kueue.x-k8s.io/queue-name":"lq"}},"spec":{}}}}""";
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("https://localhost:" + server.port() + "/mutate-batch-v1-job"))
                    .POST(HttpRequest.BodyPublishers.ofString(review)).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"uid\":\"u1\"").contains("\"patchType\":\"JSONPatch\"");

            String conversion = """
                    {"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview","request":{"uid":"c1",
                     "desiredAPIVersion":"kueue.x-k8s.io/v1beta2","objects":[{"apiVersion":"kueue.x-k8s.io/v1beta1",
                     "kind":"ClusterQueue","metadata":{"name":"cq"},"spec":{"cohort":"all"}}]}}""";
            HttpResponse<String> converted = client.send(HttpRequest.newBuilder(
                            URI.create("https://localhost:" + server.port() + "/convert"))
                    .POST(HttpRequest.BodyPublishers.ofString(conversion)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(converted.statusCode()).isEqualTo(200);
            assertThat(converted.body()).contains("\"cohortName\":\"all\"").contains("\"status\":\"Success\"");
        }
    }

    @Test
    void wrongPasswordIsAClearError() throws Exception {
        Path ks = keystore("s3cret");
        assertThatThrownBy(() -> new WebhookServer(0, ks, "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webhook.p12");
    }
}
