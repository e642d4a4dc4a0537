package dev.herald.telegram;

import dev.herald.chat.Follows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Pushes story alerts: on a background thread, right after this process stores articles and every {@code every}
 * (which finds articles another process stored), it matches the new articles against the follows and sends each
 * chat what {@link Follows#deliveries} allows. A chat Telegram will not deliver to ({@link Pushes}) is paused at the
 * first refusal, never retried.
 */
final class AlertPusher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertPusher.class);

    private final Pushes pushes;
    private final Follows follows;
    private final java.util.function.LongPredicate allowed;
    private final Clock clock;
    private final Duration every;
    private final PushRounds rounds;

    /** @param allowed whether the bot talks to a chat ({@code telegram.allowed-chats}) */
    AlertPusher(ReliableSender sender, Follows follows, java.util.function.LongPredicate allowed, Clock clock,
                Duration every, String token) {
        this(sender, follows, allowed, clock, every, token, java.util.function.UnaryOperator.identity());
    }

    /**
     * @param exclusive runs a round only where no other instance on the store runs one at the same moment (two
     *                  rounds reading the same due alerts would both send them)
     */
    AlertPusher(ReliableSender sender, Follows follows, java.util.function.LongPredicate allowed, Clock clock,
                Duration every, String token, java.util.function.UnaryOperator<Runnable> exclusive) {
        this.allowed = allowed;
        this.pushes = new Pushes(sender, token);
        this.follows = follows;
        this.clock = clock;
        this.every = every;
        this.rounds = new PushRounds("herald-alerts", "story alerts", exclusive.apply(this::round), token);
    }

    void start() {
        follows.onLocalChanges(rounds::soon);
        rounds.every(every);
    }

    /** Matches what arrived and sends what is due. */
    void round() {
        Instant now = clock.instant();
        int matched = follows.scan(now);
        if (matched > 0) log.info("{} new story alerts matched", matched);
        for (Follows.Delivery d : follows.deliveries(now)) deliver(d, now);
    }

    private void deliver(Follows.Delivery d, Instant now) {
        if (!allowed.test(d.chatId())) return; // telegram.allowed-chats changed since it followed
        for (Follows.Story s : d.alerts()) {
            if (!send(d.chatId(), AlertTexts.alert(s), now)) return;
        }
        if (!d.digest().isEmpty()) send(d.chatId(), AlertTexts.digest(d.digest()), now);
    }

    /** Sends one message; false when it could not be delivered, or the chat refused it (and is now paused). */
    private boolean send(long chatId, String html, Instant now) {
        Pushes.Outcome sent = pushes.send(chatId, html);
        if (sent == Pushes.Outcome.REFUSED) {
            log.warn("chat {}: story alerts paused until it writes again", chatId);
            follows.pause(chatId, "Telegram refused delivery", now);
        }
        return sent == Pushes.Outcome.SENT;
    }

    /** Stops the checks, waiting briefly for one in flight (it may be sending) before the database closes. */
    @Override
    public void close() {
        rounds.close();
    }
}
