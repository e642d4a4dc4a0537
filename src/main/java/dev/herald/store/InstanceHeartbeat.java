package dev.herald.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This process's identity among the instances on one store, kept alive by a heartbeat every {@link #EVERY}: while it
 * beats, the claims and updates it took are its own; once it stops (kill -9, a lost machine) they are free after
 * {@link #TTL}. A clean {@link #close()} frees them at once.
 */
public final class InstanceHeartbeat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InstanceHeartbeat.class);

    /** How often the heartbeat is written: one small upsert. */
    public static final Duration EVERY = Duration.ofSeconds(2);
    /**
     * How long a heartbeat lasts: five missed beats. A dead instance's work is taken over within this plus one
     * look by the others; a stalled writer (a long SQLite checkpoint, a GC pause) is far shorter.
     */
    public static final Duration TTL = Duration.ofSeconds(10);

    private final CoordinationStore store;
    private final Clock clock;
    private final String id;
    private final ScheduledExecutorService beats;
    private volatile boolean closed;

    public InstanceHeartbeat(CoordinationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.id = newId();
        store.beat(id, clock.instant(), TTL); // alive before it takes anything
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-heartbeat");
            t.setDaemon(true);
            return t;
        });
        beats.scheduleWithFixedDelay(this::beat, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** host-pid-random: readable in the tables, unique across restarts. */
    private static String newId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "host";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void beat() {
        if (closed) return;
        try {
            store.beat(id, clock.instant(), TTL);
        } catch (RuntimeException e) {
            // the next beat retries; five missed in a row hand this instance's work to the others
            log.warn("instance heartbeat failed: {}", e.getMessage());
        }
    }

    public String id() {
        return id;
    }

    public CoordinationStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    /** Stops beating and frees this instance's leases and claims. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        beats.shutdownNow();
        try {
            store.leave(id, clock.instant());
        } catch (RuntimeException e) {
            log.warn("leaving the store's instance list failed: {}", e.getMessage());
        }
    }
}
