package dev.herald.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded HTTP server (the JDK's {@link HttpServer}): {@code GET /healthz} (200 "ok", or 503 with the reasons)
 * and {@code GET /metrics} (Prometheus text), plus what else is mounted on it (the Telegram webhook).
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    /** The Prometheus text format Micrometer's {@code scrape()} writes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService threads;

    private OpsServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Starts serving on the address (port 0: any free port).
     *
     * @param threads request threads; a webhook needs as many as the updates Telegram sends at once (its
     *                {@code max_connections}, 40 by default), since each request waits only for the store write
     */
    public static OpsServer start(InetSocketAddress address, Health health, HeraldMetrics metrics, int threads)
            throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "herald-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/healthz", getOnly(ex -> {
            Health.Status s = health.check();
            respond(ex, s.ok() ? 200 : 503, "text/plain; charset=utf-8", s.text() + "\n");
        }));
        server.createContext("/metrics", getOnly(ex -> respond(ex, 200, PROMETHEUS_TEXT, metrics.scrape())));
        server.start();
        OpsServer ops = new OpsServer(server, pool);
        log.info("serving /healthz and /metrics on http://{}:{}", address.getHostString(), ops.port());
        return ops;
    }

    /** Serves {@code path} (and below it) with the handler. */
    public void mount(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static HttpHandler getOnly(HttpHandler h) {
        return ex -> {
            try (ex) {
                String method = ex.getRequestMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    ex.getResponseHeaders().set("Allow", "GET, HEAD");
                    respond(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
                    return;
                }
                h.handle(ex);
            }
        };
    }

    /** Sends a complete response (no body for HEAD). */
    public static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops accepting, lets requests in progress finish for up to a second. */
    @Override
    public void close() {
        server.stop(1);
        threads.shutdown();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
