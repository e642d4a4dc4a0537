package dev.herald.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The background thread of one kind of message the bot sends by itself (story alerts, morning briefings): a round
 * runs on a fixed delay and, when asked, soon; a failing round is logged and tried again at the next, never ending
 * the schedule. Closing waits briefly for a round in flight (it may be sending) before the database closes.
 */
final class PushRounds implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushRounds.class);

    private final String what;
    private final Runnable round;
    private final String token;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean queued = new AtomicBoolean();

    /**
     * @param what  what the rounds send, for the log ("story alerts")
     * @param token scrubbed from logged failures
     */
    PushRounds(String threadName, String what, Runnable round, String token) {
        this.what = what;
        this.round = round;
        this.token = token;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs a round now and then every {@code every}. */
    void every(Duration every) {
        thread.scheduleWithFixedDelay(this::safely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs a round soon; rounds asked for while one is waiting are one round. */
    void soon() {
        if (!queued.compareAndSet(false, true)) return;
        try {
            thread.execute(() -> {
                queued.set(false);
                safely();
            });
        } catch (RejectedExecutionException closed) {
            queued.set(false);
        }
    }

    private void safely() {
        try {
            round.run();
        } catch (RuntimeException e) {
            log.error("{} failed (retried at the next round): {}", what, Redact.describe(e, token));
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
