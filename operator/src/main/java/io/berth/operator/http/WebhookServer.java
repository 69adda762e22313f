package io.berth.operator.http;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.berth.operator.conversion.KueueConversion;
import io.berth.operator.job.JobWebhook;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The webhooks over HTTPS, as the API server requires: the Job mutating webhook and the CRD
 * conversion webhook: a PKCS#12 keystore (cert-manager writes
 * one with spec.keystores.pkcs12) holds the serving certificate and key.
 */
public final class WebhookServer implements AutoCloseable {
    private final HttpsServer server;

    /** @throws IllegalArgumentException when the keystore cannot be read with this password */
    public WebhookServer(int port, Path keystore, char[] password) throws IOException {
        SSLContext tls = sslContext(keystore, password);
        server = HttpsServer.create(new InetSocketAddress(port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "berth-webhook");
            t.setDaemon(true);
            return t;
        }));
        JobWebhook webhook = new JobWebhook();
        KueueConversion conversion = new KueueConversion();
        route(JobWebhook.PATH, "AdmissionReview", webhook::handle);
        route(KueueConversion.PATH, "ConversionReview", conversion::handle);
        server.start();
    }

    private interface Handler {
        byte[] handle(byte[] body) throws IOException;
    }

    /** A JSON-in, JSON-out review endpoint; a body that is not such a review is answered 400. */
    private void route(String path, String what, Handler handler) {
        server.createContext(path, ex -> {
            byte[] out;
            int code = 200;
            try {
                out = handler.handle(ex.getRequestBody().readAllBytes());
                ex.getResponseHeaders().set("Content-Type", "application/json");
            } catch (IOException | IllegalArgumentException e) {
                code = 400;
                out = ("bad " + what + ": " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
            }
            ex.sendResponseHeaders(code, out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        });
    }

    static SSLContext sslContext(Path keystore, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(keystore + ": not a PKCS#12 keystore readable with the given password ("
                    + e.getMessage() + ")");
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                throw new IllegalArgumentException(keystore + ": wrong keystore password");
            }
            throw e;
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
