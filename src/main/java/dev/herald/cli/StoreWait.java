package dev.herald.cli;

import dev.herald.Herald;
import dev.herald.config.HeraldConfig;
import dev.herald.ops.Health;
import dev.herald.ops.HeraldMetrics;
import dev.herald.ops.OpsServer;
import dev.herald.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The bot's start on a store it cannot reach yet (PostgreSQL down, or refusing the login): instead of exiting, as
 * other commands do, it keeps trying with back-off, serving {@code /healthz} (503 with the reason) and
 * {@code /metrics} on the bot's ops address meanwhile, and starts normally once the store answers. A service manager
 * that starts Herald before its database, or a database restarted at the same moment, needs no restart of Herald.
 *
 * <p>Each distinct failure is one WARN line naming the URL (which never holds the password) and the cause; attempts
 * failing the same way again are logged at DEBUG only, so a night of waiting is not a night of log lines.
 */
final class StoreWait {

    private static final Logger log = LoggerFactory.getLogger(StoreWait.class);
    /** Back-off between attempts: 1 s doubling to 15 s, so the bot is up within 15 s of the store. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(15);
    /**
     * How long SIGTERM waits for an attempt in progress: the driver's connect and login timeouts are 5 s each
     * (PostgresConnections), and an attempt that connects may still run the schema migration.
     */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private StoreWait() {
    }

    /**
     * Opens Herald, waiting while the store is unavailable.
     *
     * @param ops where to serve /healthz and /metrics while waiting; null for nowhere
     * @return Herald once the store answers, or null when the process was told to stop (SIGTERM, Ctrl-C) meanwhile
     * @throws UncheckedIOException when the ops address cannot be served (a port in use), as the bot's start fails
     */
    static Herald open(Supplier<Herald> open, InetSocketAddress ops) {
        String problem;
        try {
            return open.get();
        } catch (StoreUnavailableException e) {
            problem = e.getMessage();
        }
        long since = System.nanoTime();
        log.warn("{}; the bot keeps trying (every {} s at first, then up to every {} s){}", problem,
                FIRST_RETRY.toSeconds(), LONGEST_RETRY.toSeconds(), ops == null ? "" : ", /healthz answers 503 meanwhile");
        // read by the health endpoint's thread while this one retries
        AtomicReference<String> current = new AtomicReference<>(problem);
        Health health = new Health();
        health.add("store", current::get);
        OpsServer server = null;
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "herald-store-wait-stop");
        try {
            if (ops != null) {
                server = OpsServer.start(ops, health, new HeraldMetrics(), 2);
                // everything else, the webhook path included: 503, which Telegram retries, rather than a 404
                server.mount("/", ex -> {
                    ex.getResponseHeaders().set("Retry-After", Long.toString(LONGEST_RETRY.toSeconds()));
                    OpsServer.respond(ex, 503, "text/plain; charset=utf-8", "starting: " + current.get() + "\n");
                });
            }
            Runtime.getRuntime().addShutdownHook(hook);
            long delay = FIRST_RETRY.toMillis();
            while (true) {
                if (stop.await(delay, TimeUnit.MILLISECONDS)) {
                    log.warn("stopped while waiting for the store ({})", current.get());
                    return null;
                }
                Herald herald;
                try {
                    herald = open.get();
                } catch (StoreUnavailableException e) {
                    if (!e.getMessage().equals(current.get())) {
                        log.warn("{}; still trying", e.getMessage());
                    } else {
                        log.debug("store still unavailable: {}", e.getMessage());
                    }
                    current.set(e.getMessage());
                    delay = Math.min(delay * 2, LONGEST_RETRY.toMillis());
                    continue;
                }
                if (stop.getCount() == 0) {
                    herald.close();
                    return null;
                }
                log.warn("the store {} answers after {} s of waiting; starting", herald.database().describe(),
                        (System.nanoTime() - since) / 1_000_000_000);
                return herald;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve /healthz on " + ops + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            // closed before the bot serves the same address (in a normal start nothing answers there until then)
            if (server != null) server.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNotAdded) {
                // the hook runs (and is released above), or was never added
            }
        }
    }
}
