package dev.herald.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.store.CoordinationStore;
import dev.herald.store.UpdateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Which instance handles which update, through the store, so several instances (or one restarted) answer each
 * update once and a conversation's updates one after the other:
 * <ul>
 *   <li>an update is <em>taken</em> (a row keyed by its id, with its JSON) before it is acknowledged: before the
 *       webhook request is answered 200, before the polling offset moves past it. A second delivery is skipped.</li>
 *   <li>a conversation is <em>claimed</em> (a row keyed by chat and user) while one of its updates is handled; an
 *       update of a conversation another instance is busy with waits for it, so a reader's question and the
 *       follow-up right behind it are answered in order even when they reach different instances.</li>
 *   <li>an update is <em>done</em> once handled. One taken by an instance that died before that (its heartbeat
 *       ran out) is taken and handled by another ({@link #orphans}).</li>
 * </ul>
 * Taking and claiming wait only for the store, never for another instance's answer while holding a thread.
 */
final class UpdateLedger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UpdateLedger.class);
    /**
     * How soon an update whose conversation is busy on another instance looks again; each further try waits twice as
     * long, up to {@link #CLAIM_RETRY_MAX}. A fixed 25 ms made 20 waiting conversations cost hundreds of store queries
     * a second on one thread. The cost: such a wait may end up to 400 ms after the conversation is free.
     */
    static final Duration CLAIM_RETRY = Duration.ofMillis(25);
    static final Duration CLAIM_RETRY_MAX = Duration.ofMillis(400);
    /**
     * How often an update held back only by this instance's own earlier updates looks again: it is woken as soon as
     * one of them is done here ({@link #done}), so this is only the fallback for a "done" the store did not record.
     */
    static final Duration OWN_RECHECK = Duration.ofSeconds(5);
    /** Orphans older than this are not replayed: their reader has long given up (Telegram keeps updates 24 h). */
    static final Duration ORPHAN_MAX_AGE = Duration.ofHours(1);
    /**
     * An earlier update of the conversation holds a later one back only if taken this recently: far longer than any
     * answer (an LLM call times out after llm.timeout, 30 s by default), so one whose end was lost cannot block it.
     */
    static final Duration EARLIER_WINDOW = Duration.ofMinutes(10);

    private final UpdateStore updates;
    private final CoordinationStore coordination;
    private final String instance;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    /** Updates waiting here for their turn, by conversation, in update-id order. */
    private final Map<String, NavigableMap<Long, Waiter>> waiting = new HashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herald-claims");
        t.setDaemon(true);
        return t;
    });

    UpdateLedger(UpdateStore updates, CoordinationStore coordination, String instance, Clock clock) {
        this.updates = updates;
        this.coordination = coordination;
        this.instance = instance;
        this.clock = clock;
    }

    /**
     * Takes the update (of a conversation, or null) for this instance; false when it was handled, or is being handled,
     * already.
     */
    boolean take(Update u, String conversation) {
        if (u.getUpdateId() == null) return true;
        try {
            return updates.take(u.getUpdateId(), conversation, json.writeValueAsString(u), instance, clock.instant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("update " + u.getUpdateId() + " cannot be written as JSON", e);
        }
    }

    /**
     * Records the update (of the conversation, or null) as done, and wakes the conversation's next update waiting here
     * for its turn.
     */
    void done(Update u, String conversation) {
        if (u.getUpdateId() != null) updates.done(u.getUpdateId(), clock.instant());
        if (conversation == null) return;
        Waiter next;
        synchronized (waiting) {
            NavigableMap<Long, Waiter> queue = waiting.get(conversation);
            next = queue == null || queue.isEmpty() ? null : queue.firstEntry().getValue();
        }
        if (next != null) next.retryIn(0);
    }

    /**
     * Runs {@code work} once no earlier update of the conversation is unfinished and this instance holds the
     * conversation's claim, and releases it when the work's future completes; the returned future completes then too
     * (a store failure is logged and the work runs anyway, since answering out of order beats not answering). While
     * it waits it holds no thread: it is woken when an earlier update of the conversation is done here, and looks
     * again with back-off while another instance has one. If this instance stops first, the future never completes:
     * the update stays unfinished in the store, and the next instance handles it ({@link #orphans}).
     */
    CompletableFuture<Void> inTurn(String conversation, Update u, Supplier<CompletableFuture<Void>> work) {
        Waiter w = new Waiter(conversation, u.getUpdateId() == null ? Long.MAX_VALUE : u.getUpdateId(), work);
        synchronized (waiting) {
            waiting.computeIfAbsent(conversation, k -> new TreeMap<>()).put(w.updateId, w);
        }
        w.attempt();
        return w.result;
    }

    /** An update waiting for its conversation's turn: its looks run one at a time, and its work runs once. */
    private final class Waiter {
        final String conversation;
        final long updateId;
        final Supplier<CompletableFuture<Void>> work;
        final CompletableFuture<Void> result = new CompletableFuture<>();
        private int tries;
        private boolean granted;
        private ScheduledFuture<?> next;

        Waiter(String conversation, long updateId, Supplier<CompletableFuture<Void>> work) {
            this.conversation = conversation;
            this.updateId = updateId;
            this.work = work;
        }

        void attempt() {
            String name = "conversation:" + conversation;
            String claim = null;
            synchronized (this) {
                if (granted) return;
                try {
                    Set<String> holders = updates.earlierHolders(conversation, updateId, clock.instant().minus(EARLIER_WINDOW));
                    if (holders.equals(Set.of(instance))) {
                        schedule(OWN_RECHECK.toMillis()); // woken when they are done here
                        return;
                    }
                    if (!holders.isEmpty() || !coordination.claim(name, instance, clock.instant())) {
                        if (tries == 0) log.debug("{} has an earlier update in hand elsewhere; waiting for it", name);
                        schedule(Math.min(CLAIM_RETRY_MAX.toMillis(), CLAIM_RETRY.toMillis() << Math.min(tries, 5)));
                        tries++;
                        return;
                    }
                    claim = name;
                } catch (RuntimeException e) {
                    log.warn("claiming {} failed ({}); handling it unclaimed", name, e.getMessage());
                }
                granted = true;
                if (next != null) next.cancel(false);
            }
            synchronized (waiting) {
                NavigableMap<Long, Waiter> queue = waiting.get(conversation);
                if (queue != null && queue.remove(updateId, this) && queue.isEmpty()) waiting.remove(conversation);
            }
            run(work, result, claim);
        }

        /** Looks again after the delay (0: at once), instead of at the time planned. */
        synchronized void retryIn(long delayMillis) {
            if (!granted) schedule(delayMillis);
        }

        private void schedule(long delayMillis) {
            if (next != null) next.cancel(false);
            try {
                next = retries.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // closing: left unfinished in the store for the next instance
            }
        }
    }

    private void run(Supplier<CompletableFuture<Void>> work, CompletableFuture<Void> result, String claim) {
        CompletableFuture<Void> f;
        try {
            f = work.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((v, e) -> {
            if (claim != null) {
                try {
                    coordination.release(claim, instance);
                } catch (RuntimeException again) {
                    // the claim is freed when this instance stops beating; until then its own updates pass
                    log.warn("releasing {} failed: {}", claim, again.getMessage());
                }
            }
            result.complete(null);
        });
    }

    /** Updates other instances took and died before finishing, taken for this instance now, oldest first. */
    List<Update> orphans() {
        List<Update> out = new ArrayList<>();
        for (UpdateStore.Open o : updates.orphans(clock.instant(), ORPHAN_MAX_AGE, 100)) {
            try {
                Update u = json.readValue(o.json(), Update.class);
                if (updates.take(o.updateId(), o.conversation(), o.json(), instance, clock.instant())) out.add(u);
            } catch (JsonProcessingException e) {
                log.warn("update {} left by a stopped instance cannot be read; dropping it", o.updateId());
                updates.done(o.updateId(), clock.instant());
            }
        }
        return out;
    }

    /** Forgets updates older than a day. */
    void prune() {
        updates.prune(clock.instant().minus(Duration.ofDays(1)));
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
