package dev.herald.telegram;

import dev.herald.chat.MorningBriefings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends the morning briefings that are due, checking every {@link #EVERY} on a background thread from start-up (so
 * one missed while the bot was down goes out at start, within the hour). A chat that refuses messages
 * ({@link Pushes}) has its briefing turned off.
 */
final class BriefingPusher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BriefingPusher.class);

    /** A briefing goes out within this of its minute. */
    static final Duration EVERY = Duration.ofSeconds(20);

    private final Pushes pushes;
    private final MorningBriefings briefings;
    private final java.util.function.LongPredicate allowed;
    private final Clock clock;
    private final PushRounds rounds;

    /** @param allowed whether the bot talks to a chat ({@code telegram.allowed-chats}) */
    BriefingPusher(ReliableSender sender, MorningBriefings briefings, java.util.function.LongPredicate allowed,
                   Clock clock, String token) {
        this.allowed = allowed;
        this.pushes = new Pushes(sender, token);
        this.briefings = briefings;
        this.clock = clock;
        this.rounds = new PushRounds("herald-briefings", "morning briefings", this::round, token);
    }

    void start() {
        rounds.every(EVERY);
    }

    /** Sends every briefing due now; returns the chats sent to. */
    List<Long> round() {
        Instant now = clock.instant();
        List<Long> due = briefings.due(now);
        if (due.isEmpty()) return due;
        String html = TelegramHtml.answer(briefings.briefing(now));
        for (long chat : due) {
            if (!allowed.test(chat)) continue; // telegram.allowed-chats changed since it asked
            if (pushes.send(chat, html) == Pushes.Outcome.REFUSED) {
                log.warn("chat {}: daily briefing turned off", chat);
                briefings.off(chat);
            }
        }
        return due;
    }

    /** Stops the checks, waiting briefly for one in flight (it may be sending) before the database closes. */
    @Override
    public void close() {
        rounds.close();
    }
}
