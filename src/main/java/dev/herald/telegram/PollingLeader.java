package dev.herald.telegram;

import dev.herald.store.CoordinationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Long polling by one instance at a time: Telegram allows one getUpdates session per bot (a second gets 409
 * Conflict). The poller holds the store's lease {@value #LEASE} for {@link #TTL}, renewed every {@link #EVERY};
 * the others try for it at the same rate, so when the poller dies (even by kill -9) one of them polls within TTL +
 * EVERY = 12 s. A poller that cannot renew (its store is unreachable, or it stalled and was overtaken) stops
 * polling before its lease could have passed to another.
 */
final class PollingLeader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PollingLeader.class);
    static final String LEASE = "telegram-polling";
    static final Duration TTL = Duration.ofSeconds(10);
    static final Duration EVERY = Duration.ofSeconds(2);

    /** Starts and stops the polling session. */
    interface Session {
        void start() throws Exception;

        void stop();
    }

    private final CoordinationStore store;
    private final String instance;
    private final Clock clock;
    private final Session session;
    private final Runnable onTakeOver;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herald-polling-lease");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean polling;
    private volatile boolean closed;
    private long lastRenewNanos;

    /** @param onTakeOver run right after this instance starts polling (adopting updates the last poller left) */
    PollingLeader(CoordinationStore store, String instance, Clock clock, Session session, Runnable onTakeOver) {
        this.store = store;
        this.instance = instance;
        this.clock = clock;
        this.session = session;
        this.onTakeOver = onTakeOver;
    }

    /**
     * Tries for the lease once, starting the session now if it is free (a failure to start, e.g. the token rejected,
     * is thrown), then keeps renewing or trying in the background.
     */
    void start() throws Exception {
        if (store.tryLease(LEASE, instance, clock.instant(), TTL)) {
            lastRenewNanos = System.nanoTime();
            try {
                session.start();
            } catch (Exception e) {
                store.releaseLease(LEASE, instance);
                throw e;
            }
            polling = true;
        } else {
            log.info("standing by: instance {} is polling Telegram; taking over if it stops",
                    store.leaseHolder(LEASE, clock.instant()).orElse("?"));
        }
        timer.scheduleWithFixedDelay(this::tick, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean polling() {
        return polling;
    }

    private synchronized void tick() {
        if (closed) return;
        boolean held;
        try {
            held = store.tryLease(LEASE, instance, clock.instant(), TTL);
        } catch (RuntimeException e) {
            log.warn("polling lease not renewed: {}", e.getMessage());
            held = false;
            // still ours until TTL after the last renewal; stop before another instance could take it
            if (polling && System.nanoTime() - lastRenewNanos < TTL.minus(EVERY.multipliedBy(2)).toNanos()) return;
        }
        if (held) lastRenewNanos = System.nanoTime();
        if (held && !polling) {
            try {
                session.start();
                polling = true;
                log.info("polling Telegram: took over from the previous instance");
                onTakeOver.run();
            } catch (Exception e) {
                log.warn("could not start polling ({}); trying again", e.getMessage());
                store.releaseLease(LEASE, instance);
            }
        } else if (!held && polling) {
            log.warn("lost the polling lease; standing by");
            polling = false;
            session.stop();
        }
    }

    /** Stops polling and gives the lease back, so a standby takes over at its next look (within 2 s). */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        timer.shutdownNow();
        if (polling) {
            polling = false;
            session.stop();
        }
        try {
            store.releaseLease(LEASE, instance);
        } catch (RuntimeException e) {
            log.debug("releasing the polling lease failed: {}", e.getMessage());
        }
    }
}
