package io.berth.operator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.operator.job.JobWebhook;
import io.berth.operator.status.QueueSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP port on the JDK's HttpServer (no web framework needed for five routes):
 * /healthz, /readyz, /metrics, the visibility API and the Job mutating webhook. Handlers read
 * only the published snapshot and metrics, never the engine.
 */
public final class HttpEndpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    /** Binds port (0 for any free one) on all interfaces. */
    /** acting: whether this replica runs the loop (the leader); a standby answers the visibility API with 503. */
    public HttpEndpoints(int port, Supplier<QueueSnapshot> snapshot, BooleanSupplier ready, BooleanSupplier acting,
                         OperatorMetrics metrics) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "berth-http");
            t.setDaemon(true);
            return t;
        }));
        JobWebhook webhook = new JobWebhook();
        server.createContext("/healthz", ex -> send(ex, 200, "text/plain", "ok"));
        server.createContext("/readyz", ex -> send(ex, ready.getAsBoolean() ? 200 : 503, "text/plain",
                ready.getAsBoolean() ? "ok" : "not ready: the cache is not rebuilt yet"));
        server.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        server.createContext(Visibility.PREFIX, ex -> {
            if (!acting.getAsBoolean()) {
                send(ex, 503, "application/json", status(503, "ServiceUnavailable",
                        "this replica is on standby; the leader serves the visibility API"));
                return;
            }
            try {
                Map<String, Object> body = Visibility.pendingWorkloads(snapshot.get(), ex.getRequestURI().getPath(),
                        query(ex.getRequestURI().getRawQuery()));
                if (body == null) {
                    send(ex, 404, "application/json", status(404, "NotFound", "no such queue: " + ex.getRequestURI().getPath()));
                } else {
                    send(ex, 200, "application/json", JSON.writeValueAsString(body));
                }
            } catch (Visibility.BadRequest e) {
                send(ex, 400, "application/json", status(400, "BadRequest", e.getMessage()));
            }
        });
        server.createContext(JobWebhook.PATH, ex -> {
            try {
                byte[] out = webhook.handle(ex.getRequestBody().readAllBytes());
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, out.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            } catch (IOException | IllegalArgumentException e) {
                send(ex, 400, "text/plain", "bad AdmissionReview: " + e.getMessage());
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static String status(int code, String reason, String message) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.put("status", "Failure");
        s.put("message", message);
        s.put("reason", reason);
        s.put("code", code);
        return JSON.writeValueAsString(s);
    }

    private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
