package dev.herald.sources;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A local web server for tests (127.0.0.1, random port): paths answer with handlers the test sets and changes. */
final class FakeSite implements AutoCloseable {

    /** One request as received. */
    record Hit(String path, Map<String, List<String>> headers) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
            }
            return null;
        }
    }

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    final List<Hit> hits = new CopyOnWriteArrayList<>();

    FakeSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-site");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", ex -> {
            try {
                hits.add(new Hit(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders())));
                Handler h = routes.get(ex.getRequestURI().getPath());
                if (h == null) send(ex, 404, "text/plain", "not found");
                else h.handle(ex);
            } catch (IOException e) {
                // the client went away (size limit, timeout): expected in some tests
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    FakeSite on(String path, Handler h) {
        routes.put(path, h);
        return this;
    }

    FakeSite serve(String path, String contentType, String body) {
        return on(path, ex -> send(ex, 200, contentType, body));
    }

    List<Hit> hitsTo(String path) {
        return hits.stream().filter(h -> h.path().equals(path)).toList();
    }

    static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) ex.getResponseHeaders().set("Content-Type", contentType);
        if (status == 304) {
            ex.sendResponseHeaders(304, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
